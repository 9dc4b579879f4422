import { describe, expect, it } from 'vitest';
import { HEAT_RGB, heatColor, heatIntensity, heatStyle, luminance, maxOf, ZERO_TEXT } from '../../../renderer/features/queries/matrix/heatScale.js';

describe('heat-map colour scale', () => {
  it('is white at zero, the full colour at the maximum, and linear between (after a faint floor)', () => {
    expect(heatColor(0, 10)).toBe('rgb(255, 255, 255)');
    expect(heatColor(10, 10)).toBe(`rgb(${HEAT_RGB.join(', ')})`);
    expect(heatIntensity(10, 10)).toBe(1);
    expect(heatIntensity(5, 10)).toBeCloseTo(0.12 + 0.88 * 0.5, 10);
    // Any positive value is visibly tinted; more is always darker.
    expect(heatIntensity(1, 1000)).toBeGreaterThanOrEqual(0.12);
    const levels = [1, 2, 5, 9, 10].map((v) => heatIntensity(v, 10));
    expect([...levels].sort((a, b) => a - b)).toEqual(levels);
    expect(new Set(levels).size).toBe(levels.length);
  });

  it('treats negative, empty and non-numeric input as no shading', () => {
    expect(heatIntensity(-3, 10)).toBe(0);
    expect(heatIntensity(3, 0)).toBe(0);
    expect(heatIntensity(Number.NaN, 10)).toBe(0);
    // Values above the maximum clamp to the full colour.
    expect(heatIntensity(20, 10)).toBe(1);
  });

  it('picks readable text: dark on light cells, white on dark cells, muted for zero', () => {
    expect(heatStyle(0, 10)).toEqual({ background: '#ffffff', color: ZERO_TEXT });
    expect(heatStyle(1, 10).color).toBe('#1f2328');
    expect(heatStyle(10, 10)).toEqual({ background: 'rgb(31, 95, 143)', color: '#ffffff' });
    expect(luminance([255, 255, 255])).toBeCloseTo(1, 5);
    expect(luminance([0, 0, 0])).toBe(0);
  });

  it('takes the largest cell as the maximum', () => {
    expect(maxOf([[0, 3], [7, 1]])).toBe(7);
    expect(maxOf([])).toBe(0);
    expect(maxOf([[0, 0]])).toBe(0);
  });
});
