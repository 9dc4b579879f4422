/**
 * The one colour a code without a colour of its own is drawn in. It is never
 * stored (the code's `color` stays null) and never exported as the code's:
 * a code the user or the imported file gave no colour keeps having none.
 * One neutral grey, rather than a palette pick, so that "no colour" looks
 * like no colour wherever the code is drawn.
 */
export const NO_COLOUR_DRAWN_AS = '#9e9e9e';

/** The colour to draw a code in: its own, or the default when it has none (or is not there any more). */
export function displayColor(code: { color: string | null } | undefined): string {
  return code?.color ?? NO_COLOUR_DRAWN_AS;
}
