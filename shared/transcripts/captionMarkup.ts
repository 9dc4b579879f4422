/**
 * The inline markup of caption files reduced to what was said: WebVTT
 * voice, class, italic/bold/underline, language, ruby and timestamp tags,
 * SubRip's <i>/<b>/<font>, and the character references both allow.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The first voice tag's speaker (`<v Ann>`, `<v.loud Ann>`), or null. */
export function voiceSpeaker(payload: string): string | null {
  const m = /<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(payload);
  const name = m ? decodeEntities(m[1]!).trim() : '';
  return name === '' ? null : name;
}

/** The payload's text without tags, its lines joined by single spaces. */
export function plainCueText(payload: string): string {
  const noTags = payload.replace(/<[^>]*>/g, '');
  return decodeEntities(noTags)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}
