/**
 * The faster XML tokenizer and tree builder against the ones they replaced
 * (kept in xmlReaderBefore.ts): fed the same pieces, both stop at the same
 * piece or build the same tree — on every real and synthetic document, on
 * edge cases for each fast path (names matched where they stand and guessed
 * from the last element of their kind, any UTF-16 code unit in a name,
 * attribute values read in the tokenizer and shared, ready-made indents, end
 * tags matched in place, a piece joined to the unfinished token), on seeded
 * mutations, and with a piece boundary at every position of documents that
 * hold every construct.
 */
import { describe, expect, it } from 'vitest';
import { MAX_XML_DEPTH } from '../../../shared/limits.js';
import { XmlSyntaxError, XmlTokenizer } from '../../../shared/refi/xmlTokenizer.js';
import { attrOf, countDescendants, treeBuilder, type XmlElement } from '../../../shared/refi/xmlTree.js';
import { mulberry32 } from '../../../shared/seededRandom.js';
import { EDGES, mutations, realDocuments } from './xmlCorpus.js';
import { feedPieces, readBefore, type ReadOutcome } from './xmlReaderBefore.js';

function readNow(pieces: string[], maxDepth = MAX_XML_DEPTH): ReadOutcome {
  const tree = treeBuilder();
  const stopped = feedPieces(new XmlTokenizer(tree.listener, maxDepth), pieces, (err) => err instanceof XmlSyntaxError);
  return stopped === undefined ? { tree: tree.root() } : { stopped };
}

/** The text as the tokenizer takes it (see checkedXmlText in xmlTree.ts). */
const normalised = (xml: string): string => (xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).replace(/\r\n?/g, '\n');

function cut(doc: string, at: number[]): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const p of at) {
    pieces.push(doc.slice(from, p));
    from = p;
  }
  pieces.push(doc.slice(from));
  return pieces.filter((p) => p !== '');
}

function randomPieces(doc: string, seed: number, most: number): string[] {
  const rnd = mulberry32(seed);
  const at: number[] = [];
  for (let p = 1 + Math.floor(rnd() * most); p < doc.length; p += 1 + Math.floor(rnd() * most)) at.push(p);
  return cut(doc, at);
}

/** Where the two readers differ on these pieces, or undefined. */
function difference(pieces: string[], maxDepth = MAX_XML_DEPTH): string | undefined {
  const now = JSON.stringify(readNow(pieces, maxDepth));
  const before = JSON.stringify(readBefore(pieces, maxDepth));
  return now === before ? undefined : `${JSON.stringify(pieces.join('').slice(0, 160))} in ${pieces.length} pieces: now ${now.slice(0, 200)}; before ${before.slice(0, 200)}`;
}

/** Collects differences, a few at most, so that a failure shows examples rather than thousands of lines. */
function differences(): { check(pieces: string[], maxDepth?: number): void; found: string[] } {
  const found: string[] = [];
  return {
    found,
    check(pieces, maxDepth) {
      if (found.length >= 8) return;
      const d = difference(pieces, maxDepth);
      if (d) found.push(d);
    },
  };
}

/** Documents that hold every construct the tokenizer reads, each with a fast path in it. */
const CONSTRUCTS = [
  // Elements of one kind again and again (names guessed), a name that is a guess's prefix or extension, attributes in another order, fewer, more.
  '<r><a x="1" yy="2"/><a x="1" yy="2"/><ab x="3"/><a xz="4" x="5"/><a/><a x="6" yy="7" z="8"/><a x="1"yy="2"/></r>',
  // Non-ASCII names, a prefixed name, surrogate pairs in names and values.
  '<p:Projekt xmlns:p="urn:x" Größe="groß" \u00B7x="no"><Ünïcödé ñ="ü" 名前="名"/><\u{10000}a \u{10000}="\u{1F600}"/></p:Projekt>',
  '<é ñ="ü"><é ñ="ü">ß</é><é ñ="û"/></é>',
  // Values: tabs, line ends, references, ">" and "<", the other quote, long and short, plain and not, a guid with a reference, values met twice.
  '<r>\n  <v a="x\ty\nz\rw" b="&amp;&lt;&gt;&quot;&apos;&#x41;&#66;&#0;&bogus;" c="a>b" d=\'say "hi"\' e="x<y" guid="&#x7B;ab&#x7D;"/>\n  <v a="x\ty\nz\rw" b="&amp;&lt;&gt;&quot;&apos;&#x41;&#66;&#0;&bogus;"/>\n</r>',
  `<r><v guid="0123456789abcdef0123456789abcdef0123" u="0123456789abcdef0123456789abcdef0123" long="${'y'.repeat(70)}" l2="${'y'.repeat(70)}" t='2026-12-07T13:13:12.105Z' g2='0123456789abcdef0123456789abcdef0123'/></r>`,
  `<r><v guid="${'q'.repeat(64)}" a="${'q'.repeat(65)}" b="tab\there and there" c="12 chars abc" d="13 chars abcd" e="{plain:+-.}_0123456789"/></r>`,
  // Attribute names an object could mistake for its own.
  '<r><o __proto__="p" constructor="c" toString="t" hasOwnProperty="h" valueOf="v"/><o __proto__="q" __proto__="r"/></r>',
  // Text: the usual indents with spaces and tabs, long and mixed ones, references and CDATA, comments and processing instructions between elements.
  `<r>\n\t<a/>\n\t\t<b>\n</b>\n${' '.repeat(63)}<c/>\n${' '.repeat(64)}<d/>\n${' '.repeat(70)}<e/>\n \t<f/> \n<g/>\n</r>`,
  '<?xml version="1.0" encoding="utf-8"?>\n<!-- before --><r a="1"><!-- between --><?pi a="b"?><x>t &amp; u<![CDATA[ raw & <stuff> ]]>v</x><?pi?><!-- after --></r>\n<!-- end -->',
  // End tags: with white space before ">", names that end in a character trimEnd takes for white space.
  '<r><a></a ><b></b\n\t></r>',
  '<r><a\u1680></a\u1680></r>',
  '<r><a\uFEFF></a\uFEFF ></r>',
  '<r><a\u1680/><a\u1680 x="1"/></r>',
  // Broken: a repeated attribute, a bad name after a guessed one, a guessed name followed by a character no name may end with.
  '<r><a x="1"/><a x!="1"/></r>',
  '<r><a x="1"/><a x="1" x="2"/></r>',
  '<r><ab/><a!b/></r>',
  '<r><a/><a\u00A0/></r>',
];

describe('the faster XML reader reads what the one it replaced read', () => {
  const docs = realDocuments().map((d) => normalised(new TextDecoder().decode(d)));

  it('builds the same tree of every real and synthetic document, whole and in pieces of any size', () => {
    expect(docs.length).toBeGreaterThan(5);
    const { check, found } = differences();
    docs.forEach((doc, i) => {
      check([doc]);
      for (const most of [1, 7, 300, 65_536]) check(randomPieces(doc, i * 10 + most, most));
    });
    expect(found).toEqual([]);
    // And those documents are read by the fast path, not refused by both.
    expect(docs.filter((d) => 'tree' in readNow([d])).length).toBeGreaterThan(5);
  });

  it('agrees on every construct with a piece boundary at every position, and with two boundaries anywhere', () => {
    const { check, found } = differences();
    for (const doc of [...CONSTRUCTS, ...EDGES]) {
      check([doc]);
      check([...doc]);
      for (let p = 1; p < doc.length; p++) check(cut(doc, [p]));
      const rnd = mulberry32(doc.length);
      for (let k = 0; k < 200; k++) {
        const a = 1 + Math.floor(rnd() * (doc.length - 1));
        const b = 1 + Math.floor(rnd() * (doc.length - 1));
        check(cut(doc, [Math.min(a, b), Math.max(a, b)]));
      }
    }
    expect(found).toEqual([]);
  });

  it('accepts and refuses exactly the same characters in names, for every UTF-16 code unit, guessed or not', () => {
    const { check, found } = differences();
    for (let u = 0; u < 0x10000; u++) {
      const c = String.fromCharCode(u);
      // First, inner and last character of element and attribute names; after a name the same elements had before.
      check([`<${c}a/>`]);
      check([`<a${c}b x="1"/>`]);
      check([`<r><ab/><a${c}/></r>`]);
      check([`<r><a/><a${c}b/></r>`]);
      check([`<a ${c}x="1"/>`]);
      check([`<r><a xy="1"/><a x${c}="1"/></r>`]);
      check([`<r><a x="1"/><a x${c}y="1"/></r>`]);
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('agrees on thousands of cut, spliced and corrupted documents, whole and in pieces', () => {
    const { check, found } = differences();
    docs.filter((d) => d.length < 60_000).forEach((doc, i) => {
      for (const m of mutations(doc, 60, 9000 + i)) {
        check([m]);
        check(randomPieces(m, i, 200));
      }
    });
    [...CONSTRUCTS, ...EDGES].forEach((doc, i) => {
      for (const m of mutations(doc, 60, 12_000 + i)) {
        check([m]);
        check(randomPieces(m, i, 5));
      }
    });
    expect(found).toEqual([]);
  }, 120_000);

  it('refuses nesting past the limit at the same depth', () => {
    const { check, found } = differences();
    for (let depth = 1; depth < 8; depth++) {
      const doc = `${'<d>'.repeat(depth)}<leaf/>${'</d>'.repeat(depth)}`;
      for (let limit = 0; limit < 8; limit++) check(randomPieces(doc, depth, 3), limit);
    }
    expect(found).toEqual([]);
  });
});

describe('what the faster reader hands over', () => {
  const root = (xml: string): XmlElement => {
    const outcome = readNow([xml]);
    if (!('tree' in outcome) || !outcome.tree) throw new Error('not read');
    return outcome.tree;
  };

  it('keeps attributes in an object where any name is an attribute like another', () => {
    const el = root('<o __proto__="p" constructor="c" toString="t"/>');
    expect(Object.keys(el.attrs)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(el.attrs['__proto__']).toBe('p');
    expect(el.attrs['constructor']).toBe('c');
    expect('hasOwnProperty' in el.attrs).toBe(false);
    expect(el.attrs['valueOf']).toBeUndefined();
    expect(attrOf(el, 'toString')).toBe('t');
    expect(attrOf(el, 'valueOf')).toBeUndefined();
  });

  it('reads each element’s attribute values as XML reads them, the second time as the first', () => {
    const el = root('<r><v a="x\ty&#x9;z&amp;" guid=" {G}&#10;"/><v a="x\ty&#x9;z&amp;" guid=" {G}&#10;"/></r>');
    for (const v of el.children) {
      expect(v.attrs['a']).toBe('x y\tz&');
      expect(v.attrs['guid']).toBe(' {G}\n');
    }
  });

  it('tells blank attribute values from others as trimming does', () => {
    const values = ['', ' ', '\u00A0', '\u3000x', 'x', '!', '~', '\u007F', '\uFEFF', ' x ', '\u2028'];
    for (const v of values) {
      const el: XmlElement = { name: 'e', prefix: '', attrs: { a: v }, children: [], text: '' };
      expect(attrOf(el, 'a')).toBe(v.trim() === '' ? undefined : v);
    }
  });

  it('counts descendants of a name at every depth', () => {
    const el = root('<r><c/><s><c><c/></c><d><c/></d></s><c/></r>');
    expect(countDescendants(el, 'c')).toBe(5);
    expect(countDescendants(el.children[1], 'c')).toBe(3);
    expect(countDescendants(el, 'x')).toBe(0);
    expect(countDescendants(undefined, 'c')).toBe(0);
  });
});
