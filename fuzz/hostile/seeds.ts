/**
 * Valid files of every kind Quarry reads, generated (nothing from disk):
 * the starting points that the mutations damage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { exportQdcText, exportQdpxBytes } from '../../shared/services/refiService.js';
import { applyCoding } from '../../shared/services/codingService.js';
import { mutate } from '../../shared/services/context.js';
import { storeDocument } from '../../shared/services/sourceService.js';
import { u8, zip } from './zipTools.js';

export type SeedKind = 'txt' | 'md' | 'docx' | 'pdf' | 'csv' | 'qdpx' | 'qde' | 'qdc';

export const TRANSCRIPT = 'Interviewer: How did the meetings start?\nRespondent: Through the cluster manager, who invited us.\nInterviewer: And trust?\nRespondent: It grew slowly.\n';

export function docxDocumentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

export function docxParagraphs(lines: string[]): string {
  return lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`).join('');
}

export const DOCX_CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
export const DOCX_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A minimal Word document (the parts mammoth needs) with `documentXml` as its body part. */
export function docxWith(documentXml: string | Uint8Array, extra: Record<string, Uint8Array | string> = {}): Uint8Array {
  return zip({ '[Content_Types].xml': DOCX_CONTENT_TYPES, '_rels/.rels': DOCX_RELS, 'word/document.xml': documentXml, ...extra });
}

/** A one-page PDF with a text layer (standard Helvetica, no embedded font), xref offsets computed. */
export function minimalPdf(lines: string[], pageCount = 1): Uint8Array {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${esc(l)}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [3 0 R] /Count ${pageCount} >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return u8(out);
}

export const CSV = 'Case,Age,Role,Region\nP1,34,Entrepreneur,North\nP2,51,Intermediary,South\n"P3, the third",29,Entrepreneur,"North"\n';

/** A small project exported as REFI-QDA: .qdpx, its .qde, and a .qdc codebook. */
function refiSeeds(): { qdpx: Uint8Array; qde: Uint8Array; qdc: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-fuzz-seed-'));
  const project = ProjectDb.create(join(dir, 'seed.quarry'));
  try {
    const ctx = { project, coderName: 'Seed Coder' };
    const id = mutate(ctx, 'Seed', (db) => storeDocument(db, ctx.coderName, { name: 'Interview 1', text: TRANSCRIPT, originName: 'i1.txt', originType: 'txt', encoding: 'utf-8', warnings: [] }).id);
    applyCoding(ctx, { sourceId: id, start: 13, end: 40, codePath: 'Beginnings/Invitation' });
    applyCoding(ctx, { sourceId: id, start: 90, end: 110, codePath: 'Trust' });
    const qdpx = exportQdpxBytes(project.db);
    const files = unzipSync(qdpx);
    const qdeName = Object.keys(files).find((n) => n.endsWith('.qde'))!;
    return { qdpx, qde: files[qdeName]!, qdc: u8(exportQdcText(project.db)) };
  } finally {
    project.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function buildSeeds(): Record<SeedKind, Uint8Array> {
  const refi = refiSeeds();
  return {
    txt: u8(TRANSCRIPT),
    md: u8(`# Interview 2\n\n## Opening\n\n${TRANSCRIPT}`),
    docx: docxWith(docxDocumentXml(docxParagraphs(TRANSCRIPT.trim().split('\n')))),
    pdf: minimalPdf(TRANSCRIPT.trim().split('\n')),
    csv: u8(CSV),
    ...refi,
  };
}
