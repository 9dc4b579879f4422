/**
 * Where the reader process's script is. Built Quarry (server, CLI, Electron)
 * runs it beside this module; tests that run the TypeScript sources bundle
 * it and name the bundle in QUARRY_FOREIGN_READER.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QuarryError } from '../errors.js';

export function foreignReaderEntry(): string {
  const named = process.env.QUARRY_FOREIGN_READER;
  const entry = named || fileURLToPath(new URL('./foreignReaderChild.js', import.meta.url));
  if (!existsSync(entry)) throw new QuarryError('internal', 'Quarry is incomplete: the reader for other project files is missing. Reinstall Quarry.');
  return entry;
}
