/**
 * One export from request to bytes: load the model from the project, write
 * it as Word or CSV, suggest a file name; or save it atomically to a path.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { writeFileAtomic } from '../fsx/atomicWrite.js';
import { jobCheckpoint, jobProgress } from '../jobs/jobContext.js';
import { classificationTableToCsv } from './classificationCsv.js';
import { classificationTableToDocx } from './classificationDocx.js';
import { codebookToDocx } from './codebookDocx.js';
import { suggestedFileName } from './exportFileName.js';
import { EXPORT_FORMATS, formatOfPath, MIME_TYPES, type ExportFormat, type ExportModel } from './exportModels.js';
import type { ExportedFile, ExportRequest } from './exportRequest.js';
import { frameworkTableToDocx } from './frameworkDocx.js';
import { loadClassificationTable } from './loadClassification.js';
import { loadCodebook } from './loadCodebook.js';
import { loadFrameworkTable, loadMatrixTable } from './loadQueryModels.js';
import { loadQuotesReport } from './loadQuotes.js';
import { matrixTableToCsv } from './matrixCsv.js';
import { matrixTableToDocx } from './matrixDocx.js';
import { quotesReportToCsv } from './quotesCsv.js';
import { quotesReportToDocx } from './quotesDocx.js';

const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: V }));

export function loadExportModel(db: Database.Database, req: ExportRequest): ExportModel {
  switch (req.kind) {
    case 'framework':
      return { kind: 'framework', model: loadFrameworkTable(db, { name: req.name, ...opt('caption', req.caption), ...opt('quotes', req.quotes), ...opt('labelTemplate', req.labelTemplate) }) };
    case 'matrix':
      return {
        kind: 'matrix',
        model: loadMatrixTable(db, {
          rows: req.rows,
          cols: req.cols,
          ...opt('colCodes', req.colCodes),
          ...opt('rowCodes', req.rowCodes),
          ...opt('measure', req.measure),
          ...opt('coder', req.coder),
          ...opt('filter', req.filter),
          ...opt('caption', req.caption),
          ...opt('rowHeader', req.rowHeader),
          ...opt('note', req.note),
        }),
      };
    case 'cases':
      return {
        kind: 'cases',
        model: loadClassificationTable(db, { ...opt('groupBy', req.groupBy), ...opt('attributes', req.attributes), ...opt('filter', req.filter), ...opt('caption', req.caption) }),
      };
    case 'codebook':
      return { kind: 'codebook', model: loadCodebook(db, { ...opt('examples', req.examples), ...opt('labelTemplate', req.labelTemplate), ...opt('guide', req.guide), ...opt('title', req.title) }) };
    case 'quotes':
      return {
        kind: 'quotes',
        model: loadQuotesReport(db, {
          codes: req.codes,
          ...opt('labelTemplate', req.labelTemplate),
          ...opt('order', req.order),
          ...opt('memos', req.memos),
          ...opt('includeChildren', req.includeChildren),
          ...opt('bySubcode', req.bySubcode),
          ...opt('coder', req.coder),
          ...opt('filter', req.filter),
          ...opt('title', req.title),
        }),
      };
  }
}

function checkFormat(kind: ExportModel['kind'], format: ExportFormat): void {
  if (!EXPORT_FORMATS[kind].includes(format)) {
    throw new QuarryError('bad_request', `A ${kind} export can be saved as ${EXPORT_FORMATS[kind].map((f) => `.${f}`).join(' or ')}, not .${format}.`);
  }
}

const orientationOf = (req: ExportRequest) => ('orientation' in req && req.orientation ? { orientation: req.orientation } : {});

/** Writes a loaded model in the request's format. */
export async function renderExport(model: ExportModel, req: ExportRequest): Promise<Uint8Array | string> {
  checkFormat(model.kind, req.format);
  switch (model.kind) {
    case 'framework':
      return frameworkTableToDocx(model.model, orientationOf(req));
    case 'matrix': {
      if (req.format === 'csv') return matrixTableToCsv(model.model);
      const m = req.kind === 'matrix' ? req : undefined;
      return matrixTableToDocx(model.model, { ...orientationOf(req), ...opt('rowPercentages', m?.rowPercentages), ...opt('shading', m?.shading), ...opt('style', m?.style) });
    }
    case 'cases':
      if (req.format === 'csv') return classificationTableToCsv(model.model, req.kind === 'cases' && req.rawNumbers ? { rawNumbers: true } : {});
      return classificationTableToDocx(model.model, orientationOf(req));
    case 'codebook':
      return codebookToDocx(model.model);
    case 'quotes':
      return req.format === 'csv' ? quotesReportToCsv(model.model) : quotesReportToDocx(model.model);
  }
}

export async function exportFile(db: Database.Database, req: ExportRequest): Promise<ExportedFile> {
  jobProgress(0, 2, 'Reading the project');
  await jobCheckpoint();
  const model = loadExportModel(db, req);
  jobProgress(1, 2, 'Writing the document');
  await jobCheckpoint();
  const content = await renderExport(model, req);
  await jobCheckpoint();
  return {
    fileName: suggestedFileName(model, req.format),
    mimeType: MIME_TYPES[req.format],
    bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  };
}

/** Writes a loaded model to `path` atomically; returns the file's size. */
export async function writeExportFile(model: ExportModel, req: ExportRequest, path: string): Promise<number> {
  let size = 0;
  await writeFileAtomic(path, async () => {
    jobProgress(1, 2, 'Writing the document');
    await jobCheckpoint();
    const content = await renderExport(model, req);
    // Cancelled while the document was being built: nothing has been written yet, and nothing will be.
    await jobCheckpoint();
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    size = bytes.length;
    return bytes;
  });
  return size;
}

/** Exports to a file atomically: nothing is written unless the whole document was built and flushed. */
export async function saveExport(db: Database.Database, req: ExportRequest, path: string): Promise<{ path: string; bytes: number }> {
  const fmt = formatOfPath(path);
  if (fmt !== req.format) throw new QuarryError('bad_request', `The file name must end in .${req.format} for this export (it is ${path.split(/[\\/]/).pop()}).`);
  // The model is read now, in one go; the document is built and written after.
  jobProgress(0, 2, 'Reading the project');
  await jobCheckpoint();
  const size = await writeExportFile(loadExportModel(db, req), req, path);
  return { path, bytes: size };
}
