/**
 * The XML tokenizer and tree builder as they were before they were made
 * faster (commit 2815901), kept unchanged as the oracle the fast ones are
 * compared with (xmlReaderSpeed.test.ts): given the same pieces, both must
 * refuse a document at the same piece or build the same tree. The existing
 * tests compare whole readings with fast-xml-parser, which a stricter
 * tokenizer would pass (a refused document is read again by that parser);
 * this one catches any change in what the fast path itself accepts.
 */
import { decodeXmlEntities } from '../../../shared/refi/xmlTokenizer.js';
import type { XmlElement } from '../../../shared/refi/xmlTree.js';

class XmlSyntaxError extends Error {}

interface XmlListener {
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

/** Distinct attribute values kept for sharing (see XmlTokenizer.value): at most a few megabytes. */
const MAX_SHARED_VALUES = 100_000;

/** A token reader's answer when the text so far ends before the token does. */
const MORE = -1;

/** Characters that stand for themselves inside a JSON string. */
const PLAIN_VALUE = /^[\w{}:.+-]*$/;

/**
 * The string with characters of its own. V8 keeps a slice of 13 characters
 * or more as a view into the string it was cut from, so a GUID kept from a
 * piece of the document would keep that whole piece alive.
 */
function ownCopy(s: string): string {
  if (s.length < 13) return s;
  // A short plain value (a GUID, a date) read back as JSON is one flat string, a third smaller than a copy made by slicing: a million codings keep two GUIDs each.
  if (s.length <= 64 && PLAIN_VALUE.test(s)) return JSON.parse(`"${s}"`) as string;
  return (' ' + s).slice(1);
}

/**
 * Reads a document (line ends already normalised to \n, no BOM) fed in
 * pieces of any size, cut anywhere, and calls the listener for every element
 * and piece of text inside the root as soon as it is complete. Only the
 * unfinished token at the end of a piece is kept for the next one (and the
 * text before a `<` still to come), so memory is that of the largest token,
 * not of the document. `maxDepth` bounds nesting. The strings it hands over
 * are copies, never views into a piece.
 */
class XmlTokenizer {
  private buf = '';
  private pos = 0;
  /** Characters of the document before `buf`, already read and dropped. */
  private base = 0;
  /** Character data whose end (the next `<`) is not in yet. */
  private pendingText: string[] = [];
  /** A CDATA section whose end is not in yet. */
  private pendingCdata: string[] | undefined;
  private readonly open: string[] = [];
  private rootSeen = false;
  private readonly names = new Map<string, string>();
  private readonly values = new Map<string, string>();

  constructor(
    private readonly listener: XmlListener,
    private readonly maxDepth: number,
  ) {}

  feed(text: string): void {
    if (text === '') return;
    this.base += this.pos;
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.run(false);
  }

  /** The document is complete: anything unfinished is an error. */
  end(): void {
    this.run(true);
    if (this.open.length > 0 || !this.rootSeen) throw new XmlSyntaxError('the document ends before its root element is complete');
  }

  private run(final: boolean): void {
    const xml = this.buf;
    const n = xml.length;
    let i = this.pos;
    if (this.pendingCdata) {
      const after = this.finishCdata(xml, i, final);
      if (after === MORE) {
        this.pos = n;
        return;
      }
      i = after;
    }
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0 && !final) {
        if (i < n) this.pendingText.push(xml.slice(i));
        this.pos = n;
        return;
      }
      const end = lt < 0 ? n : lt;
      if (end > i || this.pendingText.length > 0) this.text(this.takeText(xml.slice(i, end)));
      if (lt < 0) {
        this.pos = n;
        return;
      }
      const next = this.readMarkup(xml, lt, final);
      if (next === MORE) {
        this.pos = lt;
        return;
      }
      i = next;
    }
  }

  /** Goes on with a CDATA section begun in an earlier piece; returns the position after its end, or MORE. */
  private finishCdata(xml: string, from: number, final: boolean): number {
    const parts = this.pendingCdata as string[];
    // Its end marker may begin in what came before.
    let before = '';
    for (let j = parts.length - 1; j >= 0 && before.length < 2; j--) before = (parts[j] as string).slice(-(2 - before.length)) + before;
    const k = (before + xml.slice(from, from + 2)).indexOf(']]>');
    let content: string;
    let after: number;
    if (k >= 0 && k < before.length) {
      const whole = parts.join('');
      content = whole.slice(0, whole.length - (before.length - k));
      after = from + 3 - (before.length - k);
    } else {
      const close = xml.indexOf(']]>', from);
      if (close < 0) {
        if (final) throw new XmlSyntaxError('unfinished CDATA');
        parts.push(xml.slice(from));
        return MORE;
      }
      parts.push(xml.slice(from, close));
      content = parts.join('');
      after = close + 3;
    }
    this.pendingCdata = undefined;
    this.listener.text(ownCopy(content), true);
    return after;
  }

  private takeText(piece: string): string {
    if (this.pendingText.length === 0) return piece;
    this.pendingText.push(piece);
    const whole = this.pendingText.join('');
    this.pendingText = [];
    return whole;
  }

  private text(piece: string): void {
    if (piece === '') return;
    if (this.open.length > 0) {
      if (BAD_AMPERSAND.test(piece)) throw new XmlSyntaxError('an "&" that starts no entity');
      this.listener.text(ownCopy(piece), false);
    } else if (piece.trim() !== '') throw new XmlSyntaxError('text outside the root element');
  }

  /**
   * An attribute value, shared with every equal value met before: a million
   * codings name the same few users, codes and dates again and again. A
   * `guid` names one thing only, so it is never looked up; and the values
   * kept for sharing are bounded.
   */
  private value(name: string, s: string): string {
    if (name === 'guid' || s.length < 13) return ownCopy(s);
    let kept = this.values.get(s);
    if (kept === undefined) {
      kept = ownCopy(s);
      if (this.values.size < MAX_SHARED_VALUES) this.values.set(kept, kept);
    }
    return kept;
  }

  private name(s: string): string {
    let kept = this.names.get(s);
    if (kept === undefined) {
      kept = ownCopy(s);
      this.names.set(kept, kept);
    }
    return kept;
  }

  /** Reads the markup that starts at `lt`; returns the position after it, or MORE. */
  private readMarkup(xml: string, lt: number, final: boolean): number {
    const n = xml.length;
    if (lt + 1 >= n && !final) return MORE;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const close = xml.indexOf('?>', lt + 2);
      if (close < 0) {
        if (!final) return MORE;
        throw new XmlSyntaxError('unfinished processing instruction');
      }
      const pi = xml.slice(lt, close + 2);
      // Anything but name="value" pairs (and a declaration anywhere but at the very start) is left to the lenient reader.
      if (!PROCESSING_INSTRUCTION.test(pi) || (/^<\?xml[\s?]/i.test(pi) && this.base + lt !== 0)) throw new XmlSyntaxError('a misplaced or unusual processing instruction');
      return close + 2;
    }
    if (next === 0x21 /* ! */) {
      const rest = n - lt < 9 ? xml.slice(lt) : '';
      if (!final && rest !== '' && ('<!--'.startsWith(rest) || '<![CDATA['.startsWith(rest))) return MORE;
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4);
        if (close < 0) {
          if (!final) return MORE;
          throw new XmlSyntaxError('unfinished comment');
        }
        return close + 3;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        if (this.open.length === 0) throw new XmlSyntaxError('misplaced CDATA');
        const close = xml.indexOf(']]>', lt + 9);
        if (close < 0) {
          if (final) throw new XmlSyntaxError('unfinished CDATA');
          // A long CDATA section (a whole text) is gathered piece by piece, not read again from its start with every piece.
          this.pendingCdata = [xml.slice(lt + 9)];
          return n;
        }
        this.listener.text(ownCopy(xml.slice(lt + 9, close)), true);
        return close + 3;
      }
      throw new XmlSyntaxError('unexpected markup declaration');
    }
    if (next === SLASH) {
      const close = xml.indexOf('>', lt + 2);
      if (close < 0) {
        if (!final) return MORE;
        throw new XmlSyntaxError('unfinished end tag');
      }
      const qname = xml.slice(lt + 2, close).trimEnd();
      if (this.open.length === 0 || this.open[this.open.length - 1] !== qname) throw new XmlSyntaxError(`mismatched end tag ${qname}`);
      this.open.pop();
      this.listener.close(qname);
      return close + 1;
    }
    const after = this.readStartTag(xml, lt + 1, final);
    if (after !== MORE) this.rootSeen = true;
    return after;
  }

  /** Reads `<name attr="v" …>` or `…/>` from just after the `<`; returns the position after the `>`, or MORE. */
  private readStartTag(xml: string, from: number, final: boolean): number {
    const open = this.open;
    if (open.length === 0 && this.rootSeen) throw new XmlSyntaxError('a second root element');
    const more = (at: number): boolean => !final && at >= xml.length;
    let p = from;
    while (!endsName(xml.charCodeAt(p))) p++;
    if (more(p)) return MORE;
    const qname = this.name(checkName(xml.slice(from, p)));
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (;;) {
      const before = p;
      while (isSpace(xml.charCodeAt(p))) p++;
      if (more(p)) return MORE;
      const c = xml.charCodeAt(p);
      if (c === GT || c === SLASH) {
        const selfClosing = c === SLASH;
        if (selfClosing && more(p + 1)) return MORE;
        if (selfClosing && xml.charCodeAt(p + 1) !== GT) throw new XmlSyntaxError('a "/" inside a tag');
        // The same bound as fast-xml-parser's maxNestedTags, which the reader used before: an element may open inside maxDepth + 1 others.
        if (!selfClosing && open.length > this.maxDepth) throw new XmlSyntaxError('nested too deep');
        this.listener.open(qname, attrs);
        if (selfClosing) {
          this.listener.close(qname);
          return p + 2;
        }
        open.push(qname);
        return p + 1;
      }
      if (Number.isNaN(c)) throw new XmlSyntaxError('unfinished start tag');
      if (p === before) throw new XmlSyntaxError('attributes must be separated by white space');
      const nameStart = p;
      while (!endsName(xml.charCodeAt(p))) p++;
      if (more(p)) return MORE;
      const name = checkName(xml.slice(nameStart, p));
      while (isSpace(xml.charCodeAt(p))) p++;
      if (more(p)) return MORE;
      if (xml.charCodeAt(p) !== EQ) throw new XmlSyntaxError(`attribute ${name} has no value`);
      p++;
      while (isSpace(xml.charCodeAt(p))) p++;
      if (more(p)) return MORE;
      const quote = xml.charCodeAt(p);
      if (quote !== QUOT && quote !== APOS) throw new XmlSyntaxError(`attribute ${name} is not quoted`);
      const close = xml.indexOf(quote === QUOT ? '"' : "'", p + 1);
      if (close < 0) {
        if (!final) return MORE;
        throw new XmlSyntaxError('unfinished attribute value');
      }
      if (name in attrs) throw new XmlSyntaxError(`attribute ${name} is repeated`);
      attrs[name] = this.value(name, xml.slice(p + 1, close));
      p = close + 1;
    }
  }
}


/** A document read: its tree, or the piece the reader stopped at (pieces.length: at the end). */
export type ReadOutcome = { tree: XmlElement | undefined } | { stopped: number };

/** What the old tokenizer and tree builder make of a document fed in the given pieces. */
export function readBefore(pieces: string[], maxDepth: number): ReadOutcome {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tokenizer = new XmlTokenizer(
    {
      open(qname, rawAttrs) {
        const i = qname.indexOf(':');
        const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
        for (const k in rawAttrs) attrs[k] = decodeXmlEntities((rawAttrs[k] as string).replace(/[\t\n\r]/g, ' '));
        const el: XmlElement = { name: i < 0 ? qname : qname.slice(i + 1), prefix: i < 0 ? '' : qname.slice(0, i), attrs, children: [], text: '' };
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(el);
        else root = el;
        stack.push(el);
      },
      text(raw, cdata) {
        const el = stack[stack.length - 1] as XmlElement;
        el.text += cdata ? raw : decodeXmlEntities(raw);
      },
      close() {
        stack.pop();
      },
    },
    maxDepth,
  );
  const stopped = feedPieces(tokenizer, pieces, (err) => err instanceof XmlSyntaxError);
  return stopped === undefined ? { tree: root } : { stopped };
}

/** Feeds the pieces and ends: the piece a refusal (`isRefusal`) came at (pieces.length: at the end), or undefined. */
export function feedPieces(tokenizer: { feed(text: string): void; end(): void }, pieces: string[], isRefusal: (err: unknown) => boolean): number | undefined {
  let k = 0;
  try {
    for (; k < pieces.length; k++) tokenizer.feed(pieces[k] as string);
    tokenizer.end();
  } catch (err) {
    if (isRefusal(err)) return k;
    throw err;
  }
  return undefined;
}
