import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../shared/queries/miniMarkdown.js';
import { continueList, selectionIsBulleted, toggleBullets } from '../../../renderer/features/queries/framework/summaryEditing.js';

/** Text with the selection marked by [ and ] (a caret: a lone |). */
function marked(s: string): { text: string; start: number; end: number } {
  if (s.includes('|')) {
    const at = s.indexOf('|');
    return { text: s.replace('|', ''), start: at, end: at };
  }
  const start = s.indexOf('[');
  const end = s.indexOf(']') - 1;
  return { text: s.replace('[', '').replace(']', ''), start, end };
}
function show(e: { text: string; selStart: number; selEnd: number }): string {
  if (e.selStart === e.selEnd) return `${e.text.slice(0, e.selStart)}|${e.text.slice(e.selStart)}`;
  return `${e.text.slice(0, e.selStart)}[${e.text.slice(e.selStart, e.selEnd)}]${e.text.slice(e.selEnd)}`;
}
const toggle = (s: string) => {
  const m = marked(s);
  return show(toggleBullets(m.text, m.start, m.end));
};

describe('bullet-list toggle', () => {
  it('makes the caret line a bullet and keeps the caret after the marker', () => {
    expect(toggle('Intro\nPartners fo|und')).toBe('Intro\n- Partners fo|und');
    expect(toggle('|Partners')).toBe('- |Partners');
  });

  it('turns a selection of lines into bullets, skipping blank lines, and back', () => {
    expect(toggle('[One\n\nTwo]\nThree')).toBe('[- One\n\n- Two]\nThree');
    expect(toggle('[- One\n\n- Two]\nThree')).toBe('[One\n\nTwo]\nThree');
  });

  it('adds bullets to the plain lines of a mixed selection (it removes only when all are bullets)', () => {
    expect(toggle('[- One\nTwo]')).toBe('[- One\n- Two]');
  });

  it('removes the bullet under the caret, moving the caret with the text', () => {
    expect(toggle('- Par|tners')).toBe('Par|tners');
    expect(toggle('-| Partners')).toBe('|Partners');
  });

  it('gives an empty line an empty bullet to type into', () => {
    expect(toggle('Intro\n|')).toBe('Intro\n- |');
  });

  it('does not take the next line when a selection ends at its start', () => {
    expect(toggle('[One\n]Two')).toBe('[- One\n]Two');
  });

  it('reports whether the selection is bulleted (the toolbar button state)', () => {
    expect(selectionIsBulleted('- a\n- b', 0, 7)).toBe(true);
    expect(selectionIsBulleted('- a\nb', 0, 5)).toBe(false);
    expect(selectionIsBulleted('Plain', 2, 2)).toBe(false);
    expect(selectionIsBulleted('- ', 2, 2)).toBe(true);
  });

  it('produces text the core parses as the intended blocks', () => {
    const m = marked('Motivation\n[first\nsecond]');
    const e = toggleBullets(m.text, m.start, m.end);
    expect(parseSummary(e.text)).toEqual([
      { kind: 'paragraph', text: 'Motivation' },
      { kind: 'bullets', items: ['first', 'second'] },
    ]);
  });
});

describe('Enter in a bullet list', () => {
  it('continues the list', () => {
    expect(show(continueList('- first', '- first'.length)!)).toBe('- first\n- |');
    expect(show(continueList('- first', 5)!)).toBe('- fir\n- |st');
  });

  it('ends the list on an empty bullet', () => {
    const text = '- first\n- ';
    expect(show(continueList(text, text.length)!)).toBe('- first\n|');
  });

  it('leaves ordinary lines to the text box', () => {
    expect(continueList('Plain line', 5)).toBeNull();
    expect(continueList('-not a bullet', 3)).toBeNull();
  });
});
