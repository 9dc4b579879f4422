/**
 * Structure detected in stored source text: paragraphs, speaker turns,
 * numbered questions, and span expansion to sentence / paragraph / word
 * boundaries (for "spread coding to…" and auto-coding).
 *
 * All offsets in and out are Unicode code points, half-open [start, end).
 * Internally everything runs on UTF-16 offsets ("u") and converts at the
 * edges through a PositionIndex. Every scan is a single linear pass and the
 * regexes only ever see a short, bounded window at a line start, so hostile
 * input cannot make these functions hang.
 */
import { buildPositionIndex, type PositionIndex } from './positions.js';

export interface Span {
  start: number;
  end: number;
}

export interface Turn extends Span {
  /** The label as written, e.g. "Interviewer", "E4", "Dr. Smith". */
  speaker: string;
  /** Offset just after the label's colon and the spaces that follow it. */
  labelEnd: number;
}

export interface Question extends Span {
  number: number;
  /** The marker as written without its punctuation: "Q1", "Question 2". */
  label: string;
  /** Content spans (labels and surrounding whitespace excluded) of the answers. */
  answers: Span[];
}

export interface AroundOptions {
  /** Position index of `text`, to avoid rebuilding it on every call. */
  index?: PositionIndex;
  /** Turns of `text` (from speakerTurns): expansion then never swallows a speaker label. */
  turns?: readonly Turn[];
}

// ---------------------------------------------------------------- helpers

/** Whitespace as JavaScript's \s defines it, by UTF-16 unit (all are BMP). */
const isWs = (c: number): boolean =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

interface Line {
  start: number;
  end: number;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      out.push({ start, end: text.length });
      return out;
    }
    out.push({ start, end: nl });
    start = nl + 1;
  }
}

const lineStartOf = (text: string, u: number): number => text.lastIndexOf('\n', u - 1) + 1;
function lineEndOf(text: string, u: number): number {
  const nl = text.indexOf('\n', u);
  return nl === -1 ? text.length : nl;
}

function trimEndU(text: string, from: number, to: number): number {
  while (to > from && isWs(text.charCodeAt(to - 1))) to--;
  return to;
}
function trimStartU(text: string, from: number, to: number): number {
  while (from < to && isWs(text.charCodeAt(from))) from++;
  return from;
}

function toCpSpan(index: PositionIndex, s: number, e: number): Span {
  return { start: index.utf16ToCp(s), end: index.utf16ToCp(e) };
}

/** Clamps and orders a code-point span, rejecting non-integers. */
function clampSpan(index: PositionIndex, start: number, end: number): [number, number] {
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw new RangeError(`span [${start}, ${end}) is not integral`);
  const a = Math.max(0, Math.min(index.length, start));
  const b = Math.max(0, Math.min(index.length, end));
  return a <= b ? [a, b] : [b, a];
}

// ---------------------------------------------------------------- paragraphs

/** Every line that contains something other than whitespace, newline excluded. */
export function paragraphs(text: string): Span[] {
  const index = buildPositionIndex(text);
  return lines(text)
    .filter((l) => trimStartU(text, l.start, l.end) < l.end)
    .map((l) => toCpSpan(index, l.start, l.end));
}

// ---------------------------------------------------------------- speaker turns

/**
 * A label is 1–4 words (letters, digits, marks and ' ’ . _ - ( ) inside a
 * word, single spaces between words), at most 40 characters, optionally
 * indented, followed by ":" and whitespace / end of line, or by a
 * full-width "：". The regex sees at most LABEL_WINDOW characters.
 */
const LABEL_RE = /^[ \t]{0,8}([\p{L}\p{N}(][\p{L}\p{N}\p{M}'’._()-]*(?: [\p{L}\p{N}(][\p{L}\p{N}\p{M}'’._()-]*){0,3}) ?([:：])/u;
const LABEL_WINDOW = 64;
const QUESTION_LIKE_RE = /^(?:Q ?\d+|Question \d+)$/i;
/** "Dr.", "Mrs.", "Prof.": short capitalised words may carry a dot inside a name. */
const ABBREVIATION_WORD_RE = /^\p{Lu}\p{L}{0,3}\.$/u;

interface LabelMatch {
  lineStart: number;
  speaker: string;
  labelEnd: number;
}

function matchLabel(text: string, line: Line): LabelMatch | null {
  const window = text.slice(line.start, Math.min(line.end, line.start + LABEL_WINDOW));
  const m = LABEL_RE.exec(window);
  if (!m) return null;
  const speaker = m[1] as string;
  let u = line.start + m[0].length;
  if (m[2] === ':' && u < line.end && !isWs(text.charCodeAt(u))) return null; // "10:30", "http://"
  if ([...speaker].length > 40 || QUESTION_LIKE_RE.test(speaker)) return null;
  if (/['’._-]$/.test(speaker)) return null; // sentence punctuation right before the colon
  for (const word of speaker.split(' ')) {
    // A dot may end an abbreviation ("Dr.") or separate initials ("J.K."), nothing else.
    if (word.includes('.') && !ABBREVIATION_WORD_RE.test(word) && !/^(?:\p{Lu}\.)+\p{Lu}?$/u.test(word)) return null;
  }
  while (u < line.end && (text.charCodeAt(u) === 0x20 || text.charCodeAt(u) === 0x09 || text.charCodeAt(u) === 0xa0)) u++;
  return { lineStart: line.start, speaker, labelEnd: u };
}

interface TurnU {
  speaker: string;
  start: number;
  end: number;
  labelEnd: number;
}

function speakerTurnsU(text: string, allLines: Line[]): TurnU[] {
  const candidates: LabelMatch[] = [];
  const counts = new Map<string, number>();
  for (const line of allLines) {
    const m = matchLabel(text, line);
    if (m) {
      candidates.push(m);
      counts.set(m.speaker, (counts.get(m.speaker) ?? 0) + 1);
    }
  }
  // A label seen once ("Date:", "Note:") is not a speaker; a transcript needs two recurring speakers.
  const recurring = new Set([...counts].filter(([, n]) => n >= 2).map(([name]) => name));
  if (recurring.size < 2) return [];
  const accepted = candidates.filter((c) => recurring.has(c.speaker));
  return accepted.map((c, i) => {
    const next = accepted[i + 1];
    const end = trimEndU(text, c.labelEnd, next ? next.lineStart : text.length);
    return { speaker: c.speaker, start: c.lineStart, end, labelEnd: c.labelEnd };
  });
}

/**
 * Speaker turns of a transcript. A turn starts at a line beginning with a
 * speaker label ("Interviewer:", "E4:", "Dr. Smith:") and runs to just
 * before the next turn's line, trailing whitespace excluded; unlabelled
 * lines in between are continuation paragraphs of the turn. Labels only
 * count at a line start, only when the same label occurs at least twice,
 * and only when at least two such recurring speakers exist — so "Note:" in
 * running text or a one-off "Date:" header never starts a turn.
 */
export function speakerTurns(text: string): Turn[] {
  const index = buildPositionIndex(text);
  return speakerTurnsU(text, lines(text)).map((t) => ({
    speaker: t.speaker,
    start: index.utf16ToCp(t.start),
    end: index.utf16ToCp(t.end),
    labelEnd: index.utf16ToCp(t.labelEnd),
  }));
}

// ---------------------------------------------------------------- questions

const QUESTION_RE = /^(Q ?(\d{1,6})|Question[ \t]+(\d{1,6}))[ \t]?[.:)]/i;

interface MarkerU {
  number: number;
  label: string;
  start: number;
  line: Line;
  /** Index of the turn the marker is in, or -1. */
  turn: number;
  /** The marker directly follows the turn's speaker label. */
  onLabelLine: boolean;
}

/**
 * Numbered questions: "Q1." / "Q1:" / "Question 1:" at the start of a line
 * or right after a speaker label. With speaker turns, a question asked in a
 * turn ("Interviewer: Q1. …") runs to the end of that turn and its answers
 * are the following turns up to the next question, except the asker's own
 * (follow-up prompts). An unlabelled marker line is treated as a heading
 * (asker unknown) unless its turn's speaker asks labelled questions
 * elsewhere: the question is then its line and every following turn up to
 * the next question is an answer. Without turns, a question is its line
 * and the answers are the following non-blank lines up to the next one.
 */
export function questions(text: string): Question[] {
  const index = buildPositionIndex(text);
  const allLines = lines(text);
  const turns = speakerTurnsU(text, allLines);
  const turnAtLine = new Map<number, number>(turns.map((t, i) => [t.start, i]));

  const markers: MarkerU[] = [];
  let turnCursor = -1;
  for (const line of allLines) {
    while (turnCursor + 1 < turns.length && (turns[turnCursor + 1] as TurnU).start <= line.start) turnCursor++;
    const startsTurn = turnAtLine.get(line.start);
    const from = startsTurn !== undefined ? (turns[startsTurn] as TurnU).labelEnd : line.start;
    const contentStart = trimStartU(text, from, Math.min(line.end, from + 16));
    const window = text.slice(contentStart, Math.min(line.end, contentStart + 40));
    const m = QUESTION_RE.exec(window);
    if (!m) continue;
    const after = contentStart + m[0].length;
    if (after < line.end && !isWs(text.charCodeAt(after))) continue; // "Q1.5", "Q1:x"
    const inTurn = turnCursor >= 0 && line.start < (turns[turnCursor] as TurnU).end ? turnCursor : -1;
    markers.push({
      number: Number(m[2] ?? m[3]),
      label: (m[1] as string).replace(/\s+/g, ' '),
      start: contentStart,
      line,
      turn: inTurn,
      onLabelLine: startsTurn !== undefined,
    });
  }

  // Who asks: speakers seen with a marker right after their label. An
  // unlabelled marker inside someone else's turn is a heading, not theirs.
  const askers = new Set(markers.filter((mk) => mk.onLabelLine).map((mk) => (turns[mk.turn] as TurnU).speaker));
  const nonBlankLines = allLines.filter((l) => trimStartU(text, l.start, l.end) < l.end);
  // Markers are in text order, so one forward cursor per list keeps this linear.
  let tp = 0;
  let lp = 0;
  return markers.map((mk, i) => {
    const next = markers[i + 1];
    const own = mk.turn >= 0 ? (turns[mk.turn] as TurnU) : undefined;
    const asker = own && (mk.onLabelLine || askers.has(own.speaker)) ? own.speaker : null;
    let end = own && asker !== null ? own.end : mk.line.end;
    if (next && next.line.start < end) end = next.line.start;
    end = trimEndU(text, mk.start, end);

    const answers: Span[] = [];
    const limit = next ? next.line.start : text.length;
    if (turns.length > 0) {
      while (tp < turns.length && (turns[tp] as TurnU).start <= mk.line.start) tp++;
      for (let k = tp; k < turns.length; k++) {
        const t = turns[k] as TurnU;
        if (t.start >= limit) break;
        if (t.speaker === asker) continue;
        const s = trimStartU(text, t.labelEnd, t.end);
        // A turn that runs into the next (unlabelled) marker answers only up to it.
        const e = t.end > limit ? trimEndU(text, s, limit) : t.end;
        if (s < e) answers.push(toCpSpan(index, s, e));
      }
    } else {
      while (lp < nonBlankLines.length && (nonBlankLines[lp] as Line).start <= mk.line.start) lp++;
      for (let k = lp; k < nonBlankLines.length; k++) {
        const l = nonBlankLines[k] as Line;
        if (l.start >= limit) break;
        answers.push(toCpSpan(index, trimStartU(text, l.start, l.end), trimEndU(text, l.start, l.end)));
      }
    }
    return { number: mk.number, label: mk.label, ...toCpSpan(index, mk.start, end), answers };
  });
}

// ---------------------------------------------------------------- spans around a hit

/** Sentence-final punctuation, Latin and other scripts. */
const TERMINATORS = new Set([0x2e, 0x21, 0x3f, 0x2026, 0x203d, 0x061f, 0x06d4, 0x0964, 0x0965, 0x3002, 0xff01, 0xff1f, 0xff0e]);
/** CJK full stops end a sentence without a following space. */
const CJK_TERMINATORS = new Set([0x3002, 0xff01, 0xff1f, 0xff0e]);
/** Closing quotes and brackets that stay with the sentence before them. */
const CLOSERS = new Set([0x22, 0x27, 0x29, 0x5d, 0x7d, 0x2019, 0x201d, 0xbb, 0x203a, 0x300d, 0x300f, 0xff09]);
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'cf', 'approx', 'dept', 'fig', 'e.g', 'i.e']);

const isTermOrCloser = (c: number): boolean => TERMINATORS.has(c) || CLOSERS.has(c);
const ABBREVIATION_CHAR_RE = /[\p{L}.]/u;

/** True when the "." at u ends an abbreviation or an initial rather than a sentence. */
function isAbbreviationDot(text: string, floor: number, u: number): boolean {
  let w = u;
  while (w > floor && u - w < 8 && ABBREVIATION_CHAR_RE.test(text[w - 1] as string)) w--;
  const word = text.slice(w, u);
  if (word === '') return false;
  // An initial ("J. Smith"), but not the pronoun: "so did I. Then…" is common in transcripts.
  if (word !== 'I' && /^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Whether a sentence ends at j, given that j ends a maximal run of
 * terminators and closing quotes/brackets: the run must contain a
 * terminator and be followed by whitespace / a line end — or the
 * terminator is a CJK one — and a lone "." must not end an abbreviation.
 */
function sentenceEndsAt(text: string, floor: number, j: number): boolean {
  let r = j;
  while (r > floor && isTermOrCloser(text.charCodeAt(r - 1))) r--;
  let i = r;
  while (i < j && !TERMINATORS.has(text.charCodeAt(i))) i++;
  if (i === j) return false;
  const c = text.charCodeAt(i);
  if (!(j === text.length || isWs(text.charCodeAt(j)) || CJK_TERMINATORS.has(c))) return false;
  return !(c === 0x2e && j === i + 1 && isAbbreviationDot(text, floor, i));
}

/** Lowest offset sentence scanning may reach from u: after a speaker label on u's turn line, else 0. */
function scanFloor(index: PositionIndex, u: number, turns: readonly Turn[] | undefined): number {
  if (!turns || turns.length === 0) return 0;
  const cp = index.utf16ToCp(u);
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((turns[mid] as Turn).start <= cp) lo = mid + 1;
    else hi = mid;
  }
  const turn = turns[lo - 1];
  // Inside the label itself nothing is clamped; a label on an earlier line is cut off by its newline.
  if (!turn || turn.labelEnd > cp) return 0;
  return index.cpToUtf16(turn.labelEnd);
}

/** Start of the sentence containing the non-space character at u. Cost: the sentence's length. */
function sentenceStartU(text: string, u: number, floor: number): number {
  let p = u;
  while (p > floor && text.charCodeAt(p - 1) !== 0x0a) {
    const c = text.charCodeAt(p - 1);
    if (isTermOrCloser(c) && !isTermOrCloser(text.charCodeAt(p))) {
      if (sentenceEndsAt(text, floor, p)) break;
      while (p > floor && isTermOrCloser(text.charCodeAt(p - 1))) p--;
      continue;
    }
    p--;
  }
  return trimStartU(text, p, u);
}

/** End of the sentence containing the non-space character at u - 1. */
function sentenceEndU(text: string, u: number, floor: number): number {
  let i = u - 1;
  while (i > floor && isTermOrCloser(text.charCodeAt(i)) && isTermOrCloser(text.charCodeAt(i - 1))) i--;
  while (i < text.length && text.charCodeAt(i) !== 0x0a) {
    if (!isTermOrCloser(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && isTermOrCloser(text.charCodeAt(j))) j++;
    if (j >= u && sentenceEndsAt(text, floor, j)) return j;
    i = j;
  }
  return trimEndU(text, u, i);
}

/** Start of the content on u's line: after a speaker label when a turn begins on that line. */
function contentLineStart(text: string, index: PositionIndex, u: number, turns: readonly Turn[] | undefined): number {
  return Math.max(lineStartOf(text, u), scanFloor(index, u, turns));
}

/** Code-point span → trimmed UTF-16 span; an all-whitespace span collapses to its start. */
function prepare(text: string, start: number, end: number, opts?: AroundOptions): { index: PositionIndex; s: number; e: number } {
  const index = opts?.index ?? buildPositionIndex(text);
  const [a, b] = clampSpan(index, start, end);
  let s = index.cpToUtf16(a);
  let e = index.cpToUtf16(b);
  const ts = trimStartU(text, s, e);
  if (ts === e) e = s;
  else {
    s = ts;
    e = trimEndU(text, s, e);
  }
  return { index, s, e };
}

/**
 * Expands a span to the whole sentence(s) it touches. Sentences end at
 * . ! ? … (and their CJK / Arabic / Devanagari forms) followed by
 * whitespace, or at a line end; common abbreviations ("Dr.", "e.g.") and
 * initials do not end a sentence. An empty span selects the sentence it
 * lies in, or the one just before it when it lies in the space after a
 * sentence. Cost is proportional to the sentence length (pass `index` to
 * avoid an O(n) index build per call).
 */
export function sentenceAround(text: string, start: number, end: number, opts?: AroundOptions): Span {
  const prepared = prepare(text, start, end, opts);
  const index = prepared.index;
  let { s, e } = prepared;
  if (s === e) {
    let q = s;
    if (q >= text.length || isWs(text.charCodeAt(q))) {
      while (q > 0 && isWs(text.charCodeAt(q - 1)) && text.charCodeAt(q - 1) !== 0x0a) q--;
      if (q === 0 || text.charCodeAt(q - 1) === 0x0a || q <= scanFloor(index, s, opts?.turns)) return toCpSpan(index, s, s);
      q--; // the last character of the sentence before
    }
    s = q;
    e = q + 1;
  }
  const from = sentenceStartU(text, s, scanFloor(index, s, opts?.turns));
  const to = sentenceEndU(text, e, scanFloor(index, e - 1, opts?.turns));
  return toCpSpan(index, Math.min(from, s), Math.max(to, e));
}

/** Expands a span to the whole paragraph(s) (lines) it touches, after any speaker label. */
export function paragraphAround(text: string, start: number, end: number, opts?: AroundOptions): Span {
  const { index, s, e } = prepare(text, start, end, opts);
  const ps = contentLineStart(text, index, s, opts?.turns);
  const pe = lineEndOf(text, e > s ? e - 1 : s);
  return toCpSpan(index, Math.min(ps, s), Math.max(pe, e));
}

// ---------------------------------------------------------------- words

const LN_RE = /[\p{L}\p{N}]/u;
const MARK_RE = /\p{M}/u;
/** Scripts written without spaces: every character is its own word for snapping. */
const IDEOGRAPHIC_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Emoji and other pictographs (flags are pairs of regional indicators). */
const PICTO_RE = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const EMOJI_MODIFIER_RE = /\p{Emoji_Modifier}/u;
const RI_RE = /\p{Regional_Indicator}/u;
/** Zero-width joiner / non-joiner: inside emoji sequences and inside words of Indic and Persian scripts. */
const isJoiner = (ch: string): boolean => ch === '\u200d' || ch === '\u200c';
const isApostrophe = (ch: string): boolean => ch === "'" || ch === '\u2019';

function cpAt(text: string, u: number): string {
  const c = text.codePointAt(u);
  return c === undefined ? '' : String.fromCodePoint(c);
}
function cpBefore(text: string, u: number): string {
  if (u <= 0) return '';
  const lo = text.charCodeAt(u - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && u >= 2) {
    const hi = text.charCodeAt(u - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return text.slice(u - 2, u);
  }
  return text[u - 1] as string;
}

const isLN = (ch: string): boolean => ch !== '' && LN_RE.test(ch);
const isPicto = (ch: string): boolean => ch !== '' && PICTO_RE.test(ch);
/** Characters a snapped span may start or end with: letters, digits and pictographs. */
const isWordChar = (ch: string): boolean => isLN(ch) || isPicto(ch);
/** Parts of an emoji sequence after its base: skin tones, variation selectors, keycaps. */
const isEmojiTail = (ch: string): boolean => ch !== '' && (EMOJI_MODIFIER_RE.test(ch) || MARK_RE.test(ch));

/** True when the boundary at u lies inside a word (so snapping must not stop there). */
function insideWord(text: string, u: number): boolean {
  const a = cpBefore(text, u);
  const b = cpAt(text, u);
  if (a === '' || b === '') return false;
  // Emoji sequences stay whole: "👍🏽", "❤️", "👨‍👩‍👧", "🇬🇧" (each pictograph is its own word otherwise).
  if (isJoiner(b)) return isWordChar(a) || isEmojiTail(a);
  if (isJoiner(a)) return isWordChar(b);
  if (EMOJI_MODIFIER_RE.test(b)) return isPicto(a);
  if (isPicto(a) && MARK_RE.test(b)) return true;
  if (RI_RE.test(a) && RI_RE.test(b)) return regionalPairOpen(text, u);
  if (MARK_RE.test(b)) return isLN(a) || MARK_RE.test(a); // accents stay on their letter
  if (isLN(b) && (isLN(a) || MARK_RE.test(a))) return !IDEOGRAPHIC_RE.test(a) && !IDEOGRAPHIC_RE.test(b);
  // Apostrophes join letters: "don't", "l’homme".
  if (isApostrophe(b)) return isLN(a) && isLN(cpAt(text, u + b.length));
  if (isApostrophe(a)) return isLN(b) && isLN(cpBefore(text, u - a.length));
  return false;
}

/** Between two regional indicators: inside a flag when an odd number of indicators precede u in the run. */
function regionalPairOpen(text: string, u: number): boolean {
  let n = 0;
  let p = u;
  // Each indicator is a surrogate pair; a run longer than a few flags is unusual, but the scan is bounded anyway.
  while (p >= 2 && n < 64 && RI_RE.test(text.slice(p - 2, p))) {
    n++;
    p -= 2;
  }
  return n % 2 === 1;
}

/**
 * Snaps a span to whole words without ever dropping what was selected:
 * whitespace (spaces, tabs, line breaks) at either edge is trimmed, then a
 * span that starts or ends inside a word is widened to the word's edge.
 * Punctuation and symbols the user selected stay ("fox." keeps its full
 * stop, "‘really’" its quotes). Words are runs of letters, digits and
 * combining marks in any script (apostrophes between letters included);
 * each Han / kana character counts as a word, Thai-like scripts without
 * spaces snap to the whole run. Each emoji (with its skin tone, variation
 * selector or ZWJ sequence) is a word too, so "it would help 👍" keeps its
 * thumbs-up. A span of whitespace only collapses to its start.
 */
export function snapToWords(text: string, start: number, end: number, opts?: { index?: PositionIndex }): Span {
  const index = opts?.index ?? buildPositionIndex(text);
  const [a, b] = clampSpan(index, start, end);
  const trimmed = trimSpanWhitespace(text, a, b, { index });
  if (trimmed.start === trimmed.end) return trimmed;
  let s = index.cpToUtf16(trimmed.start);
  let e = index.cpToUtf16(trimmed.end);
  while (insideWord(text, s)) s -= cpBefore(text, s).length;
  while (insideWord(text, e)) e += cpAt(text, e).length;
  return toCpSpan(index, s, e);
}

/** A span without the whitespace at its edges (a triple-click's trailing line break); whitespace only collapses to its start. */
export function trimSpanWhitespace(text: string, start: number, end: number, opts?: { index?: PositionIndex }): Span {
  const index = opts?.index ?? buildPositionIndex(text);
  const [a, b] = clampSpan(index, start, end);
  const e = trimEndU(text, index.cpToUtf16(a), index.cpToUtf16(b));
  const s = trimStartU(text, index.cpToUtf16(a), e);
  return s >= e ? { start: a, end: a } : toCpSpan(index, s, e);
}
