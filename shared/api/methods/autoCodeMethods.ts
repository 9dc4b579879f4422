import { z } from 'zod';
import { jobId } from '../../jobs/jobArg.js';
import { AUTO_CODE_MODES, type AutoCodePreview, type AutoCodeResult } from '../../domain/autoCode.js';
import { CODINGS_EVERYWHERE } from '../affects.js';
import { method } from '../defineMethod.js';

const request = z.object({
  mode: z.enum(AUTO_CODE_MODES as [AutoCodePreview['mode'], ...AutoCodePreview['mode'][]]),
  /** Omitted = every source. */
  sourceIds: z.array(z.number().int().positive()).min(1).optional(),
  /** Omitted = "Speakers", "Questions", "Headings" or "Paragraphs"; '' = top level. */
  parentPath: z.string().max(2000).optional(),
  /** Only these codes, relative to the parent ("Respondent", "Q3"). */
  only: z.array(z.string()).optional(),
});

export const autoCodeMethods = {
  /** What a run would code: codes with passage counts and samples, per-source counts, or why it cannot run. */
  'autoCode.preview': method<AutoCodePreview>()(request),
  /** Codes it, as one undoable step; `coded` is the number of new codings. */
  'autoCode.apply': method<AutoCodeResult>()(request.extend({ jobId }), { mutates: true, affects: CODINGS_EVERYWHERE, long: true }),
} as const;
