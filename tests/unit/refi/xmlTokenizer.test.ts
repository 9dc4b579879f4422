/**
 * The one-pass XML reader (xmlTokenizer.ts → parseXmlTree) against the
 * reader it replaced (fast-xml-parser, still what reads a file the tokenizer stops on): on
 * real exports, on hand-written edge cases and on thousands of seeded
 * mutations of them (cut, spliced, doubled, with stray markup), both give
 * the same tree or both refuse the document with the same message.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { parseXmlTree, parseXmlTreeLeniently as parseXmlTreeReference } from '../../../shared/refi/xmlTree.js';
import { mulberry32 } from '../../../shared/seededRandom.js';
import { MAX_XML_DEPTH } from '../../../shared/limits.js';
import { sharedPath } from '../../sharedReference.js';
import { oracleFixtures } from '../../integration/refiOracleFixtures.js';

type Outcome = { tree: unknown } | { error: string };

function outcome(parse: (f: string, x: string, w: string) => unknown, xml: string): Outcome {
  try {
    return { tree: parse('f.qde', xml, 'the project file') };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function same(xml: string): void {
  expect(disagreement(xml)).toBeUndefined();
}

/** Where the two readers disagree on a document, told briefly; undefined when they agree. */
function disagreement(xml: string, original?: string): string | undefined {
  const mine = outcome(parseXmlTree, xml);
  const reference = outcome(parseXmlTreeReference, xml);
  if (JSON.stringify(mine) === JSON.stringify(reference)) return undefined;
  let d = 0;
  if (original !== undefined) while (d < xml.length && xml[d] === original[d]) d++;
  const shown = (o: Outcome): string => ('error' in o ? o.error : 'a tree');
  return `at ${d}: …${JSON.stringify(xml.slice(Math.max(0, d - 60), d + 60))}… → mine: ${shown(mine)}; reference: ${shown(reference)}`;
}

const dec = new TextDecoder();

function realDocuments(): string[] {
  const docs: string[] = [];
  const samples = sharedPath('refi', 'samples');
  if (existsSync(samples)) {
    for (const dir of readdirSync(samples)) {
      for (const f of readdirSync(join(samples, dir))) {
        const bytes = new Uint8Array(readFileSync(join(samples, dir, f)));
        if (/\.(qde|qdc)$/i.test(f)) docs.push(dec.decode(bytes));
        if (/\.qdpx$/i.test(f)) for (const [name, data] of Object.entries(unzipSync(bytes))) if (/\.qde$/i.test(name)) docs.push(dec.decode(data));
      }
    }
  }
  for (const [name, bytes] of Object.entries(oracleFixtures())) {
    if (name.endsWith('.qde')) docs.push(dec.decode(bytes));
    else for (const [entry, data] of Object.entries(unzipSync(bytes))) if (entry.endsWith('.qde')) docs.push(dec.decode(data));
  }
  return docs;
}

const EDGES = [
  '<a x="1 &amp; 2\t3">\n  <b>  </b>\n  text &lt; here <![CDATA[ raw & <stuff> ]]> tail<c/><!-- c --><?pi x?></a>\n',
  `<p:a xmlns:p="u" p:y='q"'><b>&#x1F600;&#55357;&bogus;&#0;</b></p:a>`,
  '<a>\n</a>',
  '<a> <b/> </a>',
  '<a><b>  x  </b><b></b></a>',
  '<?xml version="1.0"?>\n<!-- before --><a/><!-- after -->\n',
  '<a b="1"c="2"/>',
  '<a b="1" b="2"/>',
  '<a b=1/>',
  '<a b/>',
  '<a b="x<y"/>',
  '<a b="x>y"/>',
  '<a><b></a></b>',
  '<a></a><b/>',
  '<a/>trailing',
  '<a></a >',
  '<a></ a>',
  '< a/>',
  '<1a/>',
  '<a-b.c_d/>',
  '<a><![CDATA[x]]]></a>',
  '<a>x<!--y-->z</a>',
  '<a>&am<!---->p;</a>',
  '<a>]]></a>',
  '<a><?pi?></a>',
  '<a>',
  '<a attr="unfinished',
  '<a><!-- unfinished',
  '<?xml version="1.0"?>',
  '<a x="&#x9;&#xA;\n\t"/>',
  '<é ñ="ü">ß</é>',
  '<a>\u{1F600}</a>',
  '<a/ >',
  '<a / >',
  '<a\n  x="1"\n/>',
];

function nested(depth: number, selfClosingLeaf: boolean): string {
  return `${'<d>'.repeat(depth)}${selfClosingLeaf ? '<leaf/>' : ''}${'</d>'.repeat(depth)}`;
}

const JUNK = ['<', '>', '/', '"', "'", '=', '&', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '</a>', '<b>', ' x="1"', '\n', '&amp;', '&#x41;'];

function mutations(doc: string, count: number, seed: number): string[] {
  const rnd = mulberry32(seed);
  const at = (): number => Math.floor(rnd() * (doc.length + 1));
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const p = at();
    switch (k % 4) {
      case 0:
        out.push(doc.slice(0, p));
        break;
      case 1: {
        const q = Math.min(doc.length, p + 1 + Math.floor(rnd() * 40));
        out.push(doc.slice(0, p) + doc.slice(q));
        break;
      }
      case 2:
        out.push(doc.slice(0, p) + JUNK[Math.floor(rnd() * JUNK.length)]! + doc.slice(p));
        break;
      default: {
        const q = Math.min(doc.length, p + Math.floor(rnd() * 80));
        out.push(doc.slice(0, q) + doc.slice(p, q) + doc.slice(q));
      }
    }
  }
  return out;
}

describe('the one-pass XML reader gives what fast-xml-parser gave', () => {
  const docs = realDocuments();

  it('reads every real and synthetic REFI-QDA document to the same tree', () => {
    expect(docs.length).toBeGreaterThan(5);
    for (const doc of docs) same(doc);
  });

  it('agrees on hand-written edge cases, valid and broken', () => {
    for (const doc of EDGES) same(doc);
  });

  it('refuses nesting past the limit exactly where the old reader did', () => {
    for (const depth of [MAX_XML_DEPTH - 1, MAX_XML_DEPTH, MAX_XML_DEPTH + 1, MAX_XML_DEPTH + 2, MAX_XML_DEPTH + 3]) {
      same(nested(depth, false));
      same(nested(depth, true));
    }
  });

  it('agrees on thousands of cut, spliced and corrupted documents', () => {
    const found: string[] = [];
    const check = (m: string, doc: string): void => {
      const d = found.length < 8 ? disagreement(m, doc) : undefined;
      if (d) found.push(d);
    };
    docs.filter((d) => d.length < 60_000).forEach((doc, i) => {
      for (const m of mutations(doc, 80, 1000 + i)) check(m, doc);
    });
    EDGES.forEach((doc, i) => {
      for (const m of mutations(doc, 40, 5000 + i)) check(m, doc);
    });
    expect(found).toEqual([]);
  }, 120_000);
});
