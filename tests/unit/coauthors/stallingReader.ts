/**
 * A reader of co-authors' files that never answers: it spins in one
 * synchronous loop, as the real reader would inside a SQLite query that does
 * not end. Since Quarry's schema check now refuses files whose reads could
 * run for ever (a view in place of a table) before anything is read, the
 * time budget, Cancel and the server's responsiveness are tested against
 * this stand-in: they must work whatever keeps the reader busy.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../db/testProject.js';

const script = join(tempDir('quarry-stalling-reader-'), 'stalling-reader.mjs');
writeFileSync(script, `process.on('message', () => { for (;;) {} });\n`);

/** Runs fn while merges start the stalling reader instead of the real one. */
export async function withStallingReader<T>(fn: () => Promise<T>): Promise<T> {
  const real = process.env.QUARRY_FOREIGN_READER;
  process.env.QUARRY_FOREIGN_READER = script;
  try {
    return await fn();
  } finally {
    if (real === undefined) delete process.env.QUARRY_FOREIGN_READER;
    else process.env.QUARRY_FOREIGN_READER = real;
  }
}

export const STALLING_READER_SCRIPT = script;
