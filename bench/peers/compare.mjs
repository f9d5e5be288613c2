#!/usr/bin/env node
// Compares two JSON-lines answer files line by line as instants, not as text, so that
// "2026-03-30T10:00:00+02:00" and "2026-03-30T08:00:00Z" agree.
//
//   node compare.mjs QUERIES.jsonl PEER.jsonl PLEDGE.jsonl [--tolerance-ms N] [--show N]
//
// Prints how many answers agree and the first differences, with the query that caused them.
// Exits 1 when any answer differs by more than the tolerance (default 0 ms).

import { readFileSync } from 'node:fs';

const USAGE = 'usage: node compare.mjs QUERIES.jsonl PEER.jsonl PLEDGE.jsonl [--tolerance-ms N] [--show N]';
const files = [];
let toleranceMs = 0;
let show = 10;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--tolerance-ms') toleranceMs = Number(argv[++i]);
  else if (argv[i] === '--show') show = Number(argv[++i]);
  else files.push(argv[i]);
}
if (files.length !== 3 || !Number.isFinite(toleranceMs) || !Number.isFinite(show)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

const read = (path) => readFileSync(path, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
const [queries, peer, pledge] = files.map(read);
if (peer.length !== queries.length || pledge.length !== queries.length) {
  process.stderr.write(`line counts differ: ${queries.length} queries, ${peer.length} peer answers, ${pledge.length} Pledge answers\n`);
  process.exit(1);
}

// Date.parse keeps milliseconds only; finer fractions of a second are compared to the millisecond.
// An offset written as "+01" (hours only) is accepted too.
function instant(answer) {
  const value = JSON.parse(answer);
  if (typeof value.due !== 'string') return { error: value.error ?? answer };
  const text = value.due.replace(/([+-]\d{2})$/, '$1:00').replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? { error: `unreadable instant ${value.due}` } : { ms };
}

let agree = 0;
const differences = [];
for (let i = 0; i < queries.length; i++) {
  const a = instant(peer[i]);
  const b = instant(pledge[i]);
  const same = a.ms !== undefined && b.ms !== undefined
    ? Math.abs(a.ms - b.ms) <= toleranceMs
    : a.error !== undefined && b.error !== undefined;
  if (same) agree++;
  else differences.push({ line: i + 1, query: queries[i], peer: peer[i], pledge: pledge[i], peerMinusPledgeSeconds: a.ms !== undefined && b.ms !== undefined ? (a.ms - b.ms) / 1000 : null });
}

process.stdout.write(`${agree} of ${queries.length} answers agree (tolerance ${toleranceMs} ms); ${differences.length} differ\n`);
for (const difference of differences.slice(0, show)) process.stdout.write(`${JSON.stringify(difference)}\n`);
process.exit(differences.length === 0 ? 0 : 1);
