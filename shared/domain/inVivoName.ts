/**
 * The name an in-vivo code gets from the words it was made from: the
 * selection's words on one line, without surrounding punctuation or quotes,
 * cut at a word boundary when long. Pure, so the UI can preview the name.
 */
export const IN_VIVO_MAX_LENGTH = 60;

const EDGE_CHAR_RE = /[\s\p{P}\p{S}]/u;
const PICTO_RE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}]/u;
/** Punctuation, symbols and spaces are dropped at the edges; emoji are words and stay. */
const isEdgeJunk = (ch: string): boolean => EDGE_CHAR_RE.test(ch) && !PICTO_RE.test(ch);

function trimEdges(cps: string[]): string[] {
  let a = 0;
  let b = cps.length;
  while (a < b && isEdgeJunk(cps[a]!)) a++;
  while (b > a && isEdgeJunk(cps[b - 1]!)) b--;
  return cps.slice(a, b);
}

export function inVivoName(text: string, maxLength = IN_VIVO_MAX_LENGTH): string {
  const cps = trimEdges([...text.replace(/\s+/gu, ' ')]);
  if (cps.length <= maxLength) return cps.join('');
  const head = cps.slice(0, maxLength);
  const space = head.lastIndexOf(' ');
  // Cut at the last word boundary unless that throws most of the name away.
  const cut = space >= maxLength / 2 ? head.slice(0, space) : head;
  return `${trimEdges(cut).join('')}…`;
}
