/**
 * The Word documents Quarry writes are built only on Word's own built-in
 * styles — Normal, Heading 1–2, Caption, List Bullet, List Number, Quote and
 * the Table Grid table style — defined here under Word's own style ids, so a
 * journal template (or Word's "Style Organizer") restyles an export without
 * any direct formatting to fight. Bullets and numbers are real Word
 * numbering: the List Bullet style carries the numbering itself, exactly as
 * in Word's Normal.dotm.
 */
import {
  AlignmentType,
  Document,
  ImportedXmlComponent,
  LevelFormat,
  Packer,
  PageOrientation,
  Paragraph,
  TextRun,
  type FileChild,
} from 'docx';

export const STYLE = {
  normal: 'Normal',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  caption: 'Caption',
  listBullet: 'ListBullet',
  listNumber: 'ListNumber',
  quote: 'Quote',
  tableGrid: 'TableGrid',
} as const;

const BULLETS = 'quarry-list-bullet';
const NUMBERS = 'quarry-list-number';

/** A4 with 2.54 cm margins, what most journals' templates start from; a landscape table page takes 2 cm, to hold a Table 3 on one page. */
export const PAGE = { width: 11906, height: 16838, margin: 1440, landscapeMargin: 1134 } as const;

export const marginOf = (orientation: Orientation): number => (orientation === 'landscape' ? PAGE.landscapeMargin : PAGE.margin);

export type Orientation = 'portrait' | 'landscape';

/** The width a table can use on a page, in twips. */
export function contentWidth(orientation: Orientation): number {
  return (orientation === 'landscape' ? PAGE.height : PAGE.width) - 2 * marginOf(orientation);
}

const BODY_FONT = 'Calibri';
const HEADING = { color: '000000', bold: true };

/*
 * docx's importedStyles replace its whole initial style sheet, so the parts
 * Word expects in every styles.xml come first: the document defaults (11 pt,
 * 6 pt after paragraphs) and the default character, table and list styles.
 */
const BASE_XML = [
  `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${BODY_FONT}" w:hAnsi="${BODY_FONT}" w:eastAsia="${BODY_FONT}" w:cs="${BODY_FONT}"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`,
  `<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`,
  `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`,
  `<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`,
  // Word's Table Grid: a thin single line on every border, 10 pt text without spacing after paragraphs in cells.
  `<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr><w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`)
    .join('')}</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`,
];

function styles() {
  return {
    paragraphStyles: [
      { id: STYLE.normal, name: 'Normal', quickFormat: true },
      { id: STYLE.heading1, name: 'heading 1', basedOn: STYLE.normal, next: STYLE.normal, quickFormat: true, run: { ...HEADING, size: 32 }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, outlineLevel: 0 } },
      { id: STYLE.heading2, name: 'heading 2', basedOn: STYLE.normal, next: STYLE.normal, quickFormat: true, run: { ...HEADING, size: 26 }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true, outlineLevel: 1 } },
      { id: STYLE.heading3, name: 'heading 3', basedOn: STYLE.normal, next: STYLE.normal, quickFormat: true, run: { ...HEADING, size: 22 }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true, outlineLevel: 2 } },
      { id: STYLE.caption, name: 'caption', basedOn: STYLE.normal, next: STYLE.normal, quickFormat: true, uiPriority: 35, run: { bold: true, size: 20 }, paragraph: { spacing: { before: 120, after: 120 }, keepNext: true } },
      { id: STYLE.listBullet, name: 'List Bullet', basedOn: STYLE.normal, uiPriority: 99, paragraph: { numbering: { reference: BULLETS, level: 0 }, spacing: { after: 40 } } },
      { id: STYLE.listNumber, name: 'List Number', basedOn: STYLE.normal, uiPriority: 99, paragraph: { numbering: { reference: NUMBERS, level: 0 }, spacing: { after: 40 } } },
      { id: STYLE.quote, name: 'Quote', basedOn: STYLE.normal, next: STYLE.normal, quickFormat: true, uiPriority: 29, run: { italics: true }, paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 60, after: 120 } } },
    ],
    importedStyles: BASE_XML.map((xml) => ImportedXmlComponent.fromXmlString(xml)),
  };
}

function numbering() {
  // The level names its paragraph style back (w:pStyle), as Word's own List Bullet does; readers such as mammoth need it.
  const level = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string, style: string) => ({
    level: 0,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { style, paragraph: { indent: { left: 284, hanging: 284 } } },
  });
  return {
    config: [
      { reference: BULLETS, levels: [level(LevelFormat.BULLET, '\u2022', STYLE.listBullet)] },
      { reference: NUMBERS, levels: [level(LevelFormat.DECIMAL, '%1.', STYLE.listNumber)] },
    ],
  };
}

/** The reference a List Number paragraph uses to start its own list (each list counts from 1). */
export const numberedList = (instance: number) => ({ reference: NUMBERS, level: 0, instance });

export interface SectionSpec {
  orientation: Orientation;
  children: FileChild[];
}

export function buildDocument(title: string, sections: SectionSpec[]): Document {
  return new Document({
    title,
    creator: 'Quarry',
    styles: styles(),
    numbering: numbering(),
    sections: sections.map((s) => ({
      properties: {
        page: {
          size: {
            width: PAGE.width,
            height: PAGE.height,
            orientation: s.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: { top: marginOf(s.orientation), bottom: marginOf(s.orientation), left: marginOf(s.orientation), right: marginOf(s.orientation) },
        },
      },
      children: s.children,
    })),
  });
}

export async function packDocx(doc: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

/** Characters XML 1.0 cannot carry; a transcript pasted from elsewhere may hold them. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const cleanText = (text: string): string => text.replace(XML_INVALID, '');

/** Runs for a text that may hold line breaks (a line break stays a line break within the paragraph). */
export function textRuns(text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun[] {
  return cleanText(text)
    .split('\n')
    .map(
      (line, i) =>
        new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}), ...(opts.bold ? { bold: true } : {}), ...(opts.italics ? { italics: true } : {}), ...(opts.size ? { size: opts.size } : {}) }),
    );
}

export function para(text: string, style?: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}): Paragraph {
  return new Paragraph({ ...(style ? { style } : {}), children: textRuns(text, opts) });
}

export const caption = (text: string): Paragraph => para(text, STYLE.caption);
