/**
 * Source sets and code sets (case sets are caseSets.*, in caseMethods.ts:
 * they may be defined by a rule). Members are source ids or code ids.
 */
import { z } from 'zod';
import type { ItemSetInfo } from '../../domain/setTypes.js';
import { method } from '../defineMethod.js';
import { nameSchema } from './valueSchemas.js';

const id = z.number().int().positive();
const ids = z.array(id).max(100_000);
const kind = z.enum(['sources', 'codes']);
const AFFECTS = ['sets', 'history'] as const;

export const setMethods = {
  /** Every source set and code set with its members, or those of one kind. */
  // Members are ids, so only membership matters: deleting a source or a code (or merging codes) declares 'sets'.
  'sets.list': method<ItemSetInfo[]>()(z.object({ kind: kind.optional() }), { reads: ['sets'] }),
  'sets.create': method<ItemSetInfo>()(z.object({ kind, name: nameSchema, description: z.string().max(100_000).optional(), memberIds: ids.optional() }), {
    mutates: true,
    affects: AFFECTS,
  }),
  /** Renames and/or describes a set. */
  'sets.update': method<ItemSetInfo>()(z.object({ id, name: nameSchema.optional(), description: z.string().max(100_000).optional() }), { mutates: true, affects: AFFECTS }),
  'sets.addMembers': method<ItemSetInfo>()(z.object({ id, memberIds: ids }), { mutates: true, affects: AFFECTS }),
  'sets.removeMembers': method<ItemSetInfo>()(z.object({ id, memberIds: ids }), { mutates: true, affects: AFFECTS }),
  'sets.delete': method<null>()(z.object({ id }), { mutates: true, affects: AFFECTS }),
} as const;
