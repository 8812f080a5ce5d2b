import { test } from 'node:test';
import assert from 'node:assert/strict';
import { YearTracker } from './year-tracker.js';

const JAN = 0;
const FEB = 1;
const MAR = 2;
const OCT = 9;
const NOV = 10;
const DEC = 11;

test('an explicit year is the year of the first line', () => {
  const years = new YearTracker({ year: 2015 });
  assert.equal(years.yearFor(DEC), 2015);
  assert.equal(years.yearFor(DEC), 2015);
});

test('a reference time gives its year, minus one when the first month is after its month', () => {
  const mtime = Date.UTC(2026, MAR, 5);
  assert.equal(new YearTracker({ referenceTime: mtime }).yearFor(FEB), 2026);
  assert.equal(new YearTracker({ referenceTime: mtime }).yearFor(MAR), 2026);
  assert.equal(new YearTracker({ referenceTime: mtime }).yearFor(NOV), 2025);
});

test('the reference time is read in the log time zone', () => {
  // 23:30 UTC on December 31 is already January 1 at UTC+1.
  const mtime = Date.UTC(2025, DEC, 31, 23, 30);
  assert.equal(new YearTracker({ referenceTime: mtime }).yearFor(JAN), 2025);
  assert.equal(new YearTracker({ referenceTime: mtime, utcOffsetMinutes: 60 }).yearFor(JAN), 2026);
  assert.equal(new YearTracker({ referenceTime: mtime, utcOffsetMinutes: 60 }).yearFor(DEC), 2025);
});

test('the year rolls forward when the month goes back from December to January', () => {
  const years = new YearTracker({ year: 2025 });
  assert.deepEqual([NOV, DEC, DEC, JAN, JAN, FEB].map((m) => years.yearFor(m)), [2025, 2025, 2025, 2026, 2026, 2026]);
});

test('several rollovers in one long file', () => {
  const years = new YearTracker({ year: 2020 });
  const months = [OCT, DEC, JAN, MAR, OCT, DEC, JAN];
  assert.deepEqual(months.map((m) => years.yearFor(m)), [2020, 2020, 2021, 2021, 2021, 2021, 2022]);
});

test('a line one month late does not roll the year, before or after a rollover', () => {
  const years = new YearTracker({ year: 2025 });
  assert.deepEqual([NOV, OCT, NOV, DEC, JAN, DEC, JAN].map((m) => years.yearFor(m)), [2025, 2025, 2025, 2025, 2026, 2025, 2026]);
});

test('a gap of several months moves forward within the year, a jump back of two months or more is a new year', () => {
  const years = new YearTracker({ year: 2025 });
  assert.equal(years.yearFor(FEB), 2025);
  assert.equal(years.yearFor(OCT), 2025);
  assert.equal(years.yearFor(MAR), 2026);
});
