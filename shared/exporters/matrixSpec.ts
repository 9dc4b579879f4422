/**
 * The matrix axes as `quarry matrix` and `quarry export … matrix` write them:
 * rows cases | cases:CLASSIFICATION | attribute:NAME | set:NAME | sets | codes; columns codes |
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
  if (lower === 'codes') return { kind: 'codes' };
  const attribute = after(s, 'attribute:');
  if (attribute) return { kind: 'attribute', attribute };
  const set = after(s, 'set:');
  if (set) return { kind: 'setCases', set };
  const classification = after(s, 'cases:');
  if (classification) return { kind: 'classification', classification };
  throw new QuarryError('bad_request', `The rows “${spec}” are not understood; use cases, cases:CLASSIFICATION, attribute:NAME, set:NAME, sets or codes.`);
}

export function parseMatrixCols(spec: string): MatrixColumns {
  const s = spec.trim();
  if (s.toLowerCase() === 'codes') return { kind: 'codes' };
  const of = after(s, 'children:');
  if (of) return { kind: 'children', of: { path: of } };
  throw new QuarryError('bad_request', `The columns “${spec}” are not understood; use codes or children:PATH.`);
}

/** What the row-label column is called in the table. */
export function rowsHeader(rows: MatrixRows): string {
  switch (rows.kind) {
    case 'attribute':
      return rows.attribute;
    case 'classification':
      return rows.classification;
    case 'sets':
      return 'Case set';
    case 'codes':
      return 'Code';
    default:
      return 'Case';
  }
}
