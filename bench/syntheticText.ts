/**
 * Deterministic interview-like text for the large synthetic project:
 * Interviewer / Respondent turns of sentences drawn from a Zipf-distributed
 * vocabulary (common English words first, then made-up words), with a few
 * accented words. Two probes are planted at known rates so that searches
 * have realistic hit counts: the word "trust" and the phrase "cluster meeting".
 */

import { mulberry32 } from '../shared/seededRandom.js';

const COMMON = `the and to of a i in that it we was is for you they but on with have be so as not at this there what
are were do about all one would if from or them our people which had just can more when like their think some by
an very because out know really time get been business up other said will there's who into then than going lot
work only how things company firms could group meetings members first years new now also same way well go where
want see well much good different help sort those course local came quite need different talk kind contact idea
small university network events customers sales region support partners market council years agency ideas
programme speakers evening contract project money experience technology research owners staff growth advice
value benefit problem chance level service reason sector owner manager director friend colleague interest`.split(/\s+/);

const ACCENTED = ['café', 'naïve', 'résumé', 'rôle', 'coöperate', 'façade', 'über', 'déjà'];
const SYLLABLES = ['ka', 'lo', 'mer', 'sta', 'vin', 'dra', 'pel', 'tor', 'qui', 'ben', 'sol', 'mar', 'ter', 'ish', 'ent', 'ro', 'cal', 'fen'];

export interface TextGenerator {
  /** A transcript of about `chars` UTF-16 units (all BMP, so also code points). */
  transcript(chars: number): string;
}

export function textGenerator(seed: number, vocabularySize = 8000): TextGenerator {
  const rand = mulberry32(seed);
  const vocab: string[] = [...COMMON];
  const seen = new Set(vocab);
  while (vocab.length < vocabularySize) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      vocab.push(w);
    }
  }
  // Zipf (s = 1) cumulative weights.
  const cumulative = new Float64Array(vocab.length);
  let sum = 0;
  for (let i = 0; i < vocab.length; i++) cumulative[i] = sum += 1 / (i + 1);
  const word = (): string => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo]!;
  };
  const sentence = (): string => {
    const n = 6 + Math.floor(rand() * 14);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(word());
    const r = rand();
    if (r < 0.012) words.splice(Math.floor(rand() * n), 0, 'trust');
    else if (r < 0.02) words.splice(Math.floor(rand() * n), 0, 'cluster', 'meeting');
    else if (r < 0.025) words.splice(Math.floor(rand() * n), 0, ACCENTED[Math.floor(rand() * ACCENTED.length)]!);
    const s = words.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}${rand() < 0.1 ? '?' : '.'}`;
  };
  return {
    transcript(chars: number): string {
      const lines: string[] = [`Interview ${Math.floor(rand() * 100000)}`, ''];
      let length = lines[0]!.length + 2;
      while (length < chars) {
        const question = `Interviewer: ${sentence()}`;
        const answer: string[] = [];
        const n = 2 + Math.floor(rand() * 6);
        for (let i = 0; i < n; i++) answer.push(sentence());
        const turn = `${question}\n\nRespondent: ${answer.join(' ')}\n\n`;
        lines.push(turn);
        length += turn.length;
      }
      return lines.join('\n').slice(0, chars);
    },
  };
}
