/**
 * REFI-QDA export: the neutral model → a .qdpx package (project.qde plus one
 * UTF-8 text file per source under sources/). Output is deterministic: the
 * same model always gives the same bytes (fixed entry order and timestamps).
 *
 * The package is produced as a stream: project.qde is compressed piece by
 * piece as the XML is written (native zlib, on a thread beside the writer:
 * chunkedDeflate.ts), and the zip's bytes are handed to `write` as
 * they come, so neither the whole XML nor the whole package is ever held in
 * memory (a project with a million codings has an XML of several hundred
 * megabytes).
 */
import { Zip, ZipPassThrough } from 'fflate';
import { DeflatePool } from './chunkedDeflate.js';
import { DeflatedZipEntry } from './deflatedZipEntry.js';
import type { RefiProject } from './refiModel.js';
import { serializeProject, serializeStreamTo, type SerializeOptions, type SourceProgress } from './qdeSerializer.js';
import { streamOfModel, type RefiExportStream } from './refiExportStream.js';

export { writeQdc } from './qdcWriter.js';

/** DOS timestamps are local time; building the date from local parts keeps the bytes independent of the time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** Writes the package of a model in memory to `write`, in order, a piece at a time. */
export function writeQdpxTo(project: RefiProject, write: (bytes: Uint8Array) => void, options: SerializeOptions = {}): void {
  writeQdpxStreamTo(streamOfModel(project), write, options);
}

/**
 * Writes the package to `write`, in order, a piece at a time, reading each
 * source's text and selections only while it is written (refiExportStream.ts).
 * A problem found on the way (ExportCheck) throws part-way: callers write to
 * a temporary file that is placed only when the package is complete.
 */
export function writeQdpxStreamTo(stream: RefiExportStream, write: (bytes: Uint8Array) => void, options: SerializeOptions = {}, progress?: SourceProgress): void {
  const { project } = stream;
  const zip = new Zip((err, data) => {
    if (err) throw err;
    write(data);
  });
  const pool = new DeflatePool();
  try {
    const qde = new DeflatedZipEntry('project.qde', FIXED_MTIME, pool);
    zip.add(qde);
    const files = serializeStreamTo(stream, (text) => qde.pushText(text), options, progress);
    qde.finish();
    for (const [name, text] of files) {
      const entry = new DeflatedZipEntry(name, FIXED_MTIME, pool);
      zip.add(entry);
      entry.pushText(text);
      entry.finish();
    }
    // Recordings are already compressed (or, as WAV, barely compressible): stored as they are.
    // A recording goes in a piece at a time (never whole in memory).
    for (const src of project.sources) {
      const rec = src.recording;
      if (!rec || (!rec.bytes && !rec.pieces)) continue;
      const entry = new ZipPassThrough(`sources/${src.guid.toLowerCase()}.${rec.ext}`);
      entry.mtime = FIXED_MTIME;
      zip.add(entry);
      if (rec.pieces) for (const piece of rec.pieces()) entry.push(piece);
      else entry.push(rec.bytes!);
      entry.push(new Uint8Array(0), true);
    }
    zip.end();
  } finally {
    pool.close();
  }
}

/** The whole package in memory (tests, small projects). */
export function writeQdpx(project: RefiProject, options: SerializeOptions = {}): Uint8Array {
  return writeQdpxStream(streamOfModel(project), options);
}

/** The whole package of a stream in memory (a download in browser mode hands it over whole). */
export function writeQdpxStream(stream: RefiExportStream, options: SerializeOptions = {}): Uint8Array {
  const pieces: Uint8Array[] = [];
  writeQdpxStreamTo(stream, (bytes) => pieces.push(bytes), options);
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The project.qde text alone, e.g. for validating against the XSD. */
export function writeQde(project: RefiProject, options: SerializeOptions = {}): string {
  return serializeProject(project, options).qde;
}
