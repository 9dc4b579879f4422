/**
 * The one-pass XML reader (xmlTokenizer.ts → parseXmlTree) against the
 * reader it replaced (fast-xml-parser, still what reads a file the tokenizer stops on): on
 * real exports, on hand-written edge cases and on thousands of seeded
 * mutations of them (cut, spliced, doubled, with stray markup), both give
 * the same tree or both refuse the document with the same message.
 */
import { describe, expect, it } from 'vitest';
import { parseXmlTree, parseXmlTreeLeniently as parseXmlTreeReference } from '../../../shared/refi/xmlTree.js';
import { MAX_XML_DEPTH } from '../../../shared/limits.js';
import { EDGES, mutations, nested, realDocuments } from './xmlCorpus.js';

const dec = new TextDecoder();

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

describe('the one-pass XML reader gives what fast-xml-parser gave', () => {
  const docs = realDocuments().map((d) => dec.decode(d));

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
