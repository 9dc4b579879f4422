/**
 * A damaged page met while reading or writing (SQLite reports it as
 * SQLITE_CORRUPT): said in plain words and naming the file, instead of
 * "something went wrong". The schema check at open cannot see a damaged data
 * page without reading the whole file (quick_check takes seconds on a large
 * project), so this is where such damage surfaces.
 */
import { QuarryError } from '../errors.js';

export function isDamage(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export function damageError(fileName: string): QuarryError {
  return new QuarryError(
    'invalid_input',
    `${fileName}: part of the project file is damaged, so Quarry could not read or change it there. Nothing was changed. ` +
      `Restore a backup, or open a cleaned copy to keep everything that can still be read.`,
    { file: fileName, cleanedCopy: true },
  );
}
