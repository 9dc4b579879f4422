/**
 * A single-pass XML reader for REFI-QDA documents: start tags with their
 * attributes, end tags and character data, handed to a listener as they are
 * met, with no intermediate tree of its own. It reads the subset of XML 1.0
 * that REFI-QDA files use (elements, attributes, text, CDATA, comments,
 * processing instructions); a DOCTYPE is refused before it runs
 * (xmlTree.ts). Anything malformed stops it with `XmlSyntaxError`: the caller
 * then asks the validator to explain the fault in a user's words, so the
 * fast path never has to.
 *
 * Text is handed over as written (entities not yet decoded), in as many
 * pieces as the markup splits it into; attribute values likewise.
 */

export class XmlSyntaxError extends Error {}

export interface XmlListener {
  open(qname: string, attrs: Record<string, string>): void;
  /** Character data between markup (`cdata` false: entities still encoded). */
  text(raw: string, cdata: boolean): void;
  close(qname: string): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** A character that can never be part of an XML name. */
function endsName(c: number): boolean {
  return isSpace(c) || c === GT || c === SLASH || c === EQ || c === LT || c === QUOT || c === APOS || Number.isNaN(c);
}

/** An "&" that is not a character or entity reference, as fast-xml-parser's validator judges text. */
const BAD_AMPERSAND = /&(?!(?:#x[0-9a-fA-F]*|#[0-9]*|\w{1,20});)/;
const PROCESSING_INSTRUCTION = /^<\?[A-Za-z_][\w.-]*(?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\?>$/;

const NAME_START = /^[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDBFF]/;
const NAME_REST = /^[A-Za-z0-9_:.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDFFF]*$/;

function checkName(name: string): string {
  if (name === '' || !NAME_START.test(name) || !NAME_REST.test(name)) throw new XmlSyntaxError(`bad name "${name}"`);
  return name;
}

/**
 * Reads a whole document (line ends already normalised to \n, no BOM) and
 * calls the listener for every element and piece of text inside the root.
 * `maxDepth` bounds nesting.
 */
export function tokenizeXml(xml: string, listener: XmlListener, maxDepth: number): void {
  const open: string[] = [];
  let rootSeen = false;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const piece = xml.slice(i, end);
      if (open.length > 0) {
        if (BAD_AMPERSAND.test(piece)) throw new XmlSyntaxError('an "&" that starts no entity');
        listener.text(piece, false);
      }
      else if (piece.trim() !== '') throw new XmlSyntaxError('text outside the root element');
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const close = xml.indexOf('?>', lt + 2);
      if (close < 0) throw new XmlSyntaxError('unfinished processing instruction');
      const pi = xml.slice(lt, close + 2);
      // Anything but name="value" pairs (and a declaration anywhere but at the very start) is left to the lenient reader.
      if (!PROCESSING_INSTRUCTION.test(pi) || (/^<\?xml[\s?]/i.test(pi) && lt !== 0)) throw new XmlSyntaxError('a misplaced or unusual processing instruction');
      i = close + 2;
    } else if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4);
        if (close < 0) throw new XmlSyntaxError('unfinished comment');
        i = close + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const close = xml.indexOf(']]>', lt + 9);
        if (close < 0 || open.length === 0) throw new XmlSyntaxError('unfinished or misplaced CDATA');
        listener.text(xml.slice(lt + 9, close), true);
        i = close + 3;
      } else {
        throw new XmlSyntaxError('unexpected markup declaration');
      }
    } else if (next === SLASH) {
      const close = xml.indexOf('>', lt + 2);
      if (close < 0) throw new XmlSyntaxError('unfinished end tag');
      const qname = xml.slice(lt + 2, close).trimEnd();
      if (open.length === 0 || open[open.length - 1] !== qname) throw new XmlSyntaxError(`mismatched end tag ${qname}`);
      open.pop();
      listener.close(qname);
      i = close + 1;
    } else {
      i = readStartTag(xml, lt + 1, open, listener, maxDepth, rootSeen);
      rootSeen = true;
    }
  }
  if (open.length > 0 || !rootSeen) throw new XmlSyntaxError('the document ends before its root element is complete');
}

/** Reads `<name attr="v" …>` or `…/>` from just after the `<`; returns the position after the `>`. */
function readStartTag(xml: string, from: number, open: string[], listener: XmlListener, maxDepth: number, rootSeen: boolean): number {
  if (open.length === 0 && rootSeen) throw new XmlSyntaxError('a second root element');
  let p = from;
  while (!endsName(xml.charCodeAt(p))) p++;
  const qname = checkName(xml.slice(from, p));
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (;;) {
    const before = p;
    while (isSpace(xml.charCodeAt(p))) p++;
    const c = xml.charCodeAt(p);
    if (c === GT || c === SLASH) {
      const selfClosing = c === SLASH;
      if (selfClosing && xml.charCodeAt(p + 1) !== GT) throw new XmlSyntaxError('a "/" inside a tag');
      // The same bound as fast-xml-parser's maxNestedTags, which the reader used before: an element may open inside maxDepth + 1 others.
      if (!selfClosing && open.length > maxDepth) throw new XmlSyntaxError('nested too deep');
      listener.open(qname, attrs);
      if (selfClosing) {
        listener.close(qname);
        return p + 2;
      }
      open.push(qname);
      return p + 1;
    }
    if (Number.isNaN(c)) throw new XmlSyntaxError('unfinished start tag');
    if (p === before) throw new XmlSyntaxError('attributes must be separated by white space');
    const nameStart = p;
    while (!endsName(xml.charCodeAt(p))) p++;
    const name = checkName(xml.slice(nameStart, p));
    while (isSpace(xml.charCodeAt(p))) p++;
    if (xml.charCodeAt(p) !== EQ) throw new XmlSyntaxError(`attribute ${name} has no value`);
    p++;
    while (isSpace(xml.charCodeAt(p))) p++;
    const quote = xml.charCodeAt(p);
    if (quote !== QUOT && quote !== APOS) throw new XmlSyntaxError(`attribute ${name} is not quoted`);
    const close = xml.indexOf(quote === QUOT ? '"' : "'", p + 1);
    if (close < 0) throw new XmlSyntaxError('unfinished attribute value');
    const value = xml.slice(p + 1, close);
    if (name in attrs) throw new XmlSyntaxError(`attribute ${name} is repeated`);
    attrs[name] = value;
    p = close + 1;
  }
}
