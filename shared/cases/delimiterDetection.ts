/**
 * Which of comma, semicolon or tab separates the columns. Papa.parse makes
 * the first guess; the guess is then checked on the first rows, because its
 * heuristic only looks at 10 rows and can be fooled (a semicolon sheet whose
 * values contain decimal commas, a comma inside quotes). A delimiter is
 * accepted when the header splits into at least two columns and most rows
 * have exactly as many fields as the header.
 */
import Papa from 'papaparse';
import { tokenizeCsv } from './csvTokenizer.js';

export type CsvDelimiter = ',' | ';' | '\t';

export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

const SAMPLE_RECORDS = 200;
const CONSISTENT_SHARE = 0.8;

interface Candidate {
  delimiter: CsvDelimiter;
  columns: number;
  share: number;
}

function isBlank(fields: { text: string }[]): boolean {
  return fields.every((f) => f.text.trim() === '');
}

function measure(text: string, delimiter: CsvDelimiter): Candidate {
  const { records } = tokenizeCsv(text, delimiter, SAMPLE_RECORDS);
  const rows = records.filter((r) => !isBlank(r.fields));
  const header = rows[0];
  if (!header) return { delimiter, columns: 0, share: 0 };
  const columns = header.fields.length;
  const data = rows.slice(1);
  const matching = data.filter((r) => r.fields.length === columns).length;
  return { delimiter, columns, share: data.length === 0 ? 1 : matching / data.length };
}

export function detectDelimiter(text: string): CsvDelimiter {
  const guess = Papa.parse<string[]>(text, { delimitersToGuess: [...CSV_DELIMITERS], preview: 10 }).meta.delimiter;
  const candidates = CSV_DELIMITERS.map((d) => measure(text, d));
  const usable = candidates.filter((c) => c.columns >= 2);
  const guessed = usable.find((c) => c.delimiter === guess);
  if (guessed && guessed.share >= CONSISTENT_SHARE) return guessed.delimiter;
  // Most consistent first, then most columns; CSV_DELIMITERS order breaks ties.
  const best = [...usable].sort((a, b) => b.share - a.share || b.columns - a.columns)[0];
  // A single-column file (case names only) has no delimiter to find.
  return best?.delimiter ?? ',';
}
