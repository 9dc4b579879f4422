/**
 * The coded passages report model: for each chosen code, its passages (its
 * own and, by default, its sub-codes', as NVivo aggregates) with attributions,
 * ordered by case or by source. A passage is quoted once: the same span
 * coded by two coders, or a span inside a longer one (a coder who cut the
 * boundary short, a sub-code's passage inside its parent's), is folded into
 * the longer passage. Memos on the codes and on the codings come along when asked.
 */
import type Database from 'better-sqlite3';
import type { CodedPassage } from '../domain/types.js';
import { QuarryError } from '../errors.js';
import { requireCodeByPath } from '../services/codeService.js';
import { passages } from '../services/codingService.js';
import { getCodeRow } from '../store/codesStore.js';
import { listMemos } from '../store/memosStore.js';
import { ProjectLookup } from '../queries/projectLookup.js';
import { setMembersOfKind } from '../queries/setScope.js';
import { naturalCompare, projectAttributor } from './caseAttribution.js';
import { describeReportFilter, isEmptyFilter, resolveReportFilter, type ReportFilter } from './reportFilter.js';
import type { QuotePassage, QuotesOrder, QuotesReport } from './exportModels.js';

export interface QuotesOptions {
  codes: string[];
  labelTemplate?: string;
  order?: QuotesOrder;
  /** Memos on the codes and on each coding (default false). */
  memos?: boolean;
  /** Includes passages coded at sub-codes (default true). */
  includeChildren?: boolean;
  /** Only this coder's codings. */
  coder?: string;
  /** Only passages of these cases and sources. */
  filter?: ReportFilter;
  /** Under each code, its own passages first, then one group per sub-code (headed by its name) in tree order. */
  bySubcode?: boolean;
  title?: string;
}

interface Quoted {
  passage: CodedPassage;
  memos: string[];
}

/** Keeps each source's outermost passages; what lies inside one lends it its memos. */
function containedOnce(found: CodedPassage[], memosOf: (p: CodedPassage) => string[]): Quoted[] {
  const sorted = [...found].sort((a, b) => a.sourceId - b.sourceId || a.start - b.start || b.end - a.end);
  const kept: Quoted[] = [];
  let outer: Quoted | undefined;
  for (const p of sorted) {
    if (outer && outer.passage.sourceId === p.sourceId && p.end <= outer.passage.end) {
      for (const m of memosOf(p)) if (!outer.memos.includes(m)) outer.memos.push(m);
      continue;
    }
    outer = { passage: p, memos: [...new Set(memosOf(p))] };
    kept.push(outer);
  }
  return kept;
}

function compare(order: QuotesOrder) {
  return ({ passage: a }: Quoted, { passage: b }: Quoted): number => {
    if (order === 'case') {
      // Passages of sources in no case come last.
      const c = a.case === null || b.case === null ? Number(a.case === null) - Number(b.case === null) : naturalCompare(a.case, b.case);
      if (c) return c;
    }
    return naturalCompare(a.source, b.source) || a.sourceId - b.sourceId || a.start - b.start || a.end - b.end;
  };
}

/**
 * A code's passages by sub-code: those at the code itself (heading ''), then
 * each child code's, its descendants included, headed by the child's name.
 */
function subcodeGroups(lookup: ProjectLookup, codeId: number, found: CodedPassage[]): { heading: string; passages: CodedPassage[] }[] {
  const groupOf = new Map<number, number>([[codeId, 0]]);
  const kids = lookup.children(codeId);
  kids.forEach((kid, i) => {
    for (const d of lookup.descendants(kid)) groupOf.set(d, i + 1);
  });
  const groups = [{ heading: '', passages: [] as CodedPassage[] }, ...kids.map((kid) => ({ heading: lookup.code({ codeId: kid }).name, passages: [] as CodedPassage[] }))];
  for (const p of found) groups[groupOf.get(p.codeId) ?? 0]!.passages.push(p);
  return groups.filter((g) => g.passages.length > 0);
}

/**
 * The codes to quote: with a code set in the filter, the named codes that
 * are in the set (or under one of its codes), or the set's codes when none
 * is named; without one, the named codes.
 */
function quotedCodes(db: Database.Database, lookup: ProjectLookup, opts: QuotesOptions): string[] {
  const members = setMembersOfKind(db, opts.filter?.set, 'codes');
  if (!members) return opts.codes;
  if (opts.codes.length === 0) return lookup.codeOrder.filter((c) => members.has(c.id)).map((c) => c.path);
  const within = new Set([...members].flatMap((id) => lookup.descendants(id)));
  return opts.codes.filter((path) => within.has(requireCodeByPath(db, path)));
}

export function loadQuotesReport(db: Database.Database, opts: QuotesOptions): QuotesReport {
  const lookup = ProjectLookup.of(db);
  const codes = quotedCodes(db, lookup, opts);
  if (codes.length === 0) {
    throw new QuarryError('bad_request', opts.codes.length ? `None of the chosen codes is in the code set “${opts.filter?.set ?? ''}”.` : 'Choose at least one code whose passages to export.');
  }
  const order = opts.order ?? 'case';
  const label = projectAttributor(db, opts.labelTemplate);
  const codingMemos = new Map<number, string[]>();
  if (opts.memos) {
    for (const m of listMemos(db, { target: 'coding' })) {
      if (m.codingId !== null && m.body.trim()) codingMemos.set(m.codingId, [...(codingMemos.get(m.codingId) ?? []), m.body.trim()]);
    }
  }
  const allowed = isEmptyFilter(opts.filter) ? null : resolveReportFilter(db, opts.filter);
  const sections = codes.map((path) => {
    const codeId = requireCodeByPath(db, path);
    const found = passages(db, { codeId, includeChildren: opts.includeChildren ?? true, ...(opts.coder !== undefined ? { coderName: opts.coder } : {}) }).filter(
      (p) => !allowed || allowed.hasPassage(p),
    );
    const memosOf = (p: CodedPassage) => codingMemos.get(p.codingId) ?? [];
    const toQuote = (subcode?: string) => ({ passage: p, memos }: Quoted): QuotePassage => ({
      text: p.text,
      attribution: label(p),
      source: p.source,
      case: p.case,
      start: p.start,
      end: p.end,
      memos,
      ...(subcode !== undefined ? { subcode } : {}),
    });
    const list: QuotePassage[] = opts.bySubcode
      ? subcodeGroups(lookup, codeId, found).flatMap((g) => containedOnce(g.passages, memosOf).sort(compare(order)).map(toQuote(g.heading)))
      : containedOnce(found, memosOf).sort(compare(order)).map(toQuote());
    const memos = opts.memos ? listMemos(db, { target: 'code', codeId }).map((m) => m.body.trim()).filter(Boolean) : [];
    return { code: path, description: getCodeRow(db, codeId)?.description ?? '', memos, passages: list };
  });
  const scope = describeReportFilter(db, opts.filter, opts.coder);
  return { title: opts.title ?? 'Coded passages', order, sections, ...(scope ? { scope } : {}) };
}
