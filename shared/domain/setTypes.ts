/**
 * Source sets and code sets (pure types: the renderer imports them). Case
 * sets have their own type (CaseSetInfo) because they may be defined by a
 * rule; these are always picked by hand.
 */
import type { Id } from './types.js';

export type ItemSetKind = 'sources' | 'codes';
/** Every kind of set a filter may name. */
export type SetKind = 'cases' | ItemSetKind;
export const SET_KINDS: readonly SetKind[] = ['cases', 'sources', 'codes'];

export interface ItemSetInfo {
  id: Id;
  guid: string;
  kind: ItemSetKind;
  name: string;
  description: string;
  /** Source ids (a source set) or code ids (a code set), in id order. */
  memberIds: Id[];
}
