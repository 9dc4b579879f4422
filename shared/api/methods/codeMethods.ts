import { z } from 'zod';
import type { AppliedCoding, CodedPassage, CodeNode, Coding } from '../../domain/types.js';
import { method } from '../defineMethod.js';
import { codeNameSchema, colorSchema } from './valueSchemas.js';

const id = z.number().int().positive();
const pos = z.number().int().nonnegative();
const color = colorSchema;
const name = codeNameSchema;

export const codeMethods = {
  /** Counts are for the coders in view: everyone, or `coder` (see queries/references.ts). */
  'codes.tree': method<CodeNode[]>()(z.object({ coder: z.string().optional() })),
  'codes.create': method<{ id: number }>()(
    z.object({
      parentId: id.nullable().optional(),
      name: name.optional(),
      path: z.string().optional(),
      color: color.optional(),
      description: z.string().optional(),
    }),
    { mutates: true },
  ),
  'codes.update': method<null>()(
    z.object({ id, name: name.optional(), color: color.optional(), description: z.string().optional() }),
    { mutates: true },
  ),
  'codes.move': method<null>()(z.object({ id, parentId: id.nullable(), index: z.number().int().nonnegative().optional() }), { mutates: true }),
  'codes.merge': method<{ moved: number; collapsed: number }>()(z.object({ from: id, into: id }), { mutates: true }),
  'codes.deletePreview': method<{ codes: number; codings: number }>()(z.object({ id })),
  'codes.delete': method<{ codes: number; codings: number }>()(z.object({ id }), { mutates: true }),

  /** Merges with your overlapping or touching codings at the code; `alreadyCoded` when nothing changed. */
  'codings.apply': method<AppliedCoding>()(
    z.object({ sourceId: id, start: pos, end: pos, codeId: id.optional(), codePath: z.string().optional() }),
    { mutates: true },
  ),
  /** A new code named from the selected words (under parentId), applied to the span: one undoable step. */
  'codings.inVivo': method<{ coding: Coding; codeId: number; name: string; created: boolean }>()(
    z.object({ sourceId: id, start: pos, end: pos, parentId: id.nullable().optional(), name: z.string().max(200).optional() }),
    { mutates: true },
  ),
  'codings.remove': method<null>()(z.object({ id }), { mutates: true }),
  'codings.uncodeSelection': method<{ removed: number }>()(z.object({ sourceId: id, codeId: id, start: pos, end: pos }), { mutates: true }),
  'codings.resize': method<Coding>()(z.object({ id, start: pos, end: pos }), { mutates: true }),
  'codings.recode': method<Coding>()(z.object({ id, codeId: id }), { mutates: true }),
  'codings.passages': method<CodedPassage[]>()(
    z.object({ codeId: id.optional(), includeChildren: z.boolean().optional(), sourceId: id.optional(), coder: z.string().optional() }),
  ),
} as const;
