#!/usr/bin/env node
// Builds a demo transcript .docx from a plain-text draft: the first line
// becomes a Heading 1, lines "TABLE: a<TAB>b" become a two-column table, every
// other non-empty line a paragraph. Used once to make the demo study's .docx
// transcripts: node scripts/make-demo-docx.mjs draft.txt out.docx
import { readFileSync, writeFileSync } from 'node:fs';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';

const [, , input, output] = process.argv;
if (!input || !output) {
  console.error('usage: make-demo-docx.mjs draft.txt out.docx');
  process.exit(2);
}
const lines = readFileSync(input, 'utf8').replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim() !== '');
const children = [];
let tableRows = [];
const flushTable = () => {
  if (tableRows.length === 0) return;
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: tableRows.map(
        (cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
      ),
    }),
  );
  tableRows = [];
};
lines.forEach((line, i) => {
  if (line.startsWith('TABLE: ')) {
    tableRows.push(line.slice('TABLE: '.length).split('\t'));
    return;
  }
  flushTable();
  children.push(i === 0 ? new Paragraph({ text: line, heading: HeadingLevel.HEADING_1 }) : new Paragraph(line));
});
flushTable();
const doc = new Document({ creator: 'Quarry demo study', sections: [{ children }] });
writeFileSync(output, await Packer.toBuffer(doc));
