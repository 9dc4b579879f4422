/**
 * Heat-map shading of matrix cells: colour intensity grows linearly with
 * the value (so shading compares like the numbers do), from white at 0 to
 * the full colour at the largest cell. A non-zero cell always gets at least
 * a faint tint, so "1" never looks like "0". Pure.
 */
export interface HeatStyle {
  background: string;
  color: string;
}

/** The full-intensity colour (a deep blue that prints well and reads for common colour-vision deficiencies). */
export const HEAT_RGB: readonly [number, number, number] = [31, 95, 143];
const MIN_TINT = 0.12;
export const ZERO_TEXT = '#8a9097';

/** 0…1: where a value sits on the scale (0 for zero, negative or no data; at least MIN_TINT for any positive value). */
export function heatIntensity(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  const t = Math.min(1, value / max);
  return MIN_TINT + (1 - MIN_TINT) * t;
}

function mix(t: number): [number, number, number] {
  return HEAT_RGB.map((c) => Math.round(255 + (c - 255) * t)) as [number, number, number];
}

export function heatColor(value: number, max: number): string {
  const [r, g, b] = mix(heatIntensity(value, max));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Relative luminance (WCAG) of an sRGB colour. */
export function luminance([r, g, b]: readonly [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Background and the text colour that stays readable on it (white on dark cells). */
export function heatStyle(value: number, max: number): HeatStyle {
  // Zero cells fade back so the counts stand out.
  if (!(value > 0)) return { background: '#ffffff', color: ZERO_TEXT };
  const rgb = mix(heatIntensity(value, max));
  // Contrast with black vs white: choose the larger.
  const l = luminance(rgb);
  const dark = (l + 0.05) / 0.05 < 1.05 / (l + 0.05);
  return { background: `rgb(${rgb.join(', ')})`, color: dark ? '#ffffff' : '#1f2328' };
}

/** The largest value among cells (totals are shaded on their own scale). */
export function maxOf(cells: readonly (readonly number[])[]): number {
  let m = 0;
  for (const row of cells) for (const v of row) if (v > m) m = v;
  return m;
}
