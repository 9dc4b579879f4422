/**
 * A small element tree for reading REFI-QDA XML, built in one pass by
 * xmlTokenizer.ts. A document the tokenizer stops on goes through
 * fast-xml-parser as before, so its fault is told (or tolerated) exactly as
 * it always was; only well-formed files take the fast path.
 *
 * Safety: any DOCTYPE is refused before parsing (so no entity can be declared,
 * let alone expanded), and the parser's own entity handling is off; only the
 * five predefined XML entities and numeric character references are decoded,
 * here. End-of-line and attribute-value normalisation follow XML 1.0 §2.11 and
 * §3.3.3 so that text reads the same as in a conforming parser.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { QuarryError } from '../errors.js';
import { MAX_XML_DEPTH } from '../limits.js';
import { decodeWindows1252 } from '../importers/textDecoding.js';
import { xmlProblemError } from './xmlProblem.js';
import { decodeXmlEntities, tokenizeXml, XmlSyntaxError, type XmlListener } from './xmlTokenizer.js';

export interface XmlElement {
  /** Local name, without any namespace prefix. */
  name: string;
  prefix: string;
  /** Attribute values by their name as written (e.g. 'guid', 'xmlns:qda'). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside the element (text and CDATA, in order). */
  text: string;
}

const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'us-ascii', 'ascii']);

/** How many bytes at the end start a UTF-8 character that never finishes (0 when none). */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= bytes.length; k++) {
    const b = bytes[bytes.length - k] as number;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const needs = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;
    return needs > k ? k : 0;
  }
  return 0;
}

/** How an XML document's bytes are to be read, judged by its first 200 bytes: a BOM wins, then the declared encoding, then UTF-8. */
export type XmlEncoding = { kind: 'decoder'; label: string } | { kind: 'windows-1252' } | { kind: 'utf-8' };

export const XML_ENCODING_HEAD_BYTES = 200;

export function xmlEncodingOf(head: Uint8Array): XmlEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'decoder', label: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'decoder', label: 'utf-16be' };
  const text = new TextDecoder('latin1').decode(head.subarray(0, XML_ENCODING_HEAD_BYTES));
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text)?.[1]?.toLowerCase();
  // The Western single-byte encodings go through the same decoder as imported text files: some Node
  // builds' TextDecoder reads windows-1252's € ’ “ as control characters. (WHATWG reads the Latin-1 labels as windows-1252 too.)
  if (declared && WINDOWS_1252_LABELS.has(declared)) return { kind: 'windows-1252' };
  // A declaration readable as single bytes rules out UTF-16, whatever it claims.
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && !declared.startsWith('utf-16')) {
    try {
      new TextDecoder(declared);
      return { kind: 'decoder', label: declared };
    } catch {
      // an unknown label: UTF-8 below
    }
  }
  return { kind: 'utf-8' };
}

/**
 * The longest text decoded from XML bytes in one piece since the last reset:
 * the import's guard test reads it to check that a project file is never
 * decoded whole.
 */
export const xmlDecodeProbe = { longestPiece: 0 };

export function noteDecoded(text: string): string {
  if (text.length > xmlDecodeProbe.longestPiece) xmlDecodeProbe.longestPiece = text.length;
  return text;
}

/** A whole XML document's bytes → its text (see xmlEncodingOf); the BOM is not part of the result. */
export function decodeXmlBytes(fileName: string, bytes: Uint8Array): string {
  const encoding = xmlEncodingOf(bytes);
  if (encoding.kind === 'decoder') return noteDecoded(new TextDecoder(encoding.label).decode(bytes));
  if (encoding.kind === 'windows-1252') return noteDecoded(decodeWindows1252(bytes));
  try {
    return noteDecoded(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // A file cut off inside a character: read what came before, so the parse says it was cut off.
    const whole = bytes.length - incompleteUtf8Tail(bytes);
    if (whole < bytes.length) {
      try {
        return noteDecoded(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, whole)));
      } catch {
        // bad bytes earlier too: not UTF-8 at all
      }
    }
    throw new QuarryError('invalid_input', `${fileName}: the file is not valid UTF-8 text, so it cannot be a REFI-QDA XML file`);
  }
}

/**
 * Called as each element of the tree is complete, with its parent and the
 * root: a reader can take a finished part (a source) and empty it, so the
 * tree never holds more than one such part whole.
 */
export type XmlCloseHook = (el: XmlElement, parent: XmlElement | undefined, root: XmlElement) => void;

function splitName(qname: string): { prefix: string; name: string } {
  const i = qname.indexOf(':');
  return i < 0 ? { prefix: '', name: qname } : { prefix: qname.slice(0, i), name: qname.slice(i + 1) };
}

/** Prefixed names whose parts the tree builder keeps: far more than a REFI-QDA file uses. */
const MAX_PREFIXED_NAMES = 1000;

/** Builds the element tree from the tokenizer's events (attribute values come read, see XmlListener). */
export function treeBuilder(onClose?: XmlCloseHook): { listener: XmlListener; root(): XmlElement | undefined } {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  // A prefixed name's two parts, cut once (the tokenizer hands over each distinct name as one string).
  const prefixed = new Map<string, { prefix: string; name: string }>();
  const listener: XmlListener = {
    open(qname, attrs) {
      let name = qname;
      let prefix = '';
      if (qname.indexOf(':') >= 0) {
        let parts = prefixed.get(qname);
        if (!parts) {
          parts = splitName(qname);
          if (prefixed.size < MAX_PREFIXED_NAMES) prefixed.set(qname, parts);
        }
        ({ name, prefix } = parts);
      }
      const el: XmlElement = { name, prefix, attrs, children: [], text: '' };
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
      const el = stack.pop() as XmlElement;
      onClose?.(el, stack[stack.length - 1], root as XmlElement);
    },
  };
  return { listener, root: () => root };
}

type FxpNode = Record<string, unknown>;

function convertNode(qname: string, body: FxpNode[], rawAttrs: Record<string, unknown> | undefined): XmlElement {
  const { prefix, name } = splitName(qname);
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(rawAttrs ?? {})) {
    // XML 1.0 §3.3.3: literal tabs and newlines in attribute values read as spaces.
    attrs[k] = decodeXmlEntities(String(v).replace(/[\t\n\r]/g, ' '));
  }
  const el: XmlElement = { name, prefix, attrs, children: [], text: '' };
  for (const node of body) {
    for (const key of Object.keys(node)) {
      if (key === ':@') continue;
      const value = node[key];
      if (key === '#text') el.text += decodeXmlEntities(String(value));
      else if (key === '#cdata') {
        for (const inner of value as FxpNode[]) el.text += String(inner['#text'] ?? '');
      } else el.children.push(convertNode(key, value as FxpNode[], node[':@'] as Record<string, unknown> | undefined));
    }
  }
  return el;
}

/**
 * The reading a document the tokenizer stopped on gets: fast-xml-parser's
 * validator and parser, exactly as Quarry read every file before the
 * tokenizer, so a malformed file is refused (or, where that parser was more
 * lenient, read) with the same words as always.
 */
function parseLeniently(fileName: string, text: string, what: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw xmlProblemError(fileName, what, text, valid.err);
  let parsed: FxpNode[];
  try {
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      processEntities: false,
      htmlEntities: false,
      cdataPropName: '#cdata',
      commentPropName: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      maxNestedTags: MAX_XML_DEPTH,
    });
    parsed = parser.parse(text) as FxpNode[];
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : 'unknown problem';
    if (/nested tags/i.test(detail ?? '')) {
      throw new QuarryError('invalid_input', `${fileName}: ${what} nests its elements more than ${MAX_XML_DEPTH} levels deep, more than Quarry reads (REFI-QDA needs about 10)`);
    }
    throw new QuarryError('invalid_input', `${fileName}: ${what} could not be read as XML; its markup is broken`);
  }
  const roots = parsed.filter((n) => Object.keys(n).some((k) => k !== ':@' && k !== '#text'));
  const rootNode = roots[0];
  if (roots.length !== 1 || !rootNode) {
    throw new QuarryError('invalid_input', `${fileName}: ${what} is not XML (it has ${roots.length} root elements)`);
  }
  const key = Object.keys(rootNode).find((k) => k !== ':@' && k !== '#text') as string;
  return convertNode(key, rootNode[key] as FxpNode[], rootNode[':@'] as Record<string, unknown> | undefined);
}

/** The document's text as both readers take it (no BOM, \n line ends), once it is known to be XML without a DOCTYPE. */
function checkedXmlText(fileName: string, xml: string, what: string): string {
  const text = (xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).replace(/\r\n?/g, '\n');
  if (!/^\s*</.test(text)) {
    throw new QuarryError('invalid_input', `${fileName}: ${what} is not XML`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new QuarryError(
      'invalid_input',
      `${fileName}: ${what} contains a DOCTYPE declaration; REFI-QDA files never need one, and Quarry refuses them because DOCTYPE entities can be used to attack XML readers`,
    );
  }
  return text;
}

/** The whole document read by fast-xml-parser alone, as Quarry read every file before its tokenizer (the reference the tokenizer's tests compare with). */
export function parseXmlTreeLeniently(fileName: string, xml: string, what: string): XmlElement {
  return parseLeniently(fileName, checkedXmlText(fileName, xml, what), what);
}

/**
 * Parses a whole XML document and returns its root element.
 * `what` names the document in messages, e.g. "project.qde". `onClose` sees
 * each element as it completes on the fast path only: a document the
 * tokenizer stops on is read again whole, without it, so a reader must
 * treat what the hook gave it as a head start, never as the only reading.
 */
export function parseXmlTree(fileName: string, xml: string, what: string, onClose?: XmlCloseHook): XmlElement {
  const text = checkedXmlText(fileName, xml, what);
  const tree = treeBuilder(onClose);
  try {
    tokenizeXml(text, tree.listener, MAX_XML_DEPTH);
  } catch (err) {
    if (err instanceof XmlSyntaxError) return parseLeniently(fileName, text, what);
    throw err;
  }
  return tree.root() as XmlElement;
}

/** The namespace URI of an element, looked up on the element itself (enough for a root). */
export function namespaceOf(el: XmlElement): string | undefined {
  return el.attrs[el.prefix ? `xmlns:${el.prefix}` : 'xmlns'];
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

export function firstChild(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** All descendants (not the element itself) with the given local name. */
export function countDescendants(el: XmlElement | undefined, name: string): number {
  if (!el) return 0;
  let n = 0;
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i] as XmlElement;
    if (c.name === name) n++;
    if (c.children.length > 0) n += countDescendants(c, name);
  }
  return n;
}

/** An attribute's value, or undefined when absent or blank. */
export function attrOf(el: XmlElement, name: string): string | undefined {
  const v = el.attrs[name];
  if (v === undefined) return undefined;
  // A value that begins with a printable ASCII character is not blank (JavaScript's white space is all below "!" or above "~"), so most are told without trimming.
  const first = v.charCodeAt(0);
  return (first > 0x20 && first < 0x7f) || v.trim() !== '' ? v : undefined;
}

/** The text of a child element such as <Description>, or undefined when absent or empty. */
export function childText(el: XmlElement, name: string): string | undefined {
  const c = firstChild(el, name);
  return c && c.text !== '' ? c.text : undefined;
}
