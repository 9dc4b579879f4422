/** How a coded passage is cited: its case name, else its source name, in brackets. */
import type { CodedPassage } from '../../../shared/domain/types.js';

export function attributionOf(p: Pick<CodedPassage, 'case' | 'source'>): string {
  return `[${p.case ?? p.source}]`;
}

/** Clipboard text for one passage: “passage” [E4]. */
export function passageClipboardText(p: Pick<CodedPassage, 'case' | 'source' | 'text'>): string {
  return `“${p.text.trim()}” ${attributionOf(p)}`;
}

/** Several passages, one per paragraph. */
export function passagesClipboardText(list: readonly Pick<CodedPassage, 'case' | 'source' | 'text'>[]): string {
  return list.map(passageClipboardText).join('\n\n');
}
