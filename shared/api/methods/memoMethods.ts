import { z } from 'zod';
import type { Memo } from '../../domain/types.js';
import { method } from '../defineMethod.js';

const id = z.number().int().positive();
const target = z.enum(['project', 'source', 'code', 'coding', 'case', 'span']);

export const memoMethods = {
  'memos.list': method<Memo[]>()(
    z.object({
      target: target.optional(),
      sourceId: id.optional(),
      codeId: id.optional(),
      codingId: id.optional(),
      caseId: id.optional(),
      text: z.string().optional(),
    }),
    { reads: ['memos'] },
  ),
  'memos.add': method<Memo>()(
    z.object({
      target,
      sourceId: id.optional(),
      codeId: id.optional(),
      codingId: id.optional(),
      caseId: id.optional(),
      start: z.number().int().nonnegative().optional(),
      end: z.number().int().nonnegative().optional(),
      title: z.string().max(500).optional(),
      body: z.string().max(1_000_000),
    }),
    { mutates: true, affects: ['memos', 'project', 'history'] },
  ),
  'memos.update': method<Memo>()(z.object({ id, title: z.string().max(500).optional(), body: z.string().max(1_000_000) }), { mutates: true, affects: ['memos', 'history'] }),
  'memos.delete': method<null>()(z.object({ id }), { mutates: true, affects: ['memos', 'project', 'history'] }),
} as const;
