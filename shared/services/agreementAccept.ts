/**
 * "Accept this version" in the coding comparison.
 *
 * The agreed coding is written for the CURRENT coder (as NVivo users expect:
 * the result of resolving a disagreement is your coding), and the other
 * coders' codings are never touched, so their independent work — and the
 * agreement figures computed from it — stay as they were. Accepting coder
 * X's version of a stretch [start, end) for a code makes the current coder's
 * codings of that code inside the stretch exactly X's: coded where X coded,
 * uncoded where X did not. Codings that reach outside the stretch keep their
 * outside parts. When the current coder is X, nothing changes.
 *
 * Codings are reshaped in place where possible (so memos stay attached);
 * a coding that disappears hands its memos to a neighbouring coding of the
 * same code or, if none is left, keeps them as annotations on its text.
 */
import type Database from 'better-sqlite3';
import { mergeSpans } from '../agreement/spans.js';
import type { Span } from '../agreement/types.js';
import type { AcceptResult } from '../domain/agreementTypes.js';
import { QuarryError } from '../errors.js';
import { codingMemosToAnnotations, coderCodings, moveCodingMemos, type CoderCodingRow } from '../store/agreementStore.js';
import { getCodeRow } from '../store/codesStore.js';
import { deleteCoding, insertCoding, updateCodingSpan } from '../store/codingsStore.js';
import { findUserByName } from '../store/usersStore.js';
import { checkSpan } from './codingService.js';
import { ensureCoder } from './coderService.js';
import type { ServiceContext } from './context.js';
import { mutate } from './context.js';

export interface AcceptArgs {
  sourceId: number;
  codeId: number;
  start: number;
  end: number;
  /** The coder whose version is accepted. */
  from: string;
}

function subtract(spans: readonly Span[], start: number, end: number): Span[] {
  return spans.flatMap((s) => {
    const out: Span[] = [];
    if (s.start < start) out.push({ start: s.start, end: Math.min(s.end, start) });
    if (s.end > end) out.push({ start: Math.max(s.start, end), end: s.end });
    return out;
  });
}

function clip(spans: readonly Span[], start: number, end: number): Span[] {
  return spans.flatMap((s) => (Math.min(s.end, end) > Math.max(s.start, start) ? [{ start: Math.max(s.start, start), end: Math.min(s.end, end) }] : []));
}

/** The target's codings that overlap or touch [start, end), grown until no other coding of theirs touches the group. */
function affectedRows(rows: readonly CoderCodingRow[], start: number, end: number): { group: CoderCodingRow[]; lo: number; hi: number } {
  let lo = start;
  let hi = end;
  let group: CoderCodingRow[] = [];
  for (;;) {
    const next = rows.filter((r) => r.start <= hi && r.end >= lo);
    const nlo = Math.min(lo, ...next.map((r) => r.start));
    const nhi = Math.max(hi, ...next.map((r) => r.end));
    if (next.length === group.length && nlo === lo && nhi === hi) return { group, lo, hi };
    group = next;
    lo = nlo;
    hi = nhi;
  }
}

const key = (s: Span): string => `${s.start}:${s.end}`;

/** Makes the rows `group` cover exactly `wanted` (disjoint spans), reusing rows; returns what changed. */
function reshape(db: Database.Database, args: AcceptArgs, coderId: number, group: CoderCodingRow[], wanted: Span[]): Omit<AcceptResult, 'coder'> {
  const result = { added: 0, removed: 0, changed: 0 };
  const free = new Map(group.map((r) => [key(r), r]));
  const pending: Span[] = [];
  const kept: CoderCodingRow[] = [];
  for (const w of wanted) {
    const same = free.get(key(w));
    if (same) {
      free.delete(key(w));
      kept.push(same);
    } else pending.push(w);
  }
  const spare = [...free.values()];
  for (const w of pending) {
    const row = spare.shift();
    if (row) {
      updateCodingSpan(db, row.id, w.start, w.end);
      kept.push({ id: row.id, start: w.start, end: w.end });
      result.changed++;
    } else {
      kept.push({ id: insertCoding(db, { sourceId: args.sourceId, codeId: args.codeId, start: w.start, end: w.end, coderId }), start: w.start, end: w.end });
      result.added++;
    }
  }
  for (const row of spare) {
    const heir = kept.find((k) => k.start < row.end && k.end > row.start) ?? kept[0];
    if (heir) moveCodingMemos(db, row.id, heir.id);
    else codingMemosToAnnotations(db, row.id, args.sourceId, row.start, row.end);
    deleteCoding(db, row.id);
    result.removed++;
  }
  return result;
}

export function acceptVersion(ctx: ServiceContext, args: AcceptArgs): AcceptResult {
  const db = ctx.project.db;
  const fromCoder = findUserByName(db, args.from.trim());
  if (!fromCoder) throw new QuarryError('not_found', `There is no coder “${args.from}” in this project.`);
  if (!getCodeRow(db, args.codeId)) throw new QuarryError('not_found', 'That code no longer exists.');
  checkSpan(db, args.sourceId, args.start, args.end);
  const me = ctx.coderName.trim();
  if (fromCoder.name === me) return { coder: me, added: 0, removed: 0, changed: 0 };

  const theirs = clip(mergeSpans(coderCodings(db, args.sourceId, args.codeId, fromCoder.id)), args.start, args.end);
  const target = findUserByName(db, me);
  const rows = target ? coderCodings(db, args.sourceId, args.codeId, target.id) : [];
  const { group } = affectedRows(rows, args.start, args.end);
  const wanted = mergeSpans([...subtract(mergeSpans(group), args.start, args.end), ...theirs]) as Span[];
  const current = [...group].sort((x, y) => x.start - y.start);
  if (current.length === wanted.length && current.every((r, i) => r.start === wanted[i]!.start && r.end === wanted[i]!.end)) {
    return { coder: me, added: 0, removed: 0, changed: 0 };
  }
  return mutate(ctx, `Accept ${fromCoder.name}’s coding`, (wdb) => {
    const coder = ensureCoder(wdb, me);
    return { coder: me, ...reshape(wdb, args, coder.id, group, wanted) };
  });
}
