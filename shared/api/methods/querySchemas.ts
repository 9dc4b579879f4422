/**
 * Argument schemas for query definitions (checked at every transport
 * boundary). They mirror shared/queries/types.ts.
 */
import { z } from 'zod';
import type { CodeExpr } from '../../queries/types.js';

export const id = z.number().int().positive();

export const codeRef = z.union([z.object({ codeId: id }).strict(), z.object({ path: z.string().min(1) }).strict()]);

const leaf = z.union([
  z.object({ op: z.literal('code'), codeId: id, children: z.boolean().optional() }).strict(),
  z.object({ op: z.literal('code'), path: z.string().min(1), children: z.boolean().optional() }).strict(),
]);

export const codeExpr: z.ZodType<CodeExpr> = z.lazy(() =>
  z.union([
    leaf,
    z.object({ op: z.enum(['and', 'or']), items: z.array(codeExpr).min(1).max(50) }),
    z.object({ op: z.literal('not'), left: codeExpr, right: codeExpr }),
    z.object({
      op: z.literal('near'),
      left: codeExpr,
      right: codeExpr,
      within: z.union([z.number().int().nonnegative(), z.literal('paragraph')]),
      retrieve: z.enum(['left', 'both']).optional(),
    }),
  ]),
) as z.ZodType<CodeExpr>;

export const caseFilter = z.object({
  where: z
    .array(
      z.object({
        attribute: z.string().min(1),
        operator: z.enum(['=', '!=', '<', '<=', '>', '>=']).optional(),
        value: z.string(),
        scope: z.enum(['case', 'source']).optional(),
      }),
    )
    .max(50)
    .optional(),
  set: z.string().optional(),
  cases: z.array(z.string()).optional(),
});

export const searchOptions = z.object({
  expression: z.string(),
  stem: z.boolean().optional(),
  sourceIds: z.array(id).optional(),
  contextChars: z.number().int().nonnegative().max(1000).optional(),
  offset: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().max(100_000).optional(),
});

export const codingQueryDef = z.object({
  expr: codeExpr,
  filter: caseFilter.optional(),
  coder: z.string().optional(),
});

export const matrixMeasure = z.enum(['references', 'sources', 'cases', 'words', 'coverage']);

export const matrixQueryDef = z.object({
  rows: z.union([
    z.object({ kind: z.literal('cases'), cases: z.array(z.string()).optional() }),
    z.object({ kind: z.literal('setCases'), set: z.string() }),
    z.object({ kind: z.literal('sets'), sets: z.array(z.string()).optional(), of: z.enum(['cases', 'sources', 'codes']).optional() }),
    z.object({ kind: z.literal('attribute'), attribute: z.string() }),
    z.object({ kind: z.literal('classification'), classification: z.string() }),
    z.object({ kind: z.literal('codes'), codes: z.array(codeRef).optional(), children: z.boolean().optional() }),
  ]),
  cols: z.union([
    z.object({ kind: z.literal('codes'), codes: z.array(codeRef).optional(), children: z.boolean().optional() }),
    z.object({ kind: z.literal('children'), of: codeRef }),
  ]),
  measure: matrixMeasure.optional(),
  filter: caseFilter.optional(),
  coder: z.string().optional(),
  casesOf: z.string().optional(),
});

export const cooccurrenceDef = z.object({
  codes: z.array(codeRef).optional(),
  children: z.boolean().optional(),
  mode: z.enum(['overlap', 'paragraph']).optional(),
  filter: caseFilter.optional(),
  coder: z.string().optional(),
});

export const wordFrequencyDef = z.object({
  scope: z
    .union([
      z.object({ kind: z.literal('project') }),
      z.object({ kind: z.literal('code'), codeId: id, children: z.boolean().optional() }),
      z.object({ kind: z.literal('code'), path: z.string().min(1), children: z.boolean().optional() }),
      z.object({ kind: z.literal('filter'), filter: caseFilter }),
    ])
    .optional(),
  top: z.number().int().positive().max(10_000).optional(),
  minLength: z.number().int().positive().max(100).optional(),
  stem: z.boolean().optional(),
  useStopWords: z.boolean().optional(),
  coder: z.string().optional(),
});

export const chartDef = z.object({
  attribute: z.string(),
  codes: z.array(codeRef).optional(),
  measure: z.enum(['references', 'sources', 'cases', 'words']).optional(),
  filter: caseFilter.optional(),
  coder: z.string().optional(),
});
