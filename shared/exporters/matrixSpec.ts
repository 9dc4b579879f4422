/**
 * The matrix axes as `quarry matrix` and `quarry export … matrix` write them:
 * rows cases | cases:CLASSIFICATION | attribute:NAME | set:NAME | sets | sets:sources | sets:codes | codes; columns codes |
 * children:PATH.
 */
import { QuarryError } from '../errors.js';
import type { MatrixColumns, MatrixRows } from '../queries/types.js';

const after = (spec: string, prefix: string): string | undefined => (spec.toLowerCase().startsWith(prefix) ? spec.slice(prefix.length).trim() : undefined);

export function parseMatrixRows(spec: string): MatrixRows {
  const s = spec.trim();
  const lower = s.toLowerCase();
  if (lower === 'cases') return { kind: 'cases' };
  if (lower === 'sets') return { kind: 'sets' };
  const setsOf = /^sets:(cases|sources|codes)$/.exec(lower);
  if (setsOf) return { kind: 'sets', of: setsOf[1] as 'cases' | 'sources' | 'codes' };
  if (lower === 'codes') return { kind: 'codes' };
  const attribute = after(s, 'attribute:');
  if (attribute) return { kind: 'attribute', attribute };
  const set = after(s, 'set:');
  if (set) return { kind: 'setCases', set };
  const classification = after(s, 'cases:');
  if (classification) return { kind: 'classification', classification };
  throw new QuarryError('bad_request', `The rows “${spec}” are not understood; use cases, cases:CLASSIFICATION, attribute:NAME, set:NAME, sets, sets:sources, sets:codes or codes.`);
}

/** Columns from `--cols` and the codes of `--col PATH` (repeatable): listed codes make the columns, in that order. */
export function parseMatrixCols(spec: string, codes: readonly string[] = []): MatrixColumns {
  const s = spec.trim();
  const listed = codes.length ? { codes: codes.map((path) => ({ path })) } : {};
  if (s.toLowerCase() === 'codes') return { kind: 'codes', ...listed };
  const of = after(s, 'children:');
  if (of && codes.length) throw new QuarryError('bad_request', `Give the columns either as children:PATH or as codes (--col PATH), not both.`);
  if (of) return { kind: 'children', of: { path: of } };
  throw new QuarryError('bad_request', `The columns “${spec}” are not understood; use codes or children:PATH.`);
}

/** Rows with the codes listed for them (only rows "codes" take a list). */
export function withRowCodes(rows: MatrixRows, codes: readonly string[] = []): MatrixRows {
  if (codes.length === 0) return rows;
  if (rows.kind !== 'codes') throw new QuarryError('bad_request', `Only rows “codes” take a list of codes.`);
  return { ...rows, codes: codes.map((path) => ({ path })) };
}

/** What the row-label column is called in the table. */
export function rowsHeader(rows: MatrixRows): string {
  switch (rows.kind) {
    case 'attribute':
      return rows.attribute;
    case 'classification':
      return rows.classification;
    case 'sets':
      return rows.of === 'sources' ? 'Source set' : rows.of === 'codes' ? 'Code set' : 'Case set';
    case 'codes':
      return 'Code';
    default:
      return 'Case';
  }
}
