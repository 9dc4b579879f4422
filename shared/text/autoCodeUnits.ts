/**
 * The passages each auto-coding mode finds in one source's text, with the
 * code (relative to the run's parent code) each belongs to. Pure: the
 * service adds sources, codes and storage. Offsets are code points.
 */
import { joinPath } from '../domain/codePath.js';
import type { AutoCodeMode } from '../domain/autoCode.js';
import { markdownSections } from './headings.js';
import { buildPositionIndex, type PositionIndex } from './positions.js';
import { paragraphs, questions, speakerTurns } from './structure.js';

export interface AutoCodeUnit {
  /** Code path relative to the parent, escaped as a code path ("Respondent", "Q3", "Paragraph 2"). */
  name: string;
  start: number;
  end: number;
  /** Description for the code if a run creates it (the question's wording). */
  describe?: string;
}

export interface SourceUnits {
  units: AutoCodeUnit[];
  /** Why nothing was found, for the preview. */
  note?: string;
}

/** Leading/trailing whitespace off a code-point span (whitespace is always one BMP unit). */
function trimSpan(text: string, index: PositionIndex, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  let u = index.cpToUtf16(s);
  while (s < e && /\s/.test(text[u] as string)) {
    s++;
    u++;
  }
  let v = index.cpToUtf16(e);
  while (e > s && /\s/.test(text[v - 1] as string)) {
    e--;
    v--;
  }
  return [s, e];
}

function bySpeaker(text: string, index: PositionIndex): SourceUnits {
  const units: AutoCodeUnit[] = [];
  for (const t of speakerTurns(text)) {
    const [s, e] = trimSpan(text, index, t.labelEnd, t.end);
    if (s < e) units.push({ name: joinPath([t.speaker]), start: s, end: e });
  }
  return units.length ? { units } : { units, note: 'no speaker turns (labels such as “Interviewer:” at line starts, each used at least twice)' };
}

const QUESTION_WORDING_CHARS = 200;

function byQuestion(text: string, index: PositionIndex): SourceUnits {
  const units: AutoCodeUnit[] = [];
  const qs = questions(text);
  for (const q of qs) {
    const wording = index.slice(q.start, q.end).replace(/\s+/g, ' ');
    const describe = `Answers to question ${q.number}. As first asked: “${[...wording].slice(0, QUESTION_WORDING_CHARS).join('')}”`;
    for (const a of q.answers) units.push({ name: `Q${q.number}`, start: a.start, end: a.end, describe });
  }
  if (units.length) return { units };
  return { units, note: qs.length ? 'numbered questions but no answers' : 'no numbered questions (“Q3.”, “Question 3:”)' };
}

function byHeading(text: string): SourceUnits {
  const units: AutoCodeUnit[] = [];
  for (const sec of markdownSections(text)) {
    if (sec.start < sec.end) units.push({ name: joinPath(sec.trail), start: sec.start, end: sec.end });
  }
  return units.length ? { units } : { units, note: 'no Markdown headings (“# Title”) with text under them' };
}

function byParagraph(text: string, index: PositionIndex): SourceUnits {
  const units: AutoCodeUnit[] = [];
  paragraphs(text).forEach((p, i) => {
    const [s, e] = trimSpan(text, index, p.start, p.end);
    if (s < e) units.push({ name: `Paragraph ${i + 1}`, start: s, end: e });
  });
  return units.length ? { units } : { units, note: 'no paragraphs' };
}

export function autoCodeUnits(mode: AutoCodeMode, text: string, index: PositionIndex = buildPositionIndex(text)): SourceUnits {
  switch (mode) {
    case 'speaker':
      return bySpeaker(text, index);
    case 'question':
      return byQuestion(text, index);
    case 'heading':
      return byHeading(text);
    case 'paragraph':
      return byParagraph(text, index);
  }
}

/** Orders relative code names for display: numbered units by number, others by first appearance. */
export function compareUnitNames(mode: AutoCodeMode, a: string, b: string): number {
  if (mode === 'question' || mode === 'paragraph') {
    const n = (s: string) => Number(/\d+$/.exec(s)?.[0] ?? 0);
    return n(a) - n(b);
  }
  return 0;
}
