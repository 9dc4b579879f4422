/** Pure helpers for showing memos: what a memo is about, and when. */
import type { Memo, MemoTarget } from '../../../shared/domain/types.js';

/** What a memo dialog is opened for. */
export interface MemoTargetRef {
  target: MemoTarget;
  sourceId?: number;
  codeId?: number;
  codingId?: number;
  start?: number;
  end?: number;
  /** Shown as the dialog's title, e.g. "Code Motivations". */
  label: string;
}

export const TARGET_NAMES: Record<MemoTarget, string> = {
  project: 'Project',
  source: 'Source',
  code: 'Code',
  coding: 'Coding',
  case: 'Case',
  span: 'Annotation',
};

export interface MemoLookups {
  sourceName(id: number): string | undefined;
  codePath(id: number): string | undefined;
}

/** "Code Motivations", "Source Interview A", "Annotation in Interview A [12–30)". */
export function memoAbout(m: Memo, look: MemoLookups): string {
  switch (m.target) {
    case 'project':
      return 'Project memo';
    case 'source':
      return `Source ${look.sourceName(m.sourceId ?? 0) ?? '(deleted)'}`;
    case 'code':
      return `Code ${look.codePath(m.codeId ?? 0) ?? '(deleted)'}`;
    case 'coding':
      return 'Memo on a coding';
    case 'case':
      return 'Case memo';
    case 'span':
      return `Annotation in ${look.sourceName(m.sourceId ?? 0) ?? '(deleted source)'} [${m.start ?? 0}–${m.end ?? 0})`;
  }
}

// One formatter for the whole app: toLocaleString builds a new one per call, and the
// document view formats a time for every coding stripe on screen.
const WHEN_FORMAT = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A short local date and time, e.g. "3 Mar 2025, 14:05". */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return WHEN_FORMAT.format(d);
}

/** "Ruth Ashworth · 3 Mar 2025, 14:05" */
export function byline(author: string | null, iso: string): string {
  return `${author ?? 'Unknown author'} · ${formatWhen(iso)}`;
}

/** First line of a memo, trimmed, for lists and margin cards. */
export function memoExcerpt(m: Pick<Memo, 'title' | 'body'>, max = 140): string {
  const text = (m.title ? `${m.title} — ` : '') + m.body.replace(/\s+/g, ' ').trim();
  const cps = [...text];
  return cps.length > max ? `${cps.slice(0, max - 1).join('')}…` : text;
}
