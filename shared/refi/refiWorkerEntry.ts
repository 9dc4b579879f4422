/**
 * Where the REFI-QDA worker's script is. Built Quarry (server, CLI,
 * Electron) runs it beside this module; tests that run the TypeScript
 * sources bundle it and name the bundle in QUARRY_REFI_WORKER.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QuarryError } from '../errors.js';

export function refiWorkerEntry(): string {
  const entry = process.env.QUARRY_REFI_WORKER || fileURLToPath(new URL('./refiWorkerChild.js', import.meta.url));
  if (!existsSync(entry)) throw new QuarryError('internal', 'Quarry is incomplete: the REFI-QDA worker is missing. Reinstall Quarry.');
  return entry;
}
