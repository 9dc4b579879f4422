/**
 * How a code is drawn when it has no colour of its own (the user or the
 * imported file gave it none). The colour is never stored (the code's
 * `color` stays null) and never exported as the code's. It is picked from
 * the palette by the code's id, so it is stable and neighbouring codes'
 * coding stripes stay apart, as NVivo draws uncoloured codes; the code tree
 * marks such a swatch as "no colour".
 */

/** The colours new codes are given, in turn; and what a code without one is drawn in. */
export const CODE_PALETTE = [
  '#e57373', '#64b5f6', '#81c784', '#ffb74d', '#ba68c8', '#4db6ac', '#f06292', '#a1887f',
  '#7986cb', '#aed581', '#ffd54f', '#4fc3f7', '#ff8a65', '#90a4ae', '#dce775', '#9575cd',
] as const;

/** For a code that is not there any more (nothing to pick by). */
export const NO_COLOUR_DRAWN_AS = '#9e9e9e';

/** The colour to draw a code in: its own, or one picked by its id when it has none. */
export function displayColor(code: { id?: number; color: string | null } | undefined): string {
  if (code?.color) return code.color;
  if (code?.id === undefined) return NO_COLOUR_DRAWN_AS;
  return CODE_PALETTE[Math.abs(code.id) % CODE_PALETTE.length]!;
}
