import type { CSSProperties } from 'react';
import type { CodeNode, Coding } from '../../../shared/domain/types.js';
import { formatWhen } from '../memos/memoFormat.js';
import type { SpanU16 } from './documentLayout.js';
import { displayColor } from '../../../shared/domain/codeColor.js';

function hexToRgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Stacked translucent layers: overlapping codings show as a deeper mix of their colours. */
export function highlightStyle(covering: SpanU16[], codes: Map<number, CodeNode>, activeCodingId: number | null): CSSProperties | undefined {
  if (covering.length === 0) return undefined;
  const layers = covering.map((s) => {
    const color = hexToRgba(displayColor(codes.get(s.codeId)), covering.length > 1 ? 0.3 : 0.38);
    return `linear-gradient(${color}, ${color})`;
  });
  const style: CSSProperties = { backgroundImage: layers.join(', ') };
  if (covering.some((s) => s.id === activeCodingId)) style.outline = '2px solid #263238';
  return style;
}

/** What hovering a stripe or highlight says: the code, then who coded it and when. */
export function stripeTitle(code: CodeNode | undefined, coding: Coding | undefined): string {
  const path = code?.path ?? 'code';
  return coding ? `${path}\n${coding.coderName} · ${formatWhen(coding.createdAt)}` : path;
}
