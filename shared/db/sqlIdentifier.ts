/**
 * The one place where a name or a text is put into SQL source. Every
 * identifier Quarry interpolates goes through quoteIdent, every literal it
 * cannot bind as a parameter (inside trigger bodies) through quoteString, so
 * a quote, `END;` or `ATTACH` inside a name stays part of the name.
 */
import { QuarryError } from '../errors.js';

function refuseNul(s: string): void {
  // SQLite stops reading SQL text at a NUL: whatever followed would be cut off, not quoted.
  if (s.includes('\u0000')) throw new QuarryError('internal', 'A name inside Quarry contains a NUL character.');
}

/** A double-quoted SQL identifier. */
export function quoteIdent(name: string): string {
  refuseNul(name);
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted SQL string literal. */
export function quoteString(text: string): string {
  refuseNul(text);
  return `'${text.replace(/'/g, "''")}'`;
}
