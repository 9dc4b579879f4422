import { describe, expect, it } from 'vitest';
import { normalizeSourceText } from '../../../shared/text/normalize.js';
import { buildPositionIndex, codePointLength, sliceCodePoints } from '../../../shared/text/positions.js';
import {
  paragraphAround,
  paragraphs,
  questions,
  sentenceAround,
  snapToWords,
  speakerTurns,
  type Span,
} from '../../../shared/text/structure.js';

/** Code-point offset of the n-th (0-based) occurrence of needle. */
function cpOf(text: string, needle: string, nth = 0): number {
  let u = -1;
  for (let i = 0; i <= nth; i++) {
    u = text.indexOf(needle, u + 1);
    if (u === -1) throw new Error(`"${needle}" not found`);
  }
  return codePointLength(text.slice(0, u));
}
/** Code-point span of the n-th occurrence of needle. */
function spanOf(text: string, needle: string, nth = 0): Span {
  const start = cpOf(text, needle, nth);
  return { start, end: start + codePointLength(needle) };
}
const texts = (text: string, spans: Span[]): string[] => spans.map((s) => sliceCodePoints(text, s.start, s.end));
const cut = (text: string, s: Span): string => sliceCodePoints(text, s.start, s.end);

const TRANSCRIPT = normalizeSourceText(
  [
    'Project: Night shifts study',
    'Date: 3 March 2024',
    '',
    'Interviewer: Q1. How did you start working nights? 🌙',
    '',
    'Respondent: I started in 2019. At first it was hard.',
    'Really hard, to be honest.',
    '',
    'Interviewer: Why was it hard?',
    '',
    'Respondent: Sleep. Mostly sleep — and my kids 👨‍👩‍👧.',
    '',
    'Interviewer: Q2. What helped?',
    '',
    'Respondent: Dr. Smith told me: keep a routine. It worked.',
    '',
    'Interviewer: Question 3: Anything else?',
    '',
    'Respondent:',
    'No, that’s all.  ',
    '',
  ].join('\r\n'),
);

describe('paragraphs', () => {
  it('returns every non-blank line, newline excluded', () => {
    const text = 'one\n\n  \ntwo words\n\t\nthree';
    expect(texts(text, paragraphs(text))).toEqual(['one', 'two words', 'three']);
    expect(paragraphs(text)).toEqual([
      { start: 0, end: 3 },
      { start: 8, end: 17 },
      { start: 20, end: 25 },
    ]);
  });

  it('counts code points: emoji, combining accents, CJK, RTL', () => {
    const text = '👩‍👩‍👧 café\n\ncafe\u0301 中文\nעברית العربية 🙂';
    const ps = paragraphs(text);
    expect(texts(text, ps)).toEqual(['👩‍👩‍👧 café', 'cafe\u0301 中文', 'עברית العربية 🙂']);
    // 👩‍👩‍👧 is 5 code points (3 emoji + 2 ZWJ), not 8 UTF-16 units.
    expect(ps[0]).toEqual({ start: 0, end: 10 });
    expect(ps[1]).toEqual({ start: 12, end: 20 });
    expect(ps[2]).toEqual({ start: 21, end: 36 });
  });

  it('handles empty text, only newlines, no trailing newline and a trailing newline', () => {
    expect(paragraphs('')).toEqual([]);
    expect(paragraphs('\n\n\n')).toEqual([]);
    expect(paragraphs('a')).toEqual([{ start: 0, end: 1 }]);
    expect(paragraphs('a\n')).toEqual([{ start: 0, end: 1 }]);
    expect(paragraphs('\u00a0\u3000\nx')).toEqual([{ start: 3, end: 4 }]);
  });
});

describe('speakerTurns', () => {
  it('finds the turns of a transcript, with continuation lines and trimmed ends', () => {
    const turns = speakerTurns(TRANSCRIPT);
    expect(turns.map((t) => t.speaker)).toEqual([
      'Interviewer',
      'Respondent',
      'Interviewer',
      'Respondent',
      'Interviewer',
      'Respondent',
      'Interviewer',
      'Respondent',
    ]);
    expect(texts(TRANSCRIPT, turns)).toEqual([
      'Interviewer: Q1. How did you start working nights? 🌙',
      'Respondent: I started in 2019. At first it was hard.\nReally hard, to be honest.',
      'Interviewer: Why was it hard?',
      'Respondent: Sleep. Mostly sleep — and my kids 👨‍👩‍👧.',
      'Interviewer: Q2. What helped?',
      'Respondent: Dr. Smith told me: keep a routine. It worked.',
      'Interviewer: Question 3: Anything else?',
      'Respondent:\nNo, that’s all.',
    ]);
    // labelEnd is after the colon and its spaces; "Respondent:" alone ends at the colon.
    expect(turns.map((t) => cut(TRANSCRIPT, { start: t.start, end: t.labelEnd }))).toEqual([
      'Interviewer: ',
      'Respondent: ',
      'Interviewer: ',
      'Respondent: ',
      'Interviewer: ',
      'Respondent: ',
      'Interviewer: ',
      'Respondent:',
    ]);
    expect(turns[0]).toEqual({ speaker: 'Interviewer', start: cpOf(TRANSCRIPT, 'Interviewer: Q1'), end: cpOf(TRANSCRIPT, '🌙') + 1, labelEnd: cpOf(TRANSCRIPT, 'Q1.') });
  });

  it('ignores one-off labels such as "Date:" and labels not at a line start', () => {
    const turns = speakerTurns(TRANSCRIPT);
    expect(turns.some((t) => t.speaker === 'Date' || t.speaker === 'Project' || t.speaker === 'Dr. Smith told me')).toBe(false);
    expect(turns[0]?.start).toBe(cpOf(TRANSCRIPT, 'Interviewer:'));
  });

  it('accepts IDs, titles and multi-word names, up to four words', () => {
    const text = 'E4: hello\nI1: hi\nE4: how are you\nI1: fine\nDr. Smith: doctor\nMary Ann de Vries: four words\nDr. Smith: again\nMary Ann de Vries: again';
    expect(speakerTurns(text).map((t) => t.speaker)).toEqual(['E4', 'I1', 'E4', 'I1', 'Dr. Smith', 'Mary Ann de Vries', 'Dr. Smith', 'Mary Ann de Vries']);
    const five = 'A: x\nB: y\nA: x\nB: y\nOne two three four five: no\nOne two three four five: no';
    expect(speakerTurns(five).map((t) => t.speaker)).toEqual(['A', 'B', 'A', 'B']);
    expect(texts(five, speakerTurns(five)).at(-1)).toBe('B: y\nOne two three four five: no\nOne two three four five: no');
  });

  it('rejects labels with sentence punctuation, times, URLs and question markers', () => {
    const text = [
      'A: one',
      'B: two',
      'He said. Then: x',
      'He said. Then: y',
      'Well, then: x',
      'Well, then: y',
      '10:30 meeting',
      '10:30 meeting',
      'http://example.org',
      'http://example.org',
      'Q1: what?',
      'Q1: what?',
      'A: three',
      'B: four',
    ].join('\n');
    expect(speakerTurns(text).map((t) => t.speaker)).toEqual(['A', 'B', 'A', 'B']);
  });

  it('needs two recurring speakers', () => {
    expect(speakerTurns('Note: something\nNote: more\nplain text')).toEqual([]);
    expect(speakerTurns('A: x\nB: y\nA: z')).toEqual([]);
    expect(speakerTurns('A: x\nB: y\nA: z\nB: w\nC: once').map((t) => t.speaker)).toEqual(['A', 'B', 'A', 'B']);
    expect(speakerTurns('')).toEqual([]);
  });

  it('handles CJK full-width colons, RTL names, indentation and code-point offsets after emoji', () => {
    const text = '😀😀\n采访者：你好吗？\n受访者：很好。\n采访者：为什么？\n受访者：因为…\n  המראיין: שלום\n  المشارك: مرحبا\n  המראיין: מה?\n  المشارك: نعم';
    const turns = speakerTurns(text);
    expect(turns.map((t) => t.speaker)).toEqual(['采访者', '受访者', '采访者', '受访者', 'המראיין', 'المشارك', 'המראיין', 'المشارك']);
    expect(turns[0]).toEqual({ speaker: '采访者', start: 3, end: 3 + 8, labelEnd: 7 });
    expect(cut(text, { start: turns[4]!.labelEnd, end: turns[4]!.end })).toBe('שלום');
    expect(turns[4]!.start).toBe(cpOf(text, '  המראיין'));
  });

  it('allows an optional space before the colon', () => {
    const text = 'Enquêteur : bonjour\nRépondant : salut\nEnquêteur : ça va ?\nRépondant : oui';
    expect(speakerTurns(text).map((t) => t.speaker)).toEqual(['Enquêteur', 'Répondant', 'Enquêteur', 'Répondant']);
  });
});

describe('questions', () => {
  it('links each question to the respondent turns that follow it, skipping interviewer follow-ups', () => {
    const qs = questions(TRANSCRIPT);
    expect(qs.map((q) => [q.number, q.label])).toEqual([
      [1, 'Q1'],
      [2, 'Q2'],
      [3, 'Question 3'],
    ]);
    expect(texts(TRANSCRIPT, qs)).toEqual(['Q1. How did you start working nights? 🌙', 'Q2. What helped?', 'Question 3: Anything else?']);
    expect(qs.map((q) => texts(TRANSCRIPT, q.answers))).toEqual([
      ['I started in 2019. At first it was hard.\nReally hard, to be honest.', 'Sleep. Mostly sleep — and my kids 👨‍👩‍👧.'],
      ['Dr. Smith told me: keep a routine. It worked.'],
      ['No, that’s all.'],
    ]);
    expect(qs[0]!.start).toBe(cpOf(TRANSCRIPT, 'Q1.'));
    expect(qs[0]!.answers[0]).toEqual(spanOf(TRANSCRIPT, 'I started in 2019. At first it was hard.\nReally hard, to be honest.'));
  });

  it('works on plain questionnaires without speakers', () => {
    const text = 'Survey 12\nQ1. Age group?\n30–39\n\nQuestion 2: Why did you leave?\n  Pay was low.  \nHours too.\nQ3) Comments\n';
    const qs = questions(text);
    expect(qs.map((q) => [q.number, q.label, cut(text, q)])).toEqual([
      [1, 'Q1', 'Q1. Age group?'],
      [2, 'Question 2', 'Question 2: Why did you leave?'],
      [3, 'Q3', 'Q3) Comments'],
    ]);
    expect(qs.map((q) => texts(text, q.answers))).toEqual([['30–39'], ['Pay was low.', 'Hours too.'], []]);
  });

  it('does not take decimals or words for markers', () => {
    expect(questions('Q1.5 is a version\nQuestionnaire 2: no\nQ12x. no\nthe Q1. in the middle')).toEqual([]);
    expect(questions('q4: lower case\nanswer').map((q) => [q.number, q.label])).toEqual([[4, 'q4']]);
  });

  it('ends a question at the next marker in the same turn', () => {
    const text = 'I: Q1. First?\nQ2. Second, straight away?\nR: answer two\nI: ok\nR: more';
    const qs = questions(text);
    expect(texts(text, qs)).toEqual(['Q1. First?', 'Q2. Second, straight away?']);
    expect(qs[0]!.answers).toEqual([]);
    expect(texts(text, qs[1]!.answers)).toEqual(['answer two', 'more']);
  });

  it('treats unlabelled question lines in a transcript as headings', () => {
    const text = [
      'Q1. What do you do?',
      'Respondent: I teach.',
      'Interviewer: Where?',
      'Respondent: Here.',
      'Q2. Since when?',
      'Respondent: Since 2010.',
      'Interviewer: ok',
    ].join('\n');
    const qs = questions(text);
    expect(texts(text, qs)).toEqual(['Q1. What do you do?', 'Q2. Since when?']);
    expect(texts(text, qs[0]!.answers)).toEqual(['I teach.', 'Where?', 'Here.']);
    expect(texts(text, qs[1]!.answers)).toEqual(['Since 2010.', 'ok']);
  });

  it('keeps an unlabelled follow-up question in the labelled asker’s turn', () => {
    const text = 'I: Q1. First?\nR: one\nI: Thanks.\nQ2. And then?\nR: two\nI: Q3. Last?\nR: three';
    const qs = questions(text);
    expect(texts(text, qs)).toEqual(['Q1. First?', 'Q2. And then?', 'Q3. Last?']);
    expect(qs.map((q) => texts(text, q.answers))).toEqual([['one'], ['two'], ['three']]);
  });

  it('returns no questions for text without markers', () => {
    expect(questions('')).toEqual([]);
    expect(questions('Interviewer: hi\nRespondent: hi\nInterviewer: bye\nRespondent: bye')).toEqual([]);
  });
});

describe('sentenceAround', () => {
  const text = 'First one here. Dr. Smith said “Yes!” Then e.g. this went on… Last?\nNew line. 2019. End';

  it('expands a hit to its sentence', () => {
    expect(cut(text, sentenceAround(text, cpOf(text, 'one'), cpOf(text, 'one') + 3))).toBe('First one here.');
    expect(cut(text, sentenceAround(text, cpOf(text, 'Smith'), cpOf(text, 'Smith') + 2))).toBe('Dr. Smith said “Yes!”');
    expect(cut(text, sentenceAround(text, cpOf(text, 'this'), cpOf(text, 'this') + 4))).toBe('Then e.g. this went on…');
    expect(cut(text, sentenceAround(text, cpOf(text, 'Last'), cpOf(text, 'Last') + 1))).toBe('Last?');
    expect(cut(text, sentenceAround(text, cpOf(text, 'End'), cpOf(text, 'End') + 3))).toBe('End');
  });

  it('spans several sentences and stops at line ends', () => {
    expect(cut(text, sentenceAround(text, cpOf(text, 'here'), cpOf(text, 'Then') + 2))).toBe('First one here. Dr. Smith said “Yes!” Then e.g. this went on…');
    expect(cut(text, sentenceAround(text, cpOf(text, 'Last'), cpOf(text, 'New') + 1))).toBe('Last?\nNew line.');
    expect(cut(text, sentenceAround(text, cpOf(text, '2019'), cpOf(text, '2019') + 2))).toBe('2019.');
  });

  it('trims whitespace of the hit and handles empty spans', () => {
    const at = cpOf(text, ' Then');
    expect(cut(text, sentenceAround(text, at, at + 2))).toBe('Then e.g. this went on…');
    expect(cut(text, sentenceAround(text, at, at))).toBe('Dr. Smith said “Yes!”');
    expect(cut(text, sentenceAround(text, 0, 0))).toBe('First one here.');
    expect(sentenceAround('', 0, 0)).toEqual({ start: 0, end: 0 });
    expect(sentenceAround('a\n\nb', 2, 2)).toEqual({ start: 2, end: 2 });
  });

  it('keeps closing quotes with their sentence, treats initials and "I." correctly', () => {
    const t = 'She said “Go home!” and left. J. R. Tolkien wrote. So did I. Then (quietly.) we ate';
    const bang = cpOf(t, '!');
    // As in Unicode sentence segmentation, "!”" followed by a space ends a sentence.
    expect(cut(t, sentenceAround(t, bang, bang + 1))).toBe('She said “Go home!”');
    expect(cut(t, sentenceAround(t, cpOf(t, 'Go'), cpOf(t, 'left') + 1))).toBe('She said “Go home!” and left.');
    expect(cut(t, sentenceAround(t, cpOf(t, 'Tolkien'), cpOf(t, 'Tolkien') + 1))).toBe('J. R. Tolkien wrote.');
    expect(cut(t, sentenceAround(t, cpOf(t, 'did'), cpOf(t, 'did') + 1))).toBe('So did I.');
    expect(cut(t, sentenceAround(t, cpOf(t, 'quietly'), cpOf(t, 'quietly') + 1))).toBe('Then (quietly.)');
    expect(cut(t, sentenceAround(t, cpOf(t, 'ate'), cpOf(t, 'ate') + 1))).toBe('we ate');
  });

  it('clamps out-of-range and reversed spans, rejects non-integers', () => {
    expect(cut(text, sentenceAround(text, 1e9, -5))).toBe(text);
    expect(() => sentenceAround(text, 0.5, 2)).toThrow(RangeError);
  });

  it('works with CJK, Arabic and Hebrew punctuation and emoji offsets', () => {
    const t = '🙂 你好。我很好！谢谢\nمرحبا؟ كيف حالك. שלום! מה נשמע?';
    expect(cut(t, sentenceAround(t, cpOf(t, '很'), cpOf(t, '很') + 1))).toBe('我很好！');
    expect(cut(t, sentenceAround(t, cpOf(t, '谢'), cpOf(t, '谢') + 1))).toBe('谢谢');
    expect(cut(t, sentenceAround(t, cpOf(t, 'حالك'), cpOf(t, 'حالك') + 2))).toBe('كيف حالك.');
    expect(cut(t, sentenceAround(t, cpOf(t, 'مرحبا'), cpOf(t, 'مرحبا') + 1))).toBe('مرحبا؟');
    expect(cut(t, sentenceAround(t, cpOf(t, 'נשמע'), cpOf(t, 'נשמע') + 1))).toBe('מה נשמע?');
    // The emoji is part of the first sentence; offsets count it as one code point.
    expect(sentenceAround(t, 2, 3)).toEqual({ start: 0, end: 5 });
  });

  it('keeps combining accents inside the sentence', () => {
    const t = 'Un cafe\u0301. Deux the\u0301s.';
    expect(cut(t, sentenceAround(t, 3, 4))).toBe('Un cafe\u0301.');
    expect(cut(t, sentenceAround(t, cpOf(t, 'Deux'), cpOf(t, 'Deux') + 1))).toBe('Deux the\u0301s.');
  });

  it('does not swallow speaker labels when turns are given', () => {
    const turns = speakerTurns(TRANSCRIPT);
    const index = buildPositionIndex(TRANSCRIPT);
    const at = cpOf(TRANSCRIPT, 'started');
    expect(cut(TRANSCRIPT, sentenceAround(TRANSCRIPT, at, at + 3, { turns, index }))).toBe('I started in 2019.');
    expect(cut(TRANSCRIPT, sentenceAround(TRANSCRIPT, at, at + 3))).toBe('Respondent: I started in 2019.');
    const cont = cpOf(TRANSCRIPT, 'Really');
    expect(cut(TRANSCRIPT, sentenceAround(TRANSCRIPT, cont, cont + 2, { turns }))).toBe('Really hard, to be honest.');
    const lbl = cpOf(TRANSCRIPT, 'Respondent: Sleep');
    expect(cut(TRANSCRIPT, sentenceAround(TRANSCRIPT, lbl, lbl + 3, { turns }))).toBe('Respondent: Sleep.');
  });
});

describe('paragraphAround', () => {
  it('expands to whole lines', () => {
    const text = 'alpha beta\n\n  gamma 🙂 delta\nepsilon';
    expect(cut(text, paragraphAround(text, cpOf(text, 'beta'), cpOf(text, 'beta') + 2))).toBe('alpha beta');
    expect(cut(text, paragraphAround(text, cpOf(text, 'delta'), cpOf(text, 'delta') + 1))).toBe('  gamma 🙂 delta');
    expect(cut(text, paragraphAround(text, cpOf(text, 'beta'), cpOf(text, 'gamma') + 1))).toBe('alpha beta\n\n  gamma 🙂 delta');
    // Whitespace at the edges of the hit does not pull in the next paragraph.
    expect(cut(text, paragraphAround(text, cpOf(text, 'beta'), cpOf(text, 'gamma')))).toBe('alpha beta');
    expect(cut(text, paragraphAround(text, cpOf(text, 'delta'), cpOf(text, 'epsilon')))).toBe('  gamma 🙂 delta');
    expect(cut(text, paragraphAround(text, 0, codePointLength(text)))).toBe(text);
    expect(paragraphAround(text, 11, 11)).toEqual({ start: 11, end: 11 });
  });

  it('starts after the speaker label when turns are given', () => {
    const turns = speakerTurns(TRANSCRIPT);
    const at = cpOf(TRANSCRIPT, 'hard.');
    expect(cut(TRANSCRIPT, paragraphAround(TRANSCRIPT, at, at + 2, { turns }))).toBe('I started in 2019. At first it was hard.');
    expect(cut(TRANSCRIPT, paragraphAround(TRANSCRIPT, at, at + 2))).toBe('Respondent: I started in 2019. At first it was hard.');
    const cont = cpOf(TRANSCRIPT, 'honest');
    expect(cut(TRANSCRIPT, paragraphAround(TRANSCRIPT, cont, cont + 1, { turns }))).toBe('Really hard, to be honest.');
  });
});

describe('snapToWords', () => {
  const snap = (text: string, from: number, to: number): string => cut(text, snapToWords(text, from, to));

  it('widens partial words, trims whitespace and keeps the punctuation selected', () => {
    const t = 'The quick, brown fox.';
    expect(snap(t, 5, 7)).toBe('quick');
    expect(snap(t, 4, 11)).toBe('quick,');
    expect(snap(t, 3, 9)).toBe('quick');
    expect(snap(t, 8, 13)).toBe('quick, brown');
    expect(snap(t, 17, 21)).toBe('fox.');
    expect(snap(t, 18, 21)).toBe('fox.');
    expect(snap(t, 9, 11)).toBe(',');
    expect(snap(t, 10, 11)).toBe('');
    expect(snapToWords(t, 10, 11)).toEqual({ start: 10, end: 10 });
    expect(snap(t, 0, 0)).toBe('');
  });

  it('keeps combining accents with their letter', () => {
    const t = 'un cafe\u0301 noir';
    // Span ends between "e" and U+0301.
    expect(snap(t, 4, 7)).toBe('cafe\u0301');
    // Span starts at the accent.
    expect(snap(t, 7, 8)).toBe('cafe\u0301');
    expect(snapToWords(t, 4, 7)).toEqual({ start: 3, end: 8 });
  });

  it('keeps apostrophes inside words, and the quotes around them when selected', () => {
    const t = "I don't know the dogs' names, ‘really’.";
    expect(snap(t, 2, 4)).toBe("don't");
    expect(snap(t, 5, 6)).toBe("don't");
    expect(snap(t, cpOf(t, 'dogs'), cpOf(t, 'dogs') + 5)).toBe("dogs'");
    expect(snap(t, cpOf(t, 'dogs'), cpOf(t, 'dogs') + 3)).toBe('dogs');
    expect(snap(t, cpOf(t, '‘'), cpOf(t, '’') + 2)).toBe('‘really’.');
    expect(snap(t, cpOf(t, 'eally'), cpOf(t, 'eally') + 2)).toBe('really');
  });

  it('handles emoji, CJK, Arabic and Hebrew with code-point offsets', () => {
    const t = '🙂🙂 שָׁלוֹם world 你好世界 مرحبا 👍🏽';
    // Emoji are words of their own (see snapEmoji.test.ts): a span over them keeps them.
    expect(snap(t, 0, 3)).toBe('🙂🙂');
    expect(snapToWords(t, 2, 3)).toEqual({ start: 2, end: 2 });
    expect(snapToWords(t, 2, 5)).toEqual({ start: 3, end: 10 });
    expect(snap(t, 4, 5)).toBe('שָׁלוֹם');
    expect(snap(t, cpOf(t, 'orl'), cpOf(t, 'orl') + 2)).toBe('world');
    // Each Han character is its own word: no widening across the run.
    expect(snap(t, cpOf(t, '好'), cpOf(t, '好') + 2)).toBe('好世');
    expect(snap(t, cpOf(t, 'حب'), cpOf(t, 'حب') + 1)).toBe('مرحبا');
    expect(snap(t, cpOf(t, 'مرحبا') + 5, codePointLength(t))).toBe('👍🏽');
  });

  it('widens digits and mixed alphanumerics', () => {
    const t = 'In 2019 we had COVID-19 cases';
    expect(snap(t, 4, 5)).toBe('2019');
    expect(snap(t, cpOf(t, 'VID'), cpOf(t, '-19') + 2)).toBe('COVID-19');
  });
});

describe('robustness on hostile input', () => {
  it('stays linear on long lines, many labels and pathological punctuation', () => {
    const parts = [
      'A: '.repeat(50_000),
      '\n' + 'x'.repeat(200_000),
      '\n' + Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 'B: y' : 'A: x')).join('\n'),
      '\n' + 'Q1. '.repeat(20_000),
      '\n' + '. '.repeat(100_000),
      '\n' + 'a'.repeat(60) + ':' + ' a'.repeat(1000) + ':',
      '\n' + ("'".repeat(1000) + 'é\u0301'.repeat(1000)).repeat(20),
    ];
    const text = parts.join('');
    const len = codePointLength(text);
    const index = buildPositionIndex(text);
    const t0 = Date.now();
    expect(paragraphs(text).length).toBe(7 + 20_000 - 1);
    const turns = speakerTurns(text);
    expect(turns.length).toBe(20_001);
    expect(questions(text).length).toBeGreaterThan(0);
    sentenceAround(text, 0, len, { index, turns });
    sentenceAround(text, len - 5, len - 4, { index, turns });
    paragraphAround(text, 10, len - 10, { index, turns });
    snapToWords(text, 0, len, { index });
    snapToWords(text, len - 100, len - 99, { index });
    // Many calls on one huge line cost the sentence each, not the line.
    const line = 'word '.repeat(400_000) + 'end. ' + 'Short one. '.repeat(100_000);
    const lineIndex = buildPositionIndex(line);
    const base = codePointLength(line) - 50_000;
    for (let k = 0; k < 2000; k++) sentenceAround(line, base + k * 11, base + k * 11 + 3, { index: lineIndex });
    expect(cut(line, sentenceAround(line, base, base + 3, { index: lineIndex }))).toMatch(/^(Short one\.|one\. Short one\.)$/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
