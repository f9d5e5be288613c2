#!/usr/bin/env node
// Deterministic due-date queries for the business-time benchmarks, one JSON line each:
//   {"op":"due","start":"2026-03-02T10:15:00+01:00","minutes":480}
//
//   node generate-queries.mjs N SEED [--long SHARE] [--fractional SHARE] [--utc SHARE] > queries.jsonl
//
// The same N, SEED and options always give the same file, byte for byte, on any machine
// (no dependency, no time-zone database: the Europe/Berlin offset comes from the EU rule).
//
// - start: a minute drawn uniformly from the local year 2026 in Europe/Berlin
//   (2025-12-31T23:00Z up to, not including, 2026-12-31T23:00Z), written with the Berlin offset
//   in force at that instant (+01:00 or +02:00), or, for a share of them (--utc, default 0.5),
//   as the same instant with +00:00. Both name the same instant; the calendar's zone decides the
//   working day either way.
// - minutes: business minutes, from a mix of the durations SLA targets use:
//     30%  1 .. 60          (response times)
//     30%  61 .. 480        (within one 8-hour business day)
//     25%  481 .. 2400      (1 to 5 business days)
//     15%  2401 .. 4800     (5 to 10 business days)
//   With --long SHARE, that share of the queries instead runs from 4801 up to 600000 minutes
//   (about 5 years of 8-hour business days), log-uniformly, so most stay within months. The
//   default is 0: peers that walk day by day get slower with every day crossed, so long
//   durations are an explicit choice of the run.
//   With --fractional SHARE, that share of the durations gets a fraction of a minute
//   (a multiple of 1/100 minute); the default is 0, whole minutes.

const USAGE = 'usage: node generate-queries.mjs N SEED [--long SHARE] [--fractional SHARE] [--utc SHARE] > queries.jsonl';

function fail(message) {
  process.stderr.write(`generate-queries: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function share(name, text) {
  const value = Number(text);
  if (text === undefined || !Number.isFinite(value) || value < 0 || value > 1) fail(`${name} needs a share between 0 and 1`);
  return value;
}

function parseArguments(argv) {
  const positional = [];
  const options = { long: 0, fractional: 0, utc: 0.5 };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--long': options.long = share('--long', argv[++i]); break;
      case '--fractional': options.fractional = share('--fractional', argv[++i]); break;
      case '--utc': options.utc = share('--utc', argv[++i]); break;
      default:
        if (argv[i].startsWith('--')) fail(`unknown option ${argv[i]}`);
        positional.push(argv[i]);
    }
  }
  if (positional.length !== 2) fail('N and SEED are required');
  const count = Number(positional[0]);
  const seed = Number(positional[1]);
  if (!Number.isSafeInteger(count) || count < 0) fail(`N must be a whole number, not "${positional[0]}"`);
  if (!Number.isSafeInteger(seed)) fail(`SEED must be a whole number, not "${positional[1]}"`);
  return { count, seed, ...options };
}

// A small 32-bit generator: the state advances by an odd constant (a Weyl sequence) and each
// output is a bit-mixed copy of it. Plenty for spreading test inputs; not for cryptography.
function createRandom(seed) {
  let state = (Math.trunc(seed) ^ 0x5bd1e995) >>> 0;
  const next32 = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  // 53 random bits, as in a double in [0, 1).
  const uniform = () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  const integer = (low, high) => low + Math.floor(uniform() * (high - low + 1)); // inclusive
  return { uniform, integer };
}

const MINUTE = 60_000;

// Europe/Berlin: UTC+1, and UTC+2 from 01:00 UTC on the last Sunday of March until 01:00 UTC
// on the last Sunday of October (the EU rule, in force since 1996).
function lastSundayAtOneUtc(year, month) {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

function berlinOffsetMinutes(epochMs) {
  const year = new Date(epochMs).getUTCFullYear();
  return epochMs >= lastSundayAtOneUtc(year, 2) && epochMs < lastSundayAtOneUtc(year, 9) ? 120 : 60;
}

const pad = (value, width = 2) => String(value).padStart(width, '0');

function isoWithOffset(epochMs, offsetMinutes) {
  const local = new Date(epochMs + offsetMinutes * MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}

function drawMinutes(random, options) {
  if (options.long > 0 && random.uniform() < options.long) {
    const low = Math.log(4801);
    const high = Math.log(600000);
    return Math.min(600000, Math.round(Math.exp(low + random.uniform() * (high - low))));
  }
  const pick = random.uniform();
  if (pick < 0.30) return random.integer(1, 60);
  if (pick < 0.60) return random.integer(61, 480);
  if (pick < 0.85) return random.integer(481, 2400);
  return random.integer(2401, 4800);
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  const random = createRandom(options.seed);
  const yearStart = Date.UTC(2025, 11, 31, 23, 0); // 2026-01-01T00:00 in Berlin
  const yearMinutes = (Date.UTC(2026, 11, 31, 23, 0) - yearStart) / MINUTE;

  let chunk = [];
  const flush = () => {
    if (chunk.length > 0) process.stdout.write(chunk.join(''));
    chunk = [];
  };
  for (let i = 0; i < options.count; i++) {
    const start = yearStart + random.integer(0, yearMinutes - 1) * MINUTE;
    const offset = random.uniform() < options.utc ? 0 : berlinOffsetMinutes(start);
    let minutes = drawMinutes(random, options);
    if (options.fractional > 0 && random.uniform() < options.fractional) {
      // The last whole minute becomes a fraction of one (0.01 .. 0.99), so the duration stays above zero.
      minutes = Math.round((minutes - 1 + random.integer(1, 99) / 100) * 100) / 100;
    }
    chunk.push(`{"op":"due","start":"${isoWithOffset(start, offset)}","minutes":${minutes}}\n`);
    if (chunk.length >= 16384) flush();
  }
  flush();
}

main();
