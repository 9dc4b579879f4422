/**
 * Reads a generated .docx back for assertions: the body's top-level
 * paragraphs and tables, each paragraph with its style and text.
 */
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';

export interface DocxParagraph {
  style: string;
  text: string;
  /** Has its own numbering (w:numPr), beyond what its style gives. */
  ownNumbering: boolean;
}
export interface DocxCell {
  paragraphs: DocxParagraph[];
  fill: string | null;
  span: number;
}
export interface DocxTable {
  style: string;
  rows: DocxCell[][];
}
export type DocxBlock = { type: 'p'; p: DocxParagraph } | { type: 'table'; table: DocxTable } | { type: 'sectPr'; orientation: string };

export interface DocxInspection {
  parts: Record<string, string>;
  blocks: DocxBlock[];
  tables: DocxTable[];
  paragraphs: DocxParagraph[];
  /** Orientation of each section, in order. */
  sections: string[];
}

type Node = Record<string, unknown>;
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@', trimValues: false });

const tag = (n: Node): string => Object.keys(n).find((k) => k !== ':@') ?? '';
const kids = (n: Node): Node[] => (n[tag(n)] as Node[]) ?? [];
const attr = (n: Node, name: string): string | undefined => (n[':@'] as Record<string, string> | undefined)?.[`@${name}`];
const find = (list: Node[], name: string): Node | undefined => list.find((k) => tag(k) === name);

function textOf(n: Node): string {
  const t = tag(n);
  if (t === '#text') return String(n['#text']);
  if (t === 'w:br') return '\n';
  if (t === 'w:tab') return '\t';
  if (t === 'w:noBreakHyphen') return '-';
  return kids(n).map(textOf).join('');
}

function paragraph(p: Node): DocxParagraph {
  const pPr = find(kids(p), 'w:pPr');
  const style = pPr ? attr(find(kids(pPr), 'w:pStyle') ?? {}, 'w:val') : undefined;
  return {
    style: style ?? 'Normal',
    text: kids(p).filter((k) => tag(k) !== 'w:pPr').map(textOf).join(''),
    ownNumbering: pPr ? find(kids(pPr), 'w:numPr') !== undefined : false,
  };
}

function table(t: Node): DocxTable {
  const tblPr = find(kids(t), 'w:tblPr');
  const style = tblPr ? (attr(find(kids(tblPr), 'w:tblStyle') ?? {}, 'w:val') ?? '') : '';
  const rows = kids(t)
    .filter((k) => tag(k) === 'w:tr')
    .map((tr) =>
      kids(tr)
        .filter((k) => tag(k) === 'w:tc')
        .map((tc) => {
          const tcPr = find(kids(tc), 'w:tcPr');
          const shd = tcPr ? find(kids(tcPr), 'w:shd') : undefined;
          const span = tcPr ? find(kids(tcPr), 'w:gridSpan') : undefined;
          return {
            paragraphs: kids(tc).filter((k) => tag(k) === 'w:p').map(paragraph),
            fill: shd ? (attr(shd, 'w:fill') ?? null) : null,
            span: span ? Number(attr(span, 'w:val')) : 1,
          };
        }),
    );
  return { style, rows };
}

export function inspectDocx(bytes: Uint8Array): DocxInspection {
  const files = unzipSync(bytes);
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) if (name.endsWith('.xml') || name.endsWith('.rels')) parts[name] = strFromU8(data);
  const doc = parser.parse(parts['word/document.xml']!) as Node[];
  const body = kids(find(kids(find(doc, 'w:document')!), 'w:body')!);
  const blocks: DocxBlock[] = [];
  const sections: string[] = [];
  const sectOrientation = (s: Node) => attr(find(kids(s), 'w:pgSz') ?? {}, 'w:orient') ?? 'portrait';
  for (const n of body) {
    const t = tag(n);
    if (t === 'w:p') {
      const pPr = find(kids(n), 'w:pPr');
      const sect = pPr ? find(kids(pPr), 'w:sectPr') : undefined;
      if (sect) sections.push(sectOrientation(sect));
      blocks.push({ type: 'p', p: paragraph(n) });
    } else if (t === 'w:tbl') blocks.push({ type: 'table', table: table(n) });
    else if (t === 'w:sectPr') sections.push(sectOrientation(n));
  }
  return {
    parts,
    blocks,
    sections,
    tables: blocks.flatMap((b) => (b.type === 'table' ? [b.table] : [])),
    paragraphs: blocks.flatMap((b) => (b.type === 'p' ? [b.p] : [])),
  };
}

export const cellText = (c: DocxCell): string => c.paragraphs.map((p) => p.text).join('\n');
export const bulletCount = (c: DocxCell): number => c.paragraphs.filter((p) => p.style === 'ListBullet').length;

/** The style ids defined in styles.xml, with their display names. */
export function definedStyles(parts: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of parts['word/styles.xml']!.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>\s*<w:name w:val="([^"]+)"/g)) out.set(m[1]!, m[2]!);
  return out;
}
