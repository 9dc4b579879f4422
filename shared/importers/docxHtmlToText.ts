/**
 * Flattens the HTML mammoth produces from a .docx into Quarry's line-based
 * text: one line per paragraph, heading and list item; one line per table
 * row with cells separated by TAB. Inline markup is dropped.
 *
 * mammoth's output is well-formed and escapes "<", ">" and "&" in text and
 * attribute values, so a scanner that splits on "<" / ">" is exact here —
 * this is not a general HTML parser.
 */

/** Elements that become a line of their own. */
const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'pre', 'blockquote', 'div', 'dt', 'dd', 'caption']);
/** Elements whose content is not document text. */
const SKIPPED_TAGS = new Set(['script', 'style', 'head', 'title']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
      return valid ? String.fromCodePoint(cp) : '\uFFFD';
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: string;
}

function parseTag(raw: string): Tag | null {
  // raw is the text between "<" and ">".
  const m = /^(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(raw);
  if (!m) return null; // comments, doctype, processing instructions
  const name = (m[2] as string).toLowerCase();
  return { name, closing: m[1] === '/', selfClosing: raw.endsWith('/') || name === 'br' || name === 'img', attrs: raw.slice(m[0].length) };
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(attrs);
  return m ? decodeEntities(m[1] as string) : null;
}

/** mammoth's "↑" links from a footnote back to its reference are navigation, not text. */
function isBackLink(attrs: string): boolean {
  const href = attr(attrs, 'href');
  return href !== null && /^#(footnote|endnote|comment)-ref-/.test(href);
}

export function docxHtmlToText(html: string): string {
  const lines: string[] = [];
  /** Open line outside tables; null when between blocks. */
  let current: string | null = null;
  // Table state: cells of the row being built, text of the open cell.
  let row: string[] | null = null;
  let cell: string | null = null;
  let cellNeedsSpace = false;
  let cellSpan = 1;
  /** Depth of td/th/table nested inside the open cell (flattened into it). */
  let nestedInCell = 0;
  let skipDepth = 0;
  let skipTag = '';

  const appendText = (t: string): void => {
    if (t === '') return;
    if (cell !== null) {
      if (cellNeedsSpace && cell !== '') cell += ' ';
      cellNeedsSpace = false;
      cell += t;
    } else {
      current = (current ?? '') + t;
    }
  };
  const flushIfNonEmpty = (): void => {
    if (current !== null && current !== '') {
      lines.push(current);
      current = null;
    }
  };

  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt === -1 ? html.length : lt;
    if (textEnd > i && skipDepth === 0) appendText(decodeEntities(html.slice(i, textEnd)));
    if (lt === -1) break;
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) break; // truncated markup: drop the fragment
    const tag = parseTag(html.slice(lt + 1, gt));
    i = gt + 1;
    if (!tag) continue;

    if (skipDepth > 0) {
      if (tag.name === skipTag && !tag.selfClosing) skipDepth += tag.closing ? -1 : 1;
      continue;
    }
    const backLink = tag.name === 'a' && !tag.closing && isBackLink(tag.attrs);
    // mammoth writes "note text <a>↑</a>"; the space belongs to the link.
    if (backLink && current !== null && current.endsWith(' ')) current = current.slice(0, -1);
    if (SKIPPED_TAGS.has(tag.name) || backLink) {
      if (!tag.closing && !tag.selfClosing) {
        skipDepth = 1;
        skipTag = tag.name;
      }
      continue;
    }

    if (cell !== null) {
      // Inside a cell everything is flattened to one line; blocks become spaces.
      if (tag.name === 'td' || tag.name === 'th') {
        if (!tag.closing) nestedInCell++;
        else if (nestedInCell > 0) nestedInCell--;
        else {
          row?.push(cell);
          // A merged cell keeps later cells in their columns.
          for (let k = 1; k < cellSpan; k++) row?.push('');
          cell = null;
          cellNeedsSpace = false;
          continue;
        }
      }
      if (tag.name === 'br' || BLOCK_TAGS.has(tag.name) || tag.name === 'tr' || tag.name === 'td' || tag.name === 'th') {
        cellNeedsSpace = true;
      }
      continue;
    }

    switch (tag.name) {
      case 'table':
        flushIfNonEmpty();
        break;
      case 'tr':
        if (!tag.closing) {
          flushIfNonEmpty();
          row = [];
        } else if (row !== null) {
          lines.push(row.join('\t'));
          row = null;
        }
        break;
      case 'td':
      case 'th':
        if (!tag.closing && row !== null) {
          cellSpan = Math.min(Math.max(Number(attr(tag.attrs, 'colspan') ?? '1') || 1, 1), 1000);
          cell = '';
          nestedInCell = 0;
        }
        break;
      case 'br':
        current = (current ?? '') + '\n';
        break;
      default:
        if (BLOCK_TAGS.has(tag.name)) {
          if (!tag.closing) {
            flushIfNonEmpty();
            current = '';
          } else if (current !== null) {
            lines.push(current);
            current = null;
          }
        }
    }
  }
  if (cell !== null && row !== null) row.push(cell);
  if (row !== null) lines.push(row.join('\t'));
  if (current !== null) lines.push(current);
  return lines.join('\n');
}
