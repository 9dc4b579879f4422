/** Numbers as the comparison table shows them (null = not defined, e.g. nothing to compare). */
export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${x.toFixed(2)}%`);
export const stat = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : x.toFixed(3));
export const count = (x: number): string => x.toLocaleString('en');
