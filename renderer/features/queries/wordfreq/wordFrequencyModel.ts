/** The word-frequency form, its WordFrequencyDef both ways, and the stop-word input box. Pure. */
import type { WordFrequencyDef } from '../../../../shared/queries/types.js';

export type ScopeKind = 'project' | 'code' | 'set';

export interface WordFrequencyForm {
  top: number;
  minLength: number;
  stem: boolean;
  useStopWords: boolean;
  scope: ScopeKind;
  codeId: number | null;
  set: string;
  coder: string;
}

export const DEFAULT_WORD_FORM: WordFrequencyForm = { top: 50, minLength: 3, stem: false, useStopWords: true, scope: 'project', codeId: null, set: '', coder: '' };

const clampInt = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(Number.isFinite(n) ? n : lo)));

/** The query, or a sentence saying what is missing. */
export function toWordFrequencyDef(f: WordFrequencyForm): WordFrequencyDef | string {
  let scope: WordFrequencyDef['scope'];
  if (f.scope === 'code') {
    if (f.codeId === null) return 'Choose the code whose passages are counted.';
    scope = { kind: 'code', codeId: f.codeId };
  } else if (f.scope === 'set') {
    if (!f.set) return 'Choose the case set or source set whose text is counted.';
    scope = { kind: 'filter', filter: { set: f.set } };
  } else scope = { kind: 'project' };
  return {
    scope,
    top: clampInt(f.top, 1, 10_000),
    minLength: clampInt(f.minLength, 1, 100),
    stem: f.stem,
    useStopWords: f.useStopWords,
    ...(f.coder && f.scope === 'code' ? { coder: f.coder } : {}),
  };
}

export function fromWordFrequencyDef(def: WordFrequencyDef, resolve: (ref: { codeId?: number | undefined; path?: string | undefined }) => number | null): WordFrequencyForm {
  const f: WordFrequencyForm = {
    ...DEFAULT_WORD_FORM,
    top: def.top ?? DEFAULT_WORD_FORM.top,
    minLength: def.minLength ?? DEFAULT_WORD_FORM.minLength,
    stem: def.stem ?? false,
    useStopWords: def.useStopWords ?? true,
    coder: def.coder ?? '',
  };
  const s = def.scope;
  if (s?.kind === 'code') return { ...f, scope: 'code', codeId: resolve(s) };
  if (s?.kind === 'filter' && s.filter.set) return { ...f, scope: 'set', set: s.filter.set };
  return f;
}

/** Words typed into the stop-word box: separated by commas, semicolons or white space; lower case; each once. */
export function parseWordList(input: string): string[] {
  const out: string[] = [];
  for (const w of input.split(/[\s,;]+/u)) {
    const word = w.trim().toLowerCase();
    if (word && !out.includes(word)) out.push(word);
  }
  return out;
}
