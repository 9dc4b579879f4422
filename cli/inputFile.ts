/**
 * A file named on the command line for a command to read (a REFI-QDA package, a
 * transcript): checked before the project is opened, so a mistyped name is one line
 * naming it as the user typed it. The contract method reads the file by its path.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { QuarryError } from '../shared/errors.js';
import type { CliIo } from './io.js';
import { abs } from './projectAccess.js';

/** The file's full path; refused when there is no file there. */
export function requireInputFile(io: CliIo, shown: string): string {
  const path = abs(io, shown);
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new QuarryError('not_found', `${shown}: no such file`, { file: basename(shown) });
  }
  if (!isFile) throw new QuarryError('invalid_input', `${shown}: not a file (is it a folder?)`, { file: basename(shown) });
  return path;
}
