/**
 * The coded passages report: a heading per code, then each passage as a
 * block quote (Word's Quote style) with its attribution, optionally followed
 * by the coders' memos. Built for speed — one pass, no per-passage lookups —
 * because a report of a thousand passages should take well under a second.
 */
import { Paragraph, TextRun } from 'docx';
import type { QuotesReport } from './exportModels.js';
import { buildDocument, packDocx, para, STYLE, textRuns, type SectionSpec } from './docxStyles.js';
import { quoteParagraph } from './frameworkDocx.js';

const MEMO_INDENT = 720;

function memoParagraph(text: string): Paragraph {
  return new Paragraph({
    indent: { left: MEMO_INDENT, right: MEMO_INDENT },
    spacing: { before: 0, after: 160 },
    children: [new TextRun({ text: 'Memo: ', bold: true, size: 20 }), ...textRuns(text, { size: 20 })],
  });
}

export function quotesSections(report: QuotesReport): SectionSpec[] {
  const children: SectionSpec['children'] = [para(report.title, STYLE.heading1)];
  const total = report.sections.reduce((n, s) => n + s.passages.length, 0);
  const scope = report.scope ? ` ${report.scope}.` : '';
  children.push(para(`${total} passage${total === 1 ? '' : 's'} at ${report.sections.length} code${report.sections.length === 1 ? '' : 's'}, ordered by ${report.order}.${scope}`));
  for (const s of report.sections) {
    children.push(para(s.code, STYLE.heading2));
    if (s.description) children.push(para(s.description, undefined, { italics: true }));
    for (const m of s.memos) children.push(memoParagraph(m));
    if (s.passages.length === 0) children.push(para('No passages are coded here.'));
    let group: string | undefined;
    for (const p of s.passages) {
      // Grouped by sub-code: a short heading (the sub-code's own name) where each group starts.
      if (p.subcode && p.subcode !== group) children.push(para(p.subcode, STYLE.heading3));
      group = p.subcode;
      children.push(quoteParagraph(p.text, p.attribution));
      for (const m of p.memos) children.push(memoParagraph(m));
    }
  }
  return [{ orientation: 'portrait', children }];
}

export function quotesReportToDocx(report: QuotesReport): Promise<Uint8Array> {
  return packDocx(buildDocument(report.title, quotesSections(report)));
}
