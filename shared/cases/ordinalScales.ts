/**
 * Ordering of choice lists. Choices normally keep the order of first
 * appearance in the sheet, but when every value belongs to a recognisable
 * ordered scale (Low/Medium/High, Likert agreement, age bands...) the list is
 * put in scale order, because that is the order in which matrices and charts
 * should show them.
 */

/** Words at the same rank are synonyms (medium/moderate). */
const SCALES: readonly (readonly (readonly string[])[])[] = [
  [['very low'], ['low'], ['medium', 'moderate', 'mid'], ['high'], ['very high']],
  [
    ['strongly disagree'], ['disagree'], ['somewhat disagree', 'slightly disagree'],
    ['neither agree nor disagree', 'neutral', 'undecided'],
    ['somewhat agree', 'slightly agree'], ['agree'], ['strongly agree'],
  ],
  [['never'], ['rarely', 'seldom'], ['sometimes', 'occasionally'], ['often', 'frequently'], ['very often', 'usually'], ['always']],
  [['very dissatisfied'], ['dissatisfied'], ['neutral', 'neither satisfied nor dissatisfied'], ['satisfied'], ['very satisfied']],
  [['very poor'], ['poor'], ['fair'], ['good'], ['very good'], ['excellent']],
  [['very unlikely'], ['unlikely'], ['neutral', 'unsure'], ['likely'], ['very likely']],
  [['early', 'early career', 'early stage', 'new'], ['mid', 'mid career', 'middle'], ['established', 'experienced'], ['senior', 'late', 'late career']],
  [['junior'], ['mid', 'mid level', 'intermediate'], ['senior'], ['lead', 'principal']],
  [['beginner', 'novice'], ['intermediate'], ['advanced'], ['expert']],
  [['none'], ['a little', 'little', 'few'], ['some'], ['a lot', 'many', 'much']],
  [['small'], ['medium'], ['large'], ['very large']],
  [['primary'], ['secondary'], ['tertiary']],
];

function normalise(value: string): string {
  return value.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

function scaleRanks(values: readonly string[]): number[] | undefined {
  for (const scale of SCALES) {
    const ranks: number[] = [];
    for (const v of values) {
      const key = normalise(v);
      const rank = scale.findIndex((words) => words.includes(key));
      if (rank < 0) break;
      ranks.push(rank);
    }
    if (ranks.length === values.length) return ranks;
  }
  return undefined;
}

/**
 * Bands such as 'Under 18', '18-24', '65+', '1 - Strongly disagree': every
 * value carries a number, and the first number orders them. 'Under'/'less
 * than' sort just below that number, '+'/'over'/'and above' just above.
 */
function numericRanks(values: readonly string[]): number[] | undefined {
  const ranks: number[] = [];
  for (const v of values) {
    const m = /-?\d+(?:\.\d+)?/.exec(v);
    if (!m) return undefined;
    let rank = Number(m[0]);
    const lower = v.toLowerCase();
    if (/^\s*(under|below|less than|fewer than|<)/.test(lower)) rank -= 0.5;
    else if (/\+|\b(over|above|more than|or more|and over|and above)\b|^\s*>/.test(lower)) rank += 0.5;
    ranks.push(rank);
  }
  return ranks;
}

/** Values in scale order when they form a known scale, else unchanged. Stable for ties. */
export function orderChoices(values: readonly string[]): string[] {
  if (values.length < 2) return [...values];
  const ranks = scaleRanks(values) ?? numericRanks(values);
  if (!ranks) return [...values];
  return values
    .map((value, i) => ({ value, rank: ranks[i] as number, i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((e) => e.value);
}
