/**
 * Documents the XML readers are checked on: the real samples and the
 * oracle's synthetic files, hand-written edge cases, and seeded mutations.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { mulberry32 } from '../../../shared/seededRandom.js';
import { sharedPath } from '../../sharedReference.js';
import { oracleFixtures } from '../../integration/refiOracleFixtures.js';

/** The .qde and .qdc documents of the real samples and the oracle's synthetic files, as bytes. */
export function realDocuments(): Uint8Array[] {
  const docs: Uint8Array[] = [];
  const samples = sharedPath('refi', 'samples');
  if (existsSync(samples)) {
    for (const dir of readdirSync(samples)) {
      for (const f of readdirSync(join(samples, dir))) {
        const bytes = new Uint8Array(readFileSync(join(samples, dir, f)));
        if (/\.(qde|qdc)$/i.test(f)) docs.push(bytes);
        if (/\.qdpx$/i.test(f)) for (const [name, data] of Object.entries(unzipSync(bytes))) if (/\.qde$/i.test(name)) docs.push(data);
      }
    }
  }
  for (const [name, bytes] of Object.entries(oracleFixtures())) {
    if (name.endsWith('.qde')) docs.push(bytes);
    else for (const [entry, data] of Object.entries(unzipSync(bytes))) if (entry.endsWith('.qde')) docs.push(data);
  }
  return docs;
}

export const EDGES = [
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

export function nested(depth: number, selfClosingLeaf: boolean): string {
  return `${'<d>'.repeat(depth)}${selfClosingLeaf ? '<leaf/>' : ''}${'</d>'.repeat(depth)}`;
}

const JUNK = ['<', '>', '/', '"', "'", '=', '&', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '</a>', '<b>', ' x="1"', '\n', '&amp;', '&#x41;'];

/** Seeded mutations of a document: cut, spliced, with stray markup, with a stretch doubled. */
export function mutations(doc: string, count: number, seed: number): string[] {
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

