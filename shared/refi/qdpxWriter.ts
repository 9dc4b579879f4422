/**
 * REFI-QDA export: the neutral model → a .qdpx package (project.qde plus one
 * UTF-8 text file per source under sources/). Output is deterministic: the
 * same model always gives the same bytes (fixed entry order and timestamps).
 */
import { zipSync, type Zippable } from 'fflate';
import type { RefiProject } from './refiModel.js';
import { validateForExport } from './refiExportCheck.js';
import { serializeProject } from './qdeSerializer.js';

export { writeQdc } from './qdcWriter.js';

/** DOS timestamps are local time; building the date from local parts keeps the bytes independent of the time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export function writeQdpx(project: RefiProject): Uint8Array {
  validateForExport(project);
  const { qde, files } = serializeProject(project);
  const encoder = new TextEncoder();
  const entries: Zippable = { 'project.qde': encoder.encode(qde) };
  for (const [name, text] of files) entries[name] = encoder.encode(text);
  // Recordings are already compressed (or, as WAV, barely compressible): stored as they are.
  for (const src of project.sources) if (src.recording?.bytes) entries[`sources/${src.guid.toLowerCase()}.${src.recording.ext}`] = [src.recording.bytes, { level: 0 }];
  return zipSync(entries, { level: 6, mtime: FIXED_MTIME });
}

/** The project.qde text alone, e.g. for validating against the XSD. */
export function writeQde(project: RefiProject): string {
  validateForExport(project);
  return serializeProject(project).qde;
}
