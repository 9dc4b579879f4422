import { describe, expect, it } from 'vitest';
import { lineAtTime, passageTime } from '../../../renderer/features/media/cueTiming.js';
import { linesFromSyncPoints, syncPointsFor, timeAtPosition } from '../../../shared/refi/transcriptSync.js';

// "Ann: Hi.\nBo: Hello there.\n\nAnn: Bye." — three timed lines and a blank one.
const TEXT = 'Ann: Hi.\nBo: Hello there.\n\nAnn: Bye.';
const LINES = [
  { start: 0, end: 8, startMs: 1000, endMs: 3000 },
  { start: 9, end: 25, startMs: 3000, endMs: 7000 },
  { start: 27, end: 36, startMs: 9000, endMs: 10000 },
];

describe('the line being said', () => {
  it('is the last line started by then, and none in a pause or before the first', () => {
    expect(lineAtTime(LINES, 0)).toBe(-1);
    expect(lineAtTime(LINES, 1000)).toBe(0);
    expect(lineAtTime(LINES, 2999)).toBe(0);
    expect(lineAtTime(LINES, 3000)).toBe(1);
    expect(lineAtTime(LINES, 8000)).toBe(-1); // the pause between 7 s and 9 s
    expect(lineAtTime(LINES, 9500)).toBe(2);
    expect(lineAtTime(LINES, 20_000)).toBe(-1);
    expect(lineAtTime([], 5)).toBe(-1);
  });
});

describe('when a passage was said', () => {
  it('runs from the first line it touches to the end of the last; null when untimed', () => {
    expect(passageTime(LINES, 12, 17)).toEqual([3000, 7000]);
    expect(passageTime(LINES, 5, 30)).toEqual([1000, 10000]);
    expect(passageTime(LINES, 26, 26)).toBeNull(); // the blank line
    expect(passageTime(LINES, 9, 9)).toEqual([3000, 7000]); // a caret at a line's start
  });
});

describe('REFI-QDA sync points', () => {
  it('time inside a line runs evenly; line ends and selection ends each get one point', () => {
    expect(timeAtPosition(LINES, 9)).toBe(3000);
    expect(timeAtPosition(LINES, 17)).toBe(5000);
    expect(timeAtPosition(LINES, 25)).toBe(7000);
    const { points } = syncPointsFor('t', LINES, [17, 9]);
    expect(points.map((p) => [p.position, p.timeMs])).toEqual([[0, 1000], [8, 3000], [9, 3000], [17, 5000], [25, 7000], [27, 9000], [36, 10000]]);
    expect(new Set(points.map((p) => p.guid)).size).toBe(points.length);
  });
  it('timed lines come back from the points exactly', () => {
    const { points } = syncPointsFor('t', LINES, [17]);
    expect(linesFromSyncPoints(TEXT, points)).toEqual(LINES);
  });
});
