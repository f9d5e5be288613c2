#!/usr/bin/env node
// The peer side of Pledge's due-date benchmark: the same JSON-lines contract as
// `pledge calendar batch` (only "due" queries), answered by moment-business-time on the
// calendar of calendar.json.
//
//   node peer-due.mjs [QUERIES.jsonl | -] [--calendar calendar.json] [--quiet]
//
// Reads one query a line from the file (or stdin when the path is "-" or missing):
//   {"op":"due","start":"2026-03-02T10:15:00+01:00","minutes":480}
// and writes one line per non-empty input line, in order, to stdout:
//   {"due":"2026-03-03T10:15:00+01:00"}   or   {"error":"..."}
// On stderr it prints how many lines it answered and how fast, timed inside the script
// (process.hrtime), so that the rate can be compared with a timing taken from outside
// (`time node peer-due.mjs q.jsonl > out.jsonl`, which adds node's start and module loading).

import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const loadStarted = process.hrtime.bigint();
const require = createRequire(import.meta.url);
// moment-timezone and moment-business-time both extend the one `moment` package that npm
// dedupes into node_modules/moment, so the zone support and the working-time methods meet on
// the same moment objects.
const moment = require('moment-timezone');
require('moment-business-time');
const versions = {
  moment: moment.version,
  'moment-timezone': require('moment-timezone/package.json').version,
  'moment-business-time': require('moment-business-time/package.json').version,
  tzdata: moment.tz.dataVersion,
};

const here = dirname(fileURLToPath(import.meta.url));
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const OFFSET_AT_END = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;
const FLUSH_AT = 1 << 20; // write stdout in chunks of about 1 MB

function usage(message) {
  process.stderr.write(`peer-due: ${message}\nusage: node peer-due.mjs [QUERIES.jsonl | -] [--calendar calendar.json] [--quiet]\n`);
  process.exit(2);
}

function parseArguments(argv) {
  const options = { input: '-', calendar: join(here, 'calendar.json'), quiet: false };
  let sawInput = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--calendar') {
      if (i + 1 >= argv.length) usage('--calendar needs a file');
      options.calendar = argv[++i];
    } else if (argument === '--quiet') {
      options.quiet = true;
    } else if (argument === '-h' || argument === '--help') {
      usage('help');
    } else if (argument.startsWith('--')) {
      usage(`unknown option ${argument}`);
    } else if (!sawInput) {
      options.input = argument;
      sawInput = true;
    } else {
      usage(`unexpected argument ${argument}`);
    }
  }
  return options;
}

// calendar.json has the shape of a Pledge calendar file ({timezone, week, holidays}); the peer
// can express only windows inside one day, so anything else is refused rather than approximated.
function loadCalendar(path) {
  const calendar = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof calendar.timezone !== 'string' || !moment.tz.zone(calendar.timezone)) {
    throw new Error(`${path}: timezone "${calendar.timezone}" is not a zone moment-timezone knows`);
  }
  const workinghours = {};
  for (let day = 0; day < DAYS.length; day++) {
    const windows = (calendar.week ?? {})[DAYS[day]] ?? [];
    if (windows.length === 0) {
      workinghours[day] = null;
      continue;
    }
    const times = [];
    for (const window of windows) {
      const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(window);
      if (!match) throw new Error(`${path}: week.${DAYS[day]}: "${window}" is not HH:MM-HH:MM`);
      const [, openHour, openMinute, closeHour, closeMinute] = match;
      if (`${closeHour}:${closeMinute}` <= `${openHour}:${openMinute}` || closeHour === '24') {
        throw new Error(`${path}: week.${DAYS[day]}: "${window}" crosses midnight or ends at 24:00, which moment-business-time cannot express`);
      }
      times.push(`${openHour}:${openMinute}:00`, `${closeHour}:${closeMinute}:00`);
    }
    workinghours[day] = times;
  }
  const holidays = calendar.holidays ?? [];
  for (const holiday of holidays) {
    if (typeof holiday !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(holiday)) {
      throw new Error(`${path}: holiday ${JSON.stringify(holiday)} is not a YYYY-MM-DD date (the peer has no shortened days)`);
    }
  }
  return { zone: calendar.timezone, workinghours, holidays };
}

function formatInstant(m) {
  return m.milliseconds() === 0 ? m.format('YYYY-MM-DDTHH:mm:ssZ') : m.format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

function answer(line, zone) {
  let query;
  try {
    query = JSON.parse(line);
  } catch {
    return { error: 'not a JSON object' };
  }
  if (query === null || typeof query !== 'object') return { error: 'not a JSON object' };
  if (query.op !== 'due') return { error: `op ${JSON.stringify(query.op)} is not supported by the peer (only "due")` };
  const { start, minutes } = query;
  if (typeof start !== 'string' || !OFFSET_AT_END.test(start)) return { error: 'start must be an ISO-8601 instant with an offset' };
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) return { error: 'minutes must be a number' };
  const instant = moment(start, moment.ISO_8601, true);
  if (!instant.isValid()) return { error: `start "${start}" is not an ISO-8601 instant` };
  // The working day and hours are read in the calendar's zone, whatever the input's offset.
  const due = instant.tz(zone).addWorkingTime(minutes, 'minutes');
  return { due: formatInstant(due) };
}

async function* lines(input) {
  const stream = input === '-' ? process.stdin : createReadStream(input, { highWaterMark: 1 << 20 });
  stream.setEncoding('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + chunk;
    let from = 0;
    for (let newline = text.indexOf('\n', from); newline >= 0; newline = text.indexOf('\n', from)) {
      yield text.slice(from, newline);
      from = newline + 1;
    }
    rest = text.slice(from);
  }
  if (rest.length > 0) yield rest;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  let calendar;
  try {
    calendar = loadCalendar(options.calendar);
  } catch (e) {
    usage(e.message);
  }
  moment.updateLocale('en', { workinghours: calendar.workinghours, holidays: calendar.holidays });
  const loaded = process.hrtime.bigint();

  let count = 0;
  let errors = 0;
  let pending = [];
  let pendingLength = 0;
  for await (const raw of lines(options.input)) {
    const line = raw.trim();
    if (line.length === 0) continue;
    let result;
    try {
      result = answer(line, calendar.zone);
    } catch (e) {
      result = { error: `peer failed: ${e.message}` };
    }
    if (result.error !== undefined) errors++;
    const text = JSON.stringify(result);
    pending.push(text);
    pendingLength += text.length + 1;
    count++;
    if (pendingLength >= FLUSH_AT) {
      process.stdout.write(pending.join('\n') + '\n');
      pending = [];
      pendingLength = 0;
    }
  }
  if (pending.length > 0) process.stdout.write(pending.join('\n') + '\n');
  const done = process.hrtime.bigint();

  if (!options.quiet) {
    const seconds = Number(done - loaded) / 1e9;
    const loadSeconds = Number(loaded - loadStarted) / 1e9;
    const rate = seconds > 0 ? count / seconds : 0;
    const used = Object.entries(versions).map(([name, version]) => `${name} ${version}`).join(', ');
    process.stderr.write(
      `peer-due: ${count} lines (${errors} errors) in ${seconds.toFixed(3)} s = ${rate.toFixed(0)} lines/s` +
      ` (read, compute, write; module loading ${loadSeconds.toFixed(3)} s not included)\n` +
      `peer-due: node ${process.version}, ${used}\n`);
  }
}

await main();
