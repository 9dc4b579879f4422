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
 * pieces as the markup splits it into. Attribute values are handed over as
 * XML reads them (XML 1.0 §3.3.3: a literal tab or line end is a space;
 * entities and character references decoded).
 *
 * A million codings make some twelve million names and nine million
 * values, so the hot paths leave the scanning to the engine's own string
 * search and regular expressions (far quicker than a loop over char codes
 * in JavaScript), take a name from where the last element of its kind had
 * it when it stands there whole, cut out and look up only names and values
 * they need, and build nothing per attribute but its value.
 */

export class XmlSyntaxError extends Error {}

export interface XmlListener {
  /**
   * A start tag. `attrs` is the listener's to keep: values read as XML reads
   * them (see above), in an object without a prototype, so that any name
   * (`__proto__`, `toString`) is an attribute like another.
   */
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
const LF = 0x0a;
const TAB = 0x09;
const SPACE = 0x20;

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === 0x0d;
}

/** A character that can never be part of an XML name (NaN: the text ends). */
function endsName(c: number): boolean {
  return isSpace(c) || c === GT || c === SLASH || c === EQ || c === LT || c === QUOT || c === APOS || Number.isNaN(c);
}

/**
 * An XML name as Quarry has always read one (XML 1.0 fifth edition, by
 * UTF-16 code unit: a surrogate pair's high half may begin a name, either
 * half continue one), matched where it stands: the longest name there.
 */
const NAME_AT = /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDBFF][A-Za-z0-9_:.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDFFF]*/y;

/** An "&" that is not a character or entity reference, as fast-xml-parser's validator judges text. */
const BAD_AMPERSAND = /&(?!(?:#x[0-9a-fA-F]*|#[0-9]*|\w{1,20});)/;
const PROCESSING_INSTRUCTION = /^<\?[A-Za-z_][\w.-]*(?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\?>$/;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes predefined entities and character references; anything else stays as written. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,10})|(amp|lt|gt|quot|apos));/g, (whole, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return PREDEFINED[named] as string;
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec as string, 10);
    return isXmlChar(cp) ? String.fromCodePoint(cp) : whole;
  });
}

/** A character an attribute value is read differently for: a reference, or a tab or line end. */
const NOT_AS_WRITTEN = /[&\t\n\r]/;

/** An attribute value as XML reads it (XML 1.0 §3.3.3: a literal tab or line end is a space; references decoded). */
function attributeValue(raw: string): string {
  return NOT_AS_WRITTEN.test(raw) ? decodeXmlEntities(raw.replace(/[\t\n\r]/g, ' ')) : raw;
}

/**
 * The attributes of one element: an object with no `Object.prototype`
 * behind it (so any name is an own attribute) that V8 still keeps in fast
 * mode, sharing one layout among elements that have the same attributes in
 * the same order (`Object.create(null)` makes a hash table of each).
 */
const AttributeBag = function AttributeBag(): void {} as unknown as new () => Record<string, string>;
AttributeBag.prototype = Object.create(null) as object;

/** Distinct names kept, at most: far more than a REFI-QDA file uses. */
const MAX_SHARED_NAMES = 10_000;
/** Distinct attribute values kept for sharing (see XmlTokenizer.sharedValue): at most a few megabytes. */
const MAX_SHARED_VALUES = 100_000;

/** The usual text between elements, a line end and an indent, ready-made: ["\n", "\n ", "\n  ", …] and the same with tabs. */
const INDENTS = 64;
const SPACE_INDENTS = Array.from({ length: INDENTS }, (_, k) => `\n${' '.repeat(k)}`);
const TAB_INDENTS = Array.from({ length: INDENTS }, (_, k) => `\n${'\t'.repeat(k)}`);

/**
 * The engine's own copy of a string, the one it keeps for property names
 * and literals: a name met a million times is then compared with 'Coding'
 * or 'guid', and used as a key, by identity.
 */
function internalized(s: string): string {
  const holder = Object.create(null) as Record<string, true>;
  holder[s] = true;
  return Object.keys(holder)[0] as string;
}

/**
 * The names met in and on elements of one name, as guesses for the next:
 * the name of the last element opened inside one, and the names of the
 * last one's attributes in order. A guess is only where to look first:
 * a name is taken only if it stands whole in the text.
 */
interface Layout {
  child: string;
  attrs: string[];
}

/** Attribute names remembered per element name, at most. */
const MAX_GUESSED_ATTRIBUTES = 64;

/** A token reader's answer when the text so far ends before the token does. */
const MORE = -1;

/** Characters that stand for themselves inside a JSON string. */
const PLAIN_VALUE = /^[\w{}:.+-]*$/;

/**
 * The string with characters of its own. V8 keeps a slice of 13 characters
 * or more as a view into the string it was cut from, so a GUID kept from a
 * piece of the document would keep that whole piece alive.
 */
export function ownCopy(s: string): string {
  return copyOf(s, s.length <= 64 && PLAIN_VALUE.test(s));
}

/** ownCopy, told whether the string is a plain one of 64 characters or fewer. */
function copyOf(s: string, plain: boolean): string {
  if (s.length < 13) return s;
  // A short plain value (a GUID, a date) read back as JSON is one flat string, a third smaller than a copy made by slicing: a million codings keep two GUIDs each.
  if (plain) return JSON.parse(`"${s}"`) as string;
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
export class XmlTokenizer {
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
  /** Every distinct name met (up to MAX_SHARED_NAMES): one string however often it is met. */
  private readonly names = new Map<string, string>();
  /** The name readName read last. */
  private nameRead = '';
  /** Attribute values as written → as read (see sharedValue). */
  private readonly values = new Map<string, string>();
  /** By element name (up to MAX_SHARED_NAMES), what the last such element held (see Layout); the open elements', innermost last; the document's, for its root. */
  private readonly layouts = new Map<string, Layout>();
  private readonly openLayouts: Layout[] = [];
  private readonly rootLayout: Layout = { child: '', attrs: [] };

  constructor(
    private readonly listener: XmlListener,
    private readonly maxDepth: number,
  ) {}

  feed(text: string): void {
    if (text === '') return;
    this.base += this.pos;
    // Joined, not concatenated: `+` would make a rope that every read of a character then has to go through.
    this.buf = this.pos < this.buf.length ? [this.buf.slice(this.pos), text].join('') : text;
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
      if (end > i || this.pendingText.length > 0) {
        const indent = this.pendingText.length === 0 && this.open.length > 0 ? indentAt(xml, i, end) : undefined;
        if (indent !== undefined) this.listener.text(indent, false);
        else this.text(this.takeText(xml.slice(i, end)));
      }
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
      if (piece.includes('&') && BAD_AMPERSAND.test(piece)) throw new XmlSyntaxError('an "&" that starts no entity');
      this.listener.text(ownCopy(piece), false);
    } else if (piece.trim() !== '') throw new XmlSyntaxError('text outside the root element');
  }

  /**
   * Reads the name at `from` into `nameRead`; returns its end, or MORE.
   * Refuses what the expressions of XML names always refused: the name goes
   * on to the next character that ends one, and all of it must match.
   */
  private readName(xml: string, from: number, final: boolean): number {
    NAME_AT.lastIndex = from;
    if (!NAME_AT.test(xml)) return this.badName(xml, from, final);
    const end = NAME_AT.lastIndex;
    if (end >= xml.length) {
      if (!final) return MORE;
    } else if (!endsName(xml.charCodeAt(end))) return this.badName(xml, from, final);
    const s = xml.slice(from, end);
    let name = this.names.get(s);
    if (name === undefined) {
      name = internalized(ownCopy(s));
      if (this.names.size < MAX_SHARED_NAMES) this.names.set(name, name);
    }
    this.nameRead = name;
    return end;
  }

  private layoutOf(qname: string): Layout {
    let layout = this.layouts.get(qname);
    if (layout === undefined) {
      layout = { child: '', attrs: [] };
      if (this.layouts.size < MAX_SHARED_NAMES) this.layouts.set(qname, layout);
    }
    return layout;
  }

  /** A name with a character no name may have: MORE if the piece ends before the name does, else refused. */
  private badName(xml: string, from: number, final: boolean): number {
    let p = from;
    while (!endsName(xml.charCodeAt(p))) p++;
    if (!final && p >= xml.length) return MORE;
    throw new XmlSyntaxError(`bad name "${xml.slice(from, p)}"`);
  }

  /**
   * An attribute value as read, shared with every equal value met before: a
   * million codings name the same few users, codes and dates again and
   * again. The values kept for sharing are bounded.
   */
  private sharedValue(raw: string): string {
    if (raw.length < 13) return attributeValue(raw);
    let value = this.values.get(raw);
    if (value === undefined) {
      const kept = ownCopy(raw);
      value = attributeValue(kept);
      if (this.values.size < MAX_SHARED_VALUES) this.values.set(kept, value);
    }
    return value;
  }

  /** The value from `from` to `to` as read, in a string of its own (never looked for among those met before). */
  private ownValue(xml: string, from: number, to: number): string {
    const raw = xml.slice(from, to);
    if (raw.length >= 13 && raw.length <= 64 && PLAIN_VALUE.test(raw)) {
      // As ownCopy; a value in double quotes is read as JSON where it stands, quotes and all.
      return JSON.parse(xml.charCodeAt(from - 1) === QUOT ? xml.slice(from - 1, to + 1) : `"${raw}"`) as string;
    }
    return attributeValue(copyOf(raw, false));
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
    if (next === SLASH) return this.readEndTag(xml, lt, final);
    const after = this.readStartTag(xml, lt + 1, final);
    if (after !== MORE) this.rootSeen = true;
    return after;
  }

  /** Reads `</name>` from its `<`; returns the position after the `>`, or MORE. */
  private readEndTag(xml: string, lt: number, final: boolean): number {
    const open = this.open;
    const expected = open[open.length - 1];
    // The usual case, told without cutting the name out: the open element's name, perhaps white space, then ">".
    // (Not when the name ends in a character trimEnd would take as white space, as the general case below does.)
    if (expected !== undefined && expected.charCodeAt(expected.length - 1) < 0x80 && xml.slice(lt + 2, lt + 2 + expected.length) === expected) {
      let p = lt + 2 + expected.length;
      while (isSpace(xml.charCodeAt(p))) p++;
      if (xml.charCodeAt(p) === GT) {
        open.pop();
        this.openLayouts.pop();
        this.listener.close(expected);
        return p + 1;
      }
    }
    const close = xml.indexOf('>', lt + 2);
    if (close < 0) {
      if (!final) return MORE;
      throw new XmlSyntaxError('unfinished end tag');
    }
    const qname = xml.slice(lt + 2, close).trimEnd();
    if (open.length === 0 || expected !== qname) throw new XmlSyntaxError(`mismatched end tag ${qname}`);
    open.pop();
    this.openLayouts.pop();
    this.listener.close(qname);
    return close + 1;
  }

  /** Reads `<name attr="v" …>` or `…/>` from just after the `<`; returns the position after the `>`, or MORE. */
  private readStartTag(xml: string, from: number, final: boolean): number {
    const open = this.open;
    if (open.length === 0 && this.rootSeen) throw new XmlSyntaxError('a second root element');
    // The name is first looked for where the last element opened in the same parent had its own, and each attribute's where the last element of this name had its.
    const parent = this.openLayouts[this.openLayouts.length - 1] ?? this.rootLayout;
    let qname = parent.child;
    let p: number;
    if (qname !== '' && nameAt(xml, from, qname)) p = from + qname.length;
    else {
      p = this.readName(xml, from, final);
      if (p === MORE) return MORE;
      qname = this.nameRead;
      parent.child = qname;
    }
    const layout = this.layoutOf(qname);
    const guesses = layout.attrs;
    let k = 0;
    const attrs = new AttributeBag();
    for (;;) {
      const before = p;
      let c = xml.charCodeAt(p);
      while (isSpace(c)) c = xml.charCodeAt(++p);
      if (Number.isNaN(c) && !final) return MORE;
      if (c === GT || c === SLASH) {
        const selfClosing = c === SLASH;
        if (selfClosing) {
          const after = xml.charCodeAt(p + 1);
          if (Number.isNaN(after) && !final) return MORE;
          if (after !== GT) throw new XmlSyntaxError('a "/" inside a tag');
        }
        // The same bound as fast-xml-parser's maxNestedTags, which the reader used before: an element may open inside maxDepth + 1 others.
        if (!selfClosing && open.length > this.maxDepth) throw new XmlSyntaxError('nested too deep');
        this.listener.open(qname, attrs);
        if (selfClosing) {
          this.listener.close(qname);
          return p + 2;
        }
        open.push(qname);
        this.openLayouts.push(layout);
        return p + 1;
      }
      if (Number.isNaN(c)) throw new XmlSyntaxError('unfinished start tag');
      if (p === before) throw new XmlSyntaxError('attributes must be separated by white space');
      let name = k < guesses.length ? (guesses[k] as string) : '';
      if (name !== '' && nameAt(xml, p, name)) p += name.length;
      else {
        p = this.readName(xml, p, final);
        if (p === MORE) return MORE;
        name = this.nameRead;
        if (k < MAX_GUESSED_ATTRIBUTES) guesses[k] = name;
      }
      k++;
      c = xml.charCodeAt(p);
      while (isSpace(c)) c = xml.charCodeAt(++p);
      if (Number.isNaN(c) && !final) return MORE;
      if (c !== EQ) throw new XmlSyntaxError(`attribute ${name} has no value`);
      c = xml.charCodeAt(++p);
      while (isSpace(c)) c = xml.charCodeAt(++p);
      if (Number.isNaN(c) && !final) return MORE;
      if (c !== QUOT && c !== APOS) throw new XmlSyntaxError(`attribute ${name} is not quoted`);
      const from = p + 1;
      const close = xml.indexOf(c === QUOT ? '"' : "'", from);
      if (close < 0) {
        if (!final) return MORE;
        throw new XmlSyntaxError('unfinished attribute value');
      }
      if (attrs[name] !== undefined) throw new XmlSyntaxError(`attribute ${name} is repeated`);
      // A guid names one thing only, so it is never looked for among the values met before.
      attrs[name] = name === 'guid' ? this.ownValue(xml, from, close) : this.sharedValue(xml.slice(from, close));
      p = close + 1;
    }
  }
}

/**
 * True when the name (one readName read before) stands at `at`, whole: the
 * character after it ends a name. Then readName would read exactly it
 * there, since every character of it is a name character; a name cut by the
 * end of the piece is left to readName.
 */
function nameAt(xml: string, at: number, name: string): boolean {
  // (A slice compared is quicker than startsWith at a position.)
  if (xml.slice(at, at + name.length) !== name) return false;
  const after = xml.charCodeAt(at + name.length);
  return !Number.isNaN(after) && endsName(after);
}

/** The text from `from` to `to` when it is one of the usual indents (a line end, then spaces or tabs), else undefined. */
function indentAt(xml: string, from: number, to: number): string | undefined {
  const length = to - from;
  if (length > INDENTS || xml.charCodeAt(from) !== LF) return undefined;
  if (length === 1) return SPACE_INDENTS[0];
  const c = xml.charCodeAt(from + 1);
  if (c !== SPACE && c !== TAB) return undefined;
  for (let p = from + 2; p < to; p++) if (xml.charCodeAt(p) !== c) return undefined;
  return (c === SPACE ? SPACE_INDENTS : TAB_INDENTS)[length - 1];
}

/** Reads a whole document given as one string (see XmlTokenizer). */
export function tokenizeXml(xml: string, listener: XmlListener, maxDepth: number): void {
  const tokenizer = new XmlTokenizer(listener, maxDepth);
  tokenizer.feed(xml);
  tokenizer.end();
}
