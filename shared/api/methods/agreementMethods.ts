import { z } from 'zod';
import type { AcceptResult, AgreementResult, SourceDisagreements } from '../../domain/agreementTypes.js';
import { codingChangeIn } from '../affects.js';
import { jobId } from '../../jobs/jobArg.js';
import { method } from '../defineMethod.js';

const id = z.number().int().positive();
const coder = z.string().trim().min(1, 'name a coder');

const query = z.object({
  coderA: coder,
  coderB: coder,
  codeIds: z.array(id).optional(),
  sourceIds: z.array(id).optional(),
  excludeUncoded: z.boolean().optional(),
  alphaCoders: z.array(coder).optional(),
});

export const agreementMethods = {
  /**
   * Coding comparison: % agreement and Cohen's kappa per code, per code × source and pooled; Krippendorff's alpha. Unit: the character (code point).
   * Runs as a job in the worker process (progress, Cancel); the app keeps answering meanwhile.
   */
  'agreement.compare': method<AgreementResult>()(query.extend({ jobId }), { long: true }),
  /** The passages of one source where the two coders' codings differ, both versions side by side. */
  'agreement.disagreements': method<SourceDisagreements>()(query.extend({ sourceId: id })),
  /** Makes the current coder's coding of a code in [start, end) match `from`'s version; one undoable step. */
  'agreement.accept': method<AcceptResult>()(
    z.object({ sourceId: id, codeId: id, start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), from: coder }),
    { mutates: true, affects: (a) => codingChangeIn(a.sourceId) },
  ),
} as const;
