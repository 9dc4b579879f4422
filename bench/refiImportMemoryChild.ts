/**
 * Child of the REFI import memory benchmark: reads one .qdpx the way the
 * import does (readRefiFile) in a fresh process and prints, as JSON, its
 * resident memory before and the peak during the read.
 */
import { readFileSync } from 'node:fs';
import { readRefiFile } from '../shared/refi/readRefiFile.js';

const MB = 1024 * 1024;
const path = process.argv[2]!;
const bytes = new Uint8Array(readFileSync(path));
const before = process.memoryUsage().rss;
const started = performance.now();
const result = readRefiFile('large.qdpx', bytes);
const ms = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;
const text = result.project.sources.reduce((n, s) => n + s.text.length, 0);
process.stdout.write(`${JSON.stringify({ fileMB: bytes.length / MB, textMB: text / MB, sources: result.project.sources.length, beforeMB: before / MB, peakMB: peak / MB, ms })}\n`);
