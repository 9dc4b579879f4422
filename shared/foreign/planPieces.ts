/**
 * How the reader cuts a merge plan's texts into messages: a whole project
 * merged into an empty one brings every text, tens of megabytes, and one
 * message that size holds the app's event loop while it is received.
 */

/** Texts from `from` on: the first whatever its length (a text is never cut), then as many as fit in `maxChars`. */
export function textsPiece(texts: readonly [number, string][], from: number, maxChars: number): [number, string][] {
  const piece: [number, string][] = [];
  let chars = 0;
  for (let i = from; i < texts.length; i++) {
    const entry = texts[i]!;
    chars += entry[1].length;
    if (piece.length > 0 && chars > maxChars) break;
    piece.push(entry);
  }
  return piece;
}
