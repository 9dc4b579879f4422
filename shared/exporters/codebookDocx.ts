/**
 * The codebook as a Word document: the code hierarchy as a table (code,
 * description with an optional example passage, references, sources), and
 * the interview guide as a table like Table 2 of seed 000 when the project
 * holds one — a row per group of participants with its numbered questions.
 */
import { AlignmentType, Paragraph } from 'docx';
import type { Codebook, InterviewGuide } from './exportModels.js';
import { buildDocument, caption, numberedList, packDocx, para, STYLE, textRuns, type SectionSpec } from './docxStyles.js';
import { columnWidths, gridTable, textCell, widthsByContent, type CellSpec } from './docxTables.js';
import { quoteParagraph } from './frameworkDocx.js';

const INDENT = 284;

const rightCell = (text: string, bold = false): CellSpec => ({
  children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: textRuns(text, { bold }) })],
});

function codeTable(book: Codebook) {
  const widths = widthsByContent(
    [
      // The code column wraps long names rather than squeezing the descriptions.
      { header: 'Code', texts: book.codes.map((c) => c.name.slice(0, 28)), extra: Math.max(0, ...book.codes.map((c) => c.depth)) * INDENT },
      { header: 'Description', texts: book.codes.map((c) => `${c.description} ${c.example?.text ?? ''}`) },
      { header: 'References', texts: book.codes.map((c) => String(c.references)) },
      { header: 'Sources', texts: book.codes.map((c) => String(c.sources)) },
    ],
    'portrait',
  );
  const header = [textCell('Code', { bold: true }), textCell('Description', { bold: true }), textCell('References', { bold: true }), textCell('Sources', { bold: true })];
  const body: CellSpec[][] = book.codes.map((c) => [
    { children: [new Paragraph({ indent: { left: c.depth * INDENT }, children: textRuns(c.name, { bold: c.depth === 0 }) })] },
    {
      children: [
        para(c.description),
        ...(c.example ? [quoteParagraph(c.example.text, c.example.attribution, 0)] : []),
      ],
    },
    rightCell(String(c.references)),
    rightCell(String(c.sources)),
  ]);
  return gridTable(header, body, widths);
}

export function guideTable(guide: InterviewGuide) {
  const widths = columnWidths(2, 'portrait', 0.22);
  const header = [textCell('Type', { bold: true }), textCell('Questions', { bold: true })];
  const body: CellSpec[][] = guide.groups.map((g, i) => [
    textCell(g.label),
    // Each group's questions are their own list, numbered from 1.
    { children: g.questions.length ? g.questions.map((q) => new Paragraph({ style: STYLE.listNumber, numbering: numberedList(i + 1), children: textRuns(q) })) : [para('')] },
  ]);
  return gridTable(header, body, widths);
}

export function codebookSections(book: Codebook): SectionSpec[] {
  const children: SectionSpec['children'] = [para(book.title, STYLE.heading1)];
  if (book.codes.length === 0) children.push(para('The project has no codes yet.'));
  else children.push(caption('Codes, with the references and sources coded at each'), codeTable(book));
  const guide = book.guide;
  if (guide) {
    children.push(para(guide.title, STYLE.heading1), ...guide.intro.map((p) => para(p)));
    if (guide.groups.length) children.push(caption(`${guide.title}: questions by participant group`), guideTable(guide));
  }
  return [{ orientation: 'portrait', children }];
}

export function codebookToDocx(book: Codebook): Promise<Uint8Array> {
  return packDocx(buildDocument(book.title, codebookSections(book)));
}
