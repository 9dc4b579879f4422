import { z } from 'zod';
import type { FrameworkCandidate, FrameworkCell, FrameworkMatrix, FrameworkSummary } from '../../queries/types.js';
import { method } from '../defineMethod.js';
import { id } from './querySchemas.js';

const header = z.object({
  id: id.optional(),
  label: z.string().max(500).optional(),
  codeId: id.optional(),
  codePath: z.string().optional(),
  caseId: id.optional(),
  caseName: z.string().optional(),
});
const cellRef = z.object({ matrixId: id, rowId: id, colId: id });
const codingIds = z.array(id).min(1).max(10_000);

export const frameworkMethods = {
  'frameworks.list': method<FrameworkSummary[]>()(z.object({}), { reads: ['frameworks'] }),
  'frameworks.get': method<FrameworkMatrix>()(z.object({ id })),
  'frameworks.create': method<FrameworkMatrix>()(
    z.object({ name: z.string(), caption: z.string().max(2000).optional(), rows: z.array(header).max(2000), cols: z.array(header).max(500) }),
    { mutates: true, affects: ['frameworks', 'history'] },
  ),
  'frameworks.update': method<FrameworkMatrix>()(z.object({ id, name: z.string().optional(), caption: z.string().max(2000).optional() }), {
    mutates: true, affects: ['frameworks', 'history'],
  }),
  /** Replaces the rows or the columns; headers keep their cells when their id is given. */
  'frameworks.setHeaders': method<FrameworkMatrix>()(z.object({ id, axis: z.enum(['row', 'column']), headers: z.array(header).max(2000) }), {
    mutates: true, affects: ['frameworks', 'history'],
  }),
  'frameworks.delete': method<null>()(z.object({ id }), { mutates: true, affects: ['frameworks', 'history'] }),
  'frameworks.cell': method<FrameworkCell>()(cellRef),
  'frameworks.setCell': method<FrameworkCell>()(cellRef.extend({ summary: z.string() }), { mutates: true, affects: ['frameworks', 'history'] }),
  'frameworks.link': method<FrameworkCell>()(cellRef.extend({ codingIds }), { mutates: true, affects: ['frameworks', 'history'] }),
  'frameworks.unlink': method<FrameworkCell>()(cellRef.extend({ codingIds }), { mutates: true, affects: ['frameworks', 'history'] }),
  /** The coded passages that fit the cell's row and column (shown beside the editor). */
  'frameworks.candidates': method<FrameworkCandidate[]>()(cellRef.extend({ coder: z.string().optional() })),
} as const;
