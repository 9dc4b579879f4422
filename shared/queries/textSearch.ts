/**
 * Text search: the user's expression (searchExpression.ts) runs against
 * the FTS5 index; hit counts per source come from token positions
 * (searchHits.ts, no text read), and the hits shown — a page of them, or
 * all — get exact code-point offsets and context from highlight(). Never
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
import { freeMarkers, kwicLines, MARKER_PAIRS, positionIndexOf, unmark } from './kwic.js';
import { ProjectLookup } from './projectLookup.js';
import { parseSearchExpression, toFtsQuery, type SearchNode } from './searchExpression.js';
import { countDocumentHits, positiveLeaves, type PositiveLeaf } from './searchHits.js';
import type { SearchHit, SearchOptions, SearchResult, SearchSourceCount } from './types.js';

const DEFAULT_CONTEXT = 60;

export interface PreparedSearch {
  tree: SearchNode;
  ftsQuery: string;
  /** The query highlight() runs: only the parts whose instances are hits. */
  hitQuery: string;
  table: FtsTable;
  leaves: PositiveLeaf[];
}

export function prepareSearch(expression: string, stem: boolean): PreparedSearch {
  const tree = parseSearchExpression(expression);
  const leaves = positiveLeaves(tree);
  const hitQuery = leaves
    .map((l) => toFtsQuery(l.kind === 'term' ? l.term : { kind: 'near', terms: l.terms, distance: l.distance }))
    .map((q) => `(${q})`)
    .join(' OR ');
  return { tree, ftsQuery: toFtsQuery(tree), hitQuery, table: stem ? 'source_fts_stem' : 'source_fts', leaves };
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
      for (const [doc, pos] of termInstances(db, s.table, token, prefix)) {
        if (!wanted.has(doc)) continue;
        const l = byDoc.get(doc);
        if (l) l.push(pos);
        else byDoc.set(doc, [pos]);
      }
      if (prefix) for (const l of byDoc.values()) l.sort((a, b) => a - b);
      positions.set(key, byDoc);
    });
  });
  // tokens of term ti of leaf li
  let flat = 0;
  const leafTokens = s.leaves.map((l) => (l.kind === 'term' ? [l.term] : l.terms).map((t) => ({ t, list: tokens[flat++]! })));
  const counts = new Map<number, number>();
  const empty: number[] = [];
  for (const doc of docs) {
    const n = countDocumentHits(
      s.leaves,
      (li, ti, k) => {
        const { t, list } = leafTokens[li]![ti]!;
        return positions.get(keyOf(list[k]!, t.prefix && k === list.length - 1))?.get(doc) ?? empty;
      },
      leafTokens.map((terms) => terms.map((x) => x.list.length)),
    );
    counts.set(doc, n);
  }
  return counts;
}

/** Exact hits of some sources: highlight() output turned into code-point spans with context. */
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
  const first = highlightSources(db, s.table, s.hitQuery, sourceIds, open, close);
  for (const row of first) {
    const src = lookup.sources.get(row.sourceId)!;
    let parsed = unmark(row.marked, open, close);
    let index = parsed && positionIndexOf(parsed.text);
    // A text that itself contains a marker character comes back wrong: redo it with markers it lacks.
    if (!parsed || !index || index.length !== src.characters) {
      const [o, c] = freeMarkers(row.marked);
      const again = highlightSources(db, s.table, s.hitQuery, [row.sourceId], o, c)[0];
      parsed = again ? unmark(again.marked, o, c) : null;
      index = parsed && positionIndexOf(parsed.text);
      if (!parsed || !index) continue;
    }
    const lines = kwicLines(parsed.text, parsed.spans, contextChars, index);
    out.set(
      row.sourceId,
      lines.map((l) => ({ sourceId: row.sourceId, source: src.name, case: lookup.caseLabel(row.sourceId, l.start, l.end), ...l })),
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
