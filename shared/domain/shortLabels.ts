/**
 * Short labels for code paths where space is tight (matrix headers on screen
 * and in Word): a code's own name, or as many of its parents as it takes to
 * differ from every other label ("Motivations/Intermediaries" beside
 * "Outcomes/Intermediaries").
 */
import { splitPath } from './codePath.js';

export function uniqueShortLabels(headers: readonly { label: string; kind: string }[]): string[] {
  const parts = headers.map((h) => (h.kind === 'code' ? splitPath(h.label) : [h.label]));
  const tail = (p: string[], n: number) => p.slice(-n).join('/');
  return parts.map((p, i) => {
    for (let n = 1; n < p.length; n++) {
      const mine = tail(p, n);
      if (!parts.some((q, j) => j !== i && tail(q, n) === mine)) return mine;
    }
    return p.join('/');
  });
}
