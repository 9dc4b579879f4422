/**
 * Text search: the user's expression (searchExpression.ts) runs against
 * the FTS5 index; hit counts per source come from token positions
 * (searchHits.ts, no text read), and the hits shown — a page of them, or
 * all — get exact code-point offsets and context from highlight(). The
 * index holds folded text (shared/text/fold.ts): query words are folded the
 * same way, and hit offsets are mapped back to the stored text. Never
 * writes to the project.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import {
  highlightSources,
  matchingSources,
  termInstances,
  tokenizeLikeIndex,
  type FtsTable,
} from '../store/ftsStore.js';
import { getSourceText } from '../store/sourcesStore.js';
import { foldForSearch, foldWithMap, type FoldMap } from '../text/fold.js';
import { freeMarkers, kwicLines, MARKER_PAIRS, positionIndexOf, unmark } from './kwic.js';
import { ProjectLookup } from './projectLookup.js';
import { parseSearchExpression, toFtsQuery, type SearchNode } from './searchExpression.js';
import { countDocumentHits, mergeInstances, positiveLeaves, type PositiveLeaf } from './searchHits.js';
import type { SearchHit, SearchOptions, SearchResult, SearchSourceCount } from './types.js';

const DEFAULT_CONTEXT = 60;

export interface PreparedSearch {
  tree: SearchNode;
  ftsQuery: string;
  /**
   * The queries highlight() runs, one per hit-bearing part (term or NEAR
   * group). Run separately, a NEAR group marks only instances that satisfy
   * it: within a larger query FTS5 also marks the instances of a NEAR group
   * that does not match the row at all.
   */
  hitQueries: string[];
  table: FtsTable;
  leaves: PositiveLeaf[];
}

/** The tree with every word folded as the index folds the text (ß → ss, ø → o…). */
function foldTerms(node: SearchNode): SearchNode {
  switch (node.kind) {
    case 'term':
      return { ...node, text: foldForSearch(node.text) };
    case 'and':
    case 'or':
      return { kind: node.kind, items: node.items.map(foldTerms) };
    case 'not':
      return { kind: 'not', left: foldTerms(node.left), right: foldTerms(node.right) };
    case 'near':
      return { ...node, terms: node.terms.map((t) => ({ ...t, text: foldForSearch(t.text) })) };
  }
}

export function prepareSearch(expression: string, stem: boolean): PreparedSearch {
  const tree = foldTerms(parseSearchExpression(expression));
  const leaves = positiveLeaves(tree);
  const hitQueries = [...new Set(leaves.map((l) => toFtsQuery(l.kind === 'term' ? l.term : { kind: 'near', terms: l.terms, distance: l.distance })))];
  return { tree, ftsQuery: toFtsQuery(tree), hitQueries, table: stem ? 'source_fts_stem' : 'source_fts', leaves };
}

/** Hit counts per matched source from token positions; null when they must come from highlight() instead. */
function countHits(db: Database.Database, s: PreparedSearch, docs: readonly number[], expression: string): Map<number, number> | null {
  const terms = s.leaves.flatMap((l) => (l.kind === 'term' ? [l.term] : l.terms));
  const tokens = tokenizeLikeIndex(db, s.table, terms.map((t) => t.text));
  tokens.forEach((list, i) => {
    if (list.length === 0) {
      const t = terms[i]!;
      throw new QuarryError('invalid_input', `The search “${expression}” cannot be run: “${t.text}” has nothing the index can search for (character ${t.position + 1}).`, {
        position: t.position,
        token: t.text,
      });
    }
  });
  // How a stemmer treats a prefix is the index's business: let highlight() count those.
  if (s.table === 'source_fts_stem' && terms.some((t) => t.prefix)) return null;
  const wanted = new Set(docs);
  const positions = new Map<string, Map<number, number[]>>();
  const keyOf = (token: string, prefix: boolean) => `${prefix ? '*' : '='}${token}`;
  terms.forEach((t, i) => {
    const list = tokens[i]!;
    list.forEach((token, k) => {
      const prefix = t.prefix && k === list.length - 1;
      const key = keyOf(token, prefix);
      if (positions.has(key)) return;
      const byDoc = new Map<number, number[]>();
      const flat = termInstances(db, s.table, token, prefix);
      for (let i = 0; i < flat.length; i += 2) {
        const doc = flat[i]!;
        if (!wanted.has(doc)) continue;
        const l = byDoc.get(doc);
        if (l) l.push(flat[i + 1]!);
        else byDoc.set(doc, [flat[i + 1]!]);
      }
      if (prefix) for (const l of byDoc.values()) l.sort((a, b) => a - b);
      positions.set(key, byDoc);
    });
  });
  // tokens of term ti of leaf li
  let flat = 0;
  const leafTokens = s.leaves.map((l) => (l.kind === 'term' ? [l.term] : l.terms).map((t) => ({ t, list: tokens[flat++]! })));
  const counts = new Map<number, number>();
  // Single words only (the common case): a hit is a position holding any of them.
  if (leafTokens.every((terms) => terms.length === 1 && terms[0]!.list.length === 1)) {
    const lists = leafTokens.map(([x]) => positions.get(keyOf(x!.list[0]!, x!.t.prefix))!);
    for (const doc of docs) {
      if (lists.length === 1) counts.set(doc, lists[0]!.get(doc)?.length ?? 0);
      else counts.set(doc, new Set(lists.flatMap((l) => l.get(doc) ?? [])).size);
    }
    return counts;
  }
  const empty: number[] = [];
  const tokenCounts = leafTokens.map((terms) => terms.map((x) => x.list.length));
  // A prefix can match an earlier word of its own phrase ("beta be"*), so such phrases may overlap themselves.
  const distinct = leafTokens.map((terms) => terms.length === 1 && !terms[0]!.t.prefix && new Set(terms[0]!.list).size === terms[0]!.list.length);
  for (const doc of docs) {
    const n = countDocumentHits(
      s.leaves,
      (li, ti, k) => {
        const { t, list } = leafTokens[li]![ti]!;
        return positions.get(keyOf(list[k]!, t.prefix && k === list.length - 1))?.get(doc) ?? empty;
      },
      tokenCounts,
      distinct,
    );
    counts.set(doc, n);
  }
  return counts;
}

/**
 * One source's highlight() output (over the folded text) as UTF-16 spans of
 * the folded text, redone with other markers if the text contains ours.
 */
function markedSpans(db: Database.Database, s: PreparedSearch, query: string, sourceId: number, fold: FoldMap, first: string): [number, number][] | null {
  const [open, close] = MARKER_PAIRS[0]!;
  const parsed = unmark(first, open, close);
  if (parsed && parsed.text === fold.folded) return parsed.spans;
  const [o, c] = freeMarkers(first);
  const again = highlightSources(db, s.table, query, [sourceId], o, c)[0];
  const reparsed = again ? unmark(again.marked, o, c) : null;
  return reparsed && reparsed.text === fold.folded ? reparsed.spans : null;
}

/** Exact hits of some sources: each hit-bearing part highlighted, spans merged where they overlap, with context. */
function highlightHits(
  db: Database.Database,
  lookup: ProjectLookup,
  s: PreparedSearch,
  sourceIds: readonly number[],
  contextChars: number,
): Map<number, SearchHit[]> {
  const out = new Map<number, SearchHit[]>();
  if (sourceIds.length === 0) return out;
  const [open, close] = MARKER_PAIRS[0]!;
  const docs = new Map<number, { text: string; fold: FoldMap; spans: [number, number][] }>();
  for (const query of s.hitQueries) {
    for (const row of highlightSources(db, s.table, query, sourceIds, open, close)) {
      let doc = docs.get(row.sourceId);
      if (!doc) {
        const text = getSourceText(db, row.sourceId) ?? '';
        doc = { text, fold: foldWithMap(text), spans: [] };
        docs.set(row.sourceId, doc);
      }
      const spans = markedSpans(db, s, query, row.sourceId, doc.fold, row.marked);
      if (!spans) continue;
      const fold = doc.fold;
      doc.spans.push(...spans.map(([a, b]): [number, number] => [fold.toStored(a, 'start'), fold.toStored(b, 'end')]));
    }
  }
  for (const [sourceId, doc] of docs) {
    if (doc.spans.length === 0) continue;
    const src = lookup.sources.get(sourceId)!;
    const spans = s.hitQueries.length > 1 ? mergeInstances(doc.spans) : doc.spans;
    const lines = kwicLines(doc.text, spans, contextChars, positionIndexOf(doc.text));
    out.set(
      sourceId,
      lines.map((l) => ({ sourceId, source: src.name, case: lookup.caseLabel(sourceId, l.start, l.end), ...l })),
    );
  }
  return out;
}

export function searchText(db: Database.Database, opts: SearchOptions): SearchResult {
  const s = prepareSearch(opts.expression, opts.stem ?? false);
  const lookup = ProjectLookup.of(db);
  const matched = new Set(matchingSources(db, s.table, s.ftsQuery, opts.sourceIds));
  // Source-name order (the lookup is sorted that way).
  const docs = [...lookup.sources.keys()].filter((id) => matched.has(id));
  const contextChars = Math.max(0, opts.contextChars ?? DEFAULT_CONTEXT);
  const offset = Math.max(0, opts.offset ?? 0);
  const limit = opts.limit ?? Infinity;
  let counts = countHits(db, s, docs, opts.expression);
  let pageDocs: number[];
  if (counts === null || limit === Infinity) {
    pageDocs = docs;
  } else {
    pageDocs = [];
    let seen = 0;
    for (const doc of docs) {
      const n = counts.get(doc) ?? 0;
      if (seen + n > offset && seen < offset + limit) pageDocs.push(doc);
      seen += n;
      if (seen >= offset + limit) break;
    }
  }
  const shown = highlightHits(db, lookup, s, pageDocs, contextChars);
  if (counts === null) counts = new Map(docs.map((d) => [d, shown.get(d)?.length ?? 0]));
  const sources: SearchSourceCount[] = docs.map((id) => {
    const src = lookup.sources.get(id)!;
    return { sourceId: id, source: src.name, case: src.caseId === null ? null : (lookup.caseNames.get(src.caseId) ?? null), hits: counts.get(id) ?? 0 };
  });
  const totalHits = sources.reduce((n, x) => n + x.hits, 0);
  // Skip the hits of the sources before the first one shown.
  let skip = offset;
  for (const doc of docs) {
    if (doc === pageDocs[0]) break;
    skip -= counts.get(doc) ?? 0;
  }
  const hits = pageDocs.flatMap((d) => shown.get(d) ?? []).slice(Math.max(0, skip), Math.max(0, skip) + limit);
  return {
    expression: opts.expression,
    ftsQuery: s.ftsQuery,
    totalHits,
    sources: sources.filter((x) => x.hits > 0),
    hits,
    truncated: offset + hits.length < totalHits,
  };
}
