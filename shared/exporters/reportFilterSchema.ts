/**
 * The shape of a report filter (see reportFilter.ts for what it selects),
 * apart from the code that applies it: the contract's schemas, which the
 * renderer loads too, need the shape without the store layer behind it.
 */
import { z } from 'zod';
import type { CaseFilter } from '../queries/types.js';

export interface ReportFilter extends CaseFilter {
  /** Only passages of these sources, by name. */
  sources?: string[];
  /** Only cases whose own classification this is (by name); their passages include their sub-cases'. */
  classification?: string;
}

const name = z.string().min(1).max(500);

export const reportFilterSchema = z
  .object({
    where: z
      .array(z.object({ attribute: name, operator: z.enum(['=', '!=', '<', '<=', '>', '>=']).optional(), value: z.string().max(500), scope: z.enum(['case', 'source']).optional() }))
      .max(100)
      .optional(),
    set: name.optional(),
    cases: z.array(name).max(10_000).optional(),
    sources: z.array(name).max(10_000).optional(),
    classification: name.optional(),
  })
  .optional();

