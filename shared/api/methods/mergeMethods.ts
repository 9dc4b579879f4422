import { z } from 'zod';
import { jobId } from '../../jobs/jobArg.js';
import type { MergePreview, MergeResult } from '../../domain/mergeTypes.js';
import { EVERYTHING } from '../affects.js';
import { method } from '../defineMethod.js';

const path = z.string().trim().min(1, 'the path of the other project file is needed');
const decisions = z.record(z.string(), z.enum(['mine', 'theirs', 'both']));

export const mergeMethods = {
  /**
   * What merging a co-author's .quarry file would add, what matches, every conflict and every row left out.
   * Reads the other file only, in a reader process with a time budget; a long job (jobId) so it can be cancelled.
   */
  'merge.preview': method<MergePreview>()(z.object({ path, decisions: decisions.optional(), jobId }), { long: true }),
  /** Merges it with the given decisions (defaults for the rest): one undoable step. */
  'merge.apply': method<MergeResult>()(z.object({ path, decisions: decisions.optional(), jobId }), { mutates: true, affects: EVERYTHING, long: true }),
} as const;
