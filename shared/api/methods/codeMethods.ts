import { z } from 'zod';
import type { AppliedCodingWithCounts, CodedPassage, CodeNode, Coding, CodingsChange } from '../../domain/types.js';
import { CODINGS_EVERYWHERE, codingChangeIn } from '../affects.js';
import { method } from '../defineMethod.js';
import { codeNameSchema, colorSchema } from './valueSchemas.js';

const id = z.number().int().positive();
const pos = z.number().int().nonnegative();
const color = colorSchema;
const name = codeNameSchema;

export const codeMethods = {
  /** Counts are for the coders in view: everyone, or `coder` (see queries/references.ts). */
  'codes.tree': method<CodeNode[]>()(z.object({ coder: z.string().optional() }), { reads: ['codes', 'counts'] }),
  'codes.create': method<{ id: number }>()(
    z.object({
      parentId: id.nullable().optional(),
      name: name.optional(),
      path: z.string().optional(),
      color: color.optional(),
      description: z.string().optional(),
    }),
    { mutates: true, affects: ['codes', 'project', 'history'] },
  ),
  /** `color: null` takes the code's colour away: it has none again (drawn in the default, exported without one). */
  'codes.update': method<null>()(
    z.object({ id, name: name.optional(), color: color.nullable().optional(), description: z.string().optional() }),
    { mutates: true, affects: ['codes', 'history'] },
  ),
  'codes.move': method<null>()(z.object({ id, parentId: id.nullable(), index: z.number().int().nonnegative().optional() }), { mutates: true, affects: ['codes', 'counts', 'history'] }),
  'codes.merge': method<{ moved: number; collapsed: number }>()(z.object({ from: id, into: id }), { mutates: true, affects: [...CODINGS_EVERYWHERE, 'sets'] }),
  'codes.deletePreview': method<{ codes: number; codings: number }>()(z.object({ id })),
  'codes.delete': method<{ codes: number; codings: number }>()(z.object({ id }), { mutates: true, affects: [...CODINGS_EVERYWHERE, 'sets'] }),

  /**
   * Merges with your overlapping or touching codings at the code; `alreadyCoded` when nothing changed.
   * `countChange` (with `codeId`) says how the code tree's numbers moved, for everyone and for you.
   */
  'codings.apply': method<AppliedCodingWithCounts>()(
    z.object({ sourceId: id, start: pos, end: pos, codeId: id.optional(), codePath: z.string().optional() }),
    { mutates: true, affects: (a) => (a.codePath === undefined ? codingChangeIn(a.sourceId) : [...codingChangeIn(a.sourceId), 'codes']) },
  ),
  /*
   * The coding changes below answer with `change` (see CodingsChange): the source's codings
   * gone and saved, and how the numbers moved; absent when several coders' codings changed.
   */
  /** A new code named from the selected words (under parentId), applied to the span: one undoable step. */
  'codings.inVivo': method<{ coding: Coding; codeId: number; name: string; created: boolean; change?: CodingsChange }>()(
    z.object({ sourceId: id, start: pos, end: pos, parentId: id.nullable().optional(), name: z.string().max(200).optional() }),
    { mutates: true, affects: (a) => [...codingChangeIn(a.sourceId), 'codes'] },
  ),
  'codings.remove': method<{ change?: CodingsChange }>()(z.object({ id }), { mutates: true, affects: codingChangeIn(undefined) }),
  'codings.uncodeSelection': method<{ removed: number; change?: CodingsChange }>()(z.object({ sourceId: id, codeId: id, start: pos, end: pos }), { mutates: true, affects: (a) => codingChangeIn(a.sourceId) }),
  'codings.resize': method<Coding & { change?: CodingsChange }>()(z.object({ id, start: pos, end: pos }), { mutates: true, affects: codingChangeIn(undefined) }),
  'codings.recode': method<Coding & { change?: CodingsChange }>()(z.object({ id, codeId: id }), { mutates: true, affects: codingChangeIn(undefined) }),
  'codings.passages': method<CodedPassage[]>()(
    z.object({ codeId: id.optional(), includeChildren: z.boolean().optional(), sourceId: id.optional(), coder: z.string().optional() }),
  ),
} as const;
