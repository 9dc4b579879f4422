/**
 * A minimal, deterministic XML writer: indented element-only content, text
 * elements written inline (no added whitespace inside them), and escaping
 * that survives a conforming parser — line breaks and tabs in attributes as
 * character references (else they would read back as spaces), CR as &#13;
 * everywhere (else it would read back as LF), and the characters XML 1.0
 * cannot carry at all (most C0 controls, U+FFFE/U+FFFF, lone surrogates)
 * dropped.
 */

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripForbiddenXmlChars(s: string): string {
  return s.replace(FORBIDDEN, '');
}

/**
 * Every character that escaping or stripping could touch. Most values (GUIDs,
 * dates, numbers, plain names) hold none and are written as they are: an
 * export writes millions of them.
 */
// eslint-disable-next-line no-control-regex
const UNTOUCHED = /^[^&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]*$/;

export function escapeXmlText(s: string): string {
  if (UNTOUCHED.test(s)) return s;
  return stripForbiddenXmlChars(s).replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

export function escapeXmlAttr(s: string): string {
  if (UNTOUCHED.test(s)) return s;
  return stripForbiddenXmlChars(s).replace(/[&<>"\t\n\r]/g, (c) => ATTR_ESCAPES[c] as string);
}

/** Attributes in the order given; undefined values are left out. */
export type XmlAttrs = [string, string | number | boolean | undefined][];

function attrText(attrs: XmlAttrs): string {
  let out = '';
  for (const [k, v] of attrs) if (v !== undefined) out += ` ${k}="${escapeXmlAttr(String(v))}"`;
  return out;
}

/** Text collected before it is handed to a sink: large enough to keep the sink's calls few. */
const FLUSH_CHARS = 1 << 20;

export class XmlWriter {
  private parts: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  private buffered = 0;
  private depth = 0;

  /**
   * With a sink, the text is handed on in pieces of about a megabyte as it is
   * written (a large project's XML is never whole in memory); call end() to
   * hand on the rest. Without one, toString() gives the whole document.
   */
  constructor(private readonly sink?: (text: string) => void) {}

  private push(text: string): void {
    this.parts.push(text);
    this.buffered += text.length;
    if (this.sink && this.buffered >= FLUSH_CHARS) this.end();
  }

  /** Hands what is buffered to the sink. */
  end(): void {
    if (!this.sink || this.parts.length === 0) return;
    this.sink(this.parts.join(''));
    this.parts = [];
    this.buffered = 0;
  }

  private indent(): string {
    return '  '.repeat(this.depth);
  }

  open(name: string, attrs: XmlAttrs = []): void {
    this.push(`${this.indent()}<${name}${attrText(attrs)}>\n`);
    this.depth += 1;
  }

  close(name: string): void {
    this.depth -= 1;
    this.push(`${this.indent()}</${name}>\n`);
  }

  empty(name: string, attrs: XmlAttrs = []): void {
    this.push(`${this.indent()}<${name}${attrText(attrs)}/>\n`);
  }

  /** An element whose content is text, written exactly (an empty string gives <x></x>). */
  text(name: string, text: string, attrs: XmlAttrs = []): void {
    this.push(`${this.indent()}<${name}${attrText(attrs)}>${escapeXmlText(text)}</${name}>\n`);
  }

  /** An element that has children only if `hasChildren`; written as <x/> otherwise. */
  element(name: string, attrs: XmlAttrs, hasChildren: boolean, body: () => void): void {
    if (!hasChildren) return this.empty(name, attrs);
    this.open(name, attrs);
    body();
    this.close(name);
  }

  toString(): string {
    return this.parts.join('');
  }
}
