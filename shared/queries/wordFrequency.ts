/**
 * Word frequency: the most frequent words in the whole project, in the
 * text coded at a code, or in the text of some cases — leaving out stop
 * words and short words, optionally grouping word forms by their English
 * stem. Words are runs of letters and digits, compared ignoring case and
 * accents (as the search index does); the spelling shown is the most
 * frequent one. For the whole project the counts come from the search
 * index itself, without reading any text.
 */
import type Database from 'better-sqlite3';
import { indexTermCounts, listStopWordRows } from '../store/savedQueryStore.js';
import { codingsAt, sourceTexts } from '../store/queryStore.js';
import { resolveCaseFilter, resolveSourceFilter } from './caseScope.js';
import { positionIndexOf } from './kwic.js';
import { porterStem } from './porterStemmer.js';
import { ProjectLookup } from './projectLookup.js';
import { setMembersOfKind } from './setScope.js';
import { coveredLength, unionSpans, type Span } from './spanAlgebra.js';
import type { WordCount, WordFrequencyDef, WordFrequencyResult } from './types.js';

const TOKEN_RE = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const MARKS_RE = /\p{M}/gu;

/** Case- and accent-folded form of a word (the key words are compared by). */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(MARKS_RE, '').toLowerCase();
}

function countTokens(text: string, counts: Map<string, number>): void {
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const w = m[0].toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
}

/** Spans of text in scope per source (null = whole sources). */
function scopeSpans(db: Database.Database, def: WordFrequencyDef): Map<number, Span[] | null> {
  const lookup = ProjectLookup.of(db);
  const scope = def.scope ?? { kind: 'project' };
  const coderId = def.coder !== undefined ? lookup.coderId(def.coder) : undefined;
  const out = new Map<number, Span[] | null>();
  if (scope.kind === 'code') {
    const code = lookup.code(scope);
    const ids = scope.children === false ? [code.id] : lookup.descendants(code.id);
    for (const [, sourceId, , start, end] of codingsAt(db, ids, coderId !== undefined ? { coderId } : {})) {
      const l = out.get(sourceId) ?? [];
      l.push({ start, end });
      out.set(sourceId, l);
    }
    for (const [k, l] of out) out.set(k, unionSpans(l!));
    return out;
  }
  if (scope.kind === 'filter') {
    const caseFilter = resolveCaseFilter(db, lookup, scope.filter);
    const allowed = caseFilter ?? new Set(lookup.caseNames.keys());
    const sourcesAllowed = resolveSourceFilter(db, scope.filter);
    // A source set with no case condition counts its sources' whole text, in a case or not.
    const wholeSources = caseFilter === null && setMembersOfKind(db, scope.filter.set, 'sources') !== null;
    for (const s of lookup.sources.values()) {
      if (sourcesAllowed && !sourcesAllowed.has(s.id)) continue;
      if (wholeSources) {
        out.set(s.id, null);
        continue;
      }
      const spans = lookup.caseSpansOf(s.id);
      if (spans.length === 0) {
        if (s.caseId !== null && allowed.has(s.caseId)) out.set(s.id, null);
        continue;
      }
      const mine = spans.filter((sp) => allowed.has(sp.caseId));
      const theirs = unionSpans(spans.filter((sp) => !allowed.has(sp.caseId)));
      // The source's own case holds what no span gives to another case.
      if (s.caseId !== null && allowed.has(s.caseId)) {
        let cursor = 0;
        for (const t of theirs) {
          if (t.start > cursor) mine.push({ caseId: s.caseId, sourceId: s.id, start: cursor, end: t.start });
          cursor = Math.max(cursor, t.end);
        }
        if (cursor < s.characters) mine.push({ caseId: s.caseId, sourceId: s.id, start: cursor, end: s.characters });
      }
      if (coveredLength(unionSpans(mine)) > 0) out.set(s.id, unionSpans(mine));
    }
    return out;
  }
  for (const id of lookup.sources.keys()) out.set(id, null);
  return out;
}

export function wordFrequency(db: Database.Database, def: WordFrequencyDef = {}): WordFrequencyResult {
  const top = Math.max(1, Math.min(def.top ?? 100, 10_000));
  const minLength = Math.max(1, def.minLength ?? 3);
  const stop = def.useStopWords === false ? new Set<string>() : new Set(listStopWordRows(db).map(foldWord));
  const raw = new Map<string, number>();
  if ((def.scope ?? { kind: 'project' }).kind === 'project') {
    for (const [term, cnt] of indexTermCounts(db)) raw.set(term, cnt);
  } else {
    const spans = scopeSpans(db, def);
    const texts = sourceTexts(db, [...spans.keys()]);
    for (const [src, list] of spans) {
      const text = texts.get(src) ?? '';
      if (list === null) countTokens(text, raw);
      else {
        const index = positionIndexOf(text);
        for (const s of list) countTokens(index.slice(s.start, s.end), raw);
      }
    }
  }
  // Group spellings by folded form (and by stem when asked).
  const groups = new Map<string, { count: number; forms: Map<string, number> }>();
  let total = 0;
  for (const [word, n] of raw) {
    const folded = foldWord(word);
    if ([...folded].length < minLength || stop.has(folded)) continue;
    total += n;
    const key = def.stem ? porterStem(folded) : folded;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { count: 0, forms: new Map() }));
    g.count += n;
    g.forms.set(word, (g.forms.get(word) ?? 0) + n);
  }
  const words: WordCount[] = [...groups.values()]
    .map((g) => {
      const forms = [...g.forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      return { word: forms[0]![0], count: g.count, percent: total ? Math.round((10000 * g.count) / total) / 100 : 0, similar: forms.slice(1).map((f) => f[0]) };
    })
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, top);
  return { totalWords: total, distinctWords: groups.size, words };
}
