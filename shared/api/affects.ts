/**
 * What a call's answer depends on, and what a change touches: the keys the
 * renderer's query cache invalidates by. A read names the data it reads; a
 * mutation names the data it changes (defineMethod makes every mutation say,
 * so a new one cannot forget). After a mutation only the cached reads whose
 * keys match are refetched.
 *
 * A key is a topic, optionally scoped to one source (`codings:12`). A scoped
 * key matches the same topic unscoped or with the same source; an unscoped
 * one matches the topic at every source. A read that declares nothing is
 * refetched after every change (the safe default for the rarely mounted
 * analyses).
 */

export const TOPICS = [
  /** app.info: this machine's coder name, recent projects. */
  'app',
  /** project.info: the open project, its totals (sources, codings, memos…). */
  'project',
  /** history.state: what undo and redo would do. */
  'history',
  /** sources.list: a source's row (name, case, number of codings). */
  'sources',
  /** sources.get: a source's text and description. */
  'text',
  /** sources.codings: a source's codings. */
  'codings',
  /** The code tree's codes: names, colours, places. */
  'codes',
  /** The code tree's numbers: references, sources and codings per code. */
  'counts',
  /** Coders and their activity. */
  'coders',
  'memos',
  /** Cases, attributes, case sets and case passages. */
  'cases',
  /** Attribute values of cases (what the sheet shows and case-set rules select by). */
  'caseValues',
  /** Source sets and code sets (case sets are under 'cases'). */
  'sets',
  'frameworks',
  'savedQueries',
  'stopWords',
  'backups',
  'media',
] as const;

export type Topic = (typeof TOPICS)[number];
export type DataKey = Topic | `${Topic}:${number}`;

/** Everything: opening, closing and restoring projects, undo and redo, merging a co-author's file. */
export const EVERYTHING = 'everything' as const;

/** What a mutation changes: every key, or the keys its arguments name. */
export type Affects<A> = typeof EVERYTHING | readonly DataKey[] | ((args: A) => readonly DataKey[]);

/** What a read reads; undefined for "anything" (refetched after every change). */
export type Reads<A> = readonly DataKey[] | ((args: A) => readonly DataKey[]);

/** A coding change in source `sourceId` (apply, in-vivo, uncode selection): its codings, its row, the numbers. */
export const codingChangeIn = (sourceId: number | undefined): DataKey[] =>
  sourceId === undefined ? ['codings', 'sources', 'counts', 'project', 'coders', 'history'] : [`codings:${sourceId}`, `sources:${sourceId}`, 'counts', 'project', 'coders', 'history'];

export function keysOf<A>(spec: Affects<A> | Reads<A> | undefined, args: A): readonly DataKey[] | typeof EVERYTHING {
  if (spec === undefined || spec === EVERYTHING) return EVERYTHING;
  return typeof spec === 'function' ? spec(args) : spec;
}

function split(key: DataKey): [string, string | undefined] {
  const i = key.indexOf(':');
  return i < 0 ? [key, undefined] : [key.slice(0, i), key.slice(i + 1)];
}

/** True when a change to `changed` can alter an answer that read `read`. */
export function keyMatches(changed: DataKey, read: DataKey): boolean {
  const [ct, cs] = split(changed);
  const [rt, rs] = split(read);
  return ct === rt && (cs === undefined || rs === undefined || cs === rs);
}

/** True when a read of `reads` must be refetched after a change to `changed`. */
export function readIsAffected(reads: readonly DataKey[] | typeof EVERYTHING, changed: readonly DataKey[] | typeof EVERYTHING): boolean {
  if (reads === EVERYTHING || changed === EVERYTHING) return changed === EVERYTHING || changed.length > 0;
  return reads.some((r) => changed.some((c) => keyMatches(c, r)));
}

/** Codings anywhere may change, and codes may be created (auto-coding, merging codes). */
export const CODINGS_EVERYWHERE: readonly DataKey[] = ['codings', 'sources', 'codes', 'counts', 'project', 'coders', 'history'];
/** Cases and what shows them: the source list's case column and the project's totals. */
export const CASES_AND_SOURCES: readonly DataKey[] = ['cases', 'sources', 'project', 'history'];
