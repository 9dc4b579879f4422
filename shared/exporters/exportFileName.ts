/**
 * The file name an export suggests: its caption or title, made safe on
 * every platform. Pure, so the export dialog can offer it to the save dialog.
 */
import type { ExportFormat, ExportModel } from './exportModels.js';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

const FALLBACK = { framework: 'Framework matrix', matrix: 'Matrix coding query', cases: 'Case classification', codebook: 'Codebook', quotes: 'Coded passages' } as const;

export function suggestedFileName(model: ExportModel, format: ExportFormat): string {
  const base = model.kind === 'codebook' || model.kind === 'quotes' ? model.model.title : model.model.caption;
  const clean = (base || FALLBACK[model.kind]).replace(UNSAFE, ' ').replace(/\s+/g, ' ').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 120).trim();
  return `${clean || FALLBACK[model.kind]}.${format}`;
}
