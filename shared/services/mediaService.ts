/**
 * Recordings: importing one (alone or with its transcript), describing it,
 * reading it back in pieces, writing it out, and relinking a linked one
 * that has moved.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { SourceMedia, TimedLine } from '../domain/mediaTypes.js';
import type { ImportResultItem } from '../domain/types.js';
import { QuarryError } from '../errors.js';
import { importDocument, type ImportedDocument } from '../importers/importDocument.js';
import { splitFileName } from '../importers/importLimits.js';
import { jobCheckpoint, jobProgress } from '../jobs/jobContext.js';
import { mutateInSteps } from '../jobs/mutateInSteps.js';
import { MAX_EMBEDDED_MEDIA_BYTES, MEDIA_CHUNK_BYTES } from '../limits.js';
import { withFileSource } from '../media/byteSources.js';
import { fileChunks, linkedFilePresent, linkPathFor, resolveLinkPath, sha256OfFile } from '../media/mediaFiles.js';
import { writePiecesAtomic } from '../fsx/atomicWrite.js';
import { isMediaExtension, type MediaExtension, type MediaProbe } from '../media/mediaTypes.js';
import { probeMedia } from '../media/probeMedia.js';
import { cuesForSource, insertCues } from '../store/cuesStore.js';
import { codePointLength } from '../text/positions.js';
import { getMedia, insertMedia, insertMediaChunk, listMedia, mediaChunks, setMediaHash, setMediaLink, setTranscriptText, type MediaRow } from '../store/mediaStore.js';
import { getSource, getSourceText } from '../store/sourcesStore.js';
import { mutate, type ServiceContext } from './context.js';
import { contentHash, storeDocument } from './sourceService.js';

export interface RecordingImport {
  /** The recording on disk (a path: recordings are read in pieces, never whole). */
  mediaPath: string;
  /** Its transcript, if any: a .vtt, .srt, or a .txt/.docx with timestamps. */
  transcript?: { fileName: string; bytes: Uint8Array };
  caseFromFileName?: boolean;
  /** Recordings above this size are linked, not stored (default MAX_EMBEDDED_MEDIA_BYTES; tests lower it). */
  maxEmbedBytes?: number;
}

function statMedia(path: string): { base: string; ext: MediaExtension; size: number } {
  const { base, ext } = splitFileName(path);
  if (!isMediaExtension(ext)) {
    throw new QuarryError('invalid_input', `${base}: Quarry cannot import .${ext || '(no extension)'} recordings; supported types are .mp3, .m4a, .aac, .wav, .ogg, .opus, .mp4 and .webm`, { file: base, extension: ext });
  }
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new QuarryError('invalid_input', `${base}: not a file (is it a folder?)`, { file: base });
    return { base, ext, size: st.size };
  } catch (err) {
    if (err instanceof QuarryError) throw err;
    throw new QuarryError('invalid_input', `${base}: no such file`, { file: base });
  }
}

/** Reads the recording's headers (and the transcript, checked against its length) before anything is written. */
async function prepare(args: RecordingImport): Promise<{ base: string; size: number; probe: MediaProbe; doc: ImportedDocument }> {
  const { base, ext, size } = statMedia(args.mediaPath);
  const probe = withFileSource(args.mediaPath, (src) => probeMedia(base, ext, src));
  let doc: ImportedDocument;
  if (args.transcript) {
    doc = await importDocument(args.transcript.fileName, args.transcript.bytes, { recordingMs: probe.durationMs });
    if (!doc.cues) {
      throw new QuarryError('invalid_input', `${splitFileName(args.transcript.fileName).base}: this transcript has no times, so it cannot be played with the recording`, { file: args.transcript.fileName });
    }
    doc = { ...doc, name: splitFileName(base).stem };
  } else {
    doc = { name: splitFileName(base).stem, text: '', originName: base, originType: 'txt', encoding: 'utf-8', warnings: [] };
  }
  return { base, size, probe, doc };
}

/**
 * Imports one recording as a source: its transcript's text and cue times
 * (or no text yet), the recording's description, and its bytes in pieces
 * inside the same transaction — or, above the embedding limit, a link.
 * One undo step; a failure or Cancel leaves the project as it was.
 */
export async function importRecording(ctx: ServiceContext, args: RecordingImport): Promise<ImportResultItem> {
  const { base, size, probe, doc } = await prepare(args);
  const embedded = size <= (args.maxEmbedBytes ?? MAX_EMBEDDED_MEDIA_BYTES);
  const stored = await mutateInSteps(ctx, 'Import recording', async (db) => {
    const s = storeDocument(db, ctx.coderName, doc, { caseFromFileName: args.caseFromFileName ?? false });
    const linkPath = embedded ? null : linkPathFor(ctx.project.path, args.mediaPath);
    insertMedia(db, { sourceId: s.id, kind: probe.kind, mime: probe.mime, fileName: base, durationMs: probe.durationMs, bytes: size, sha256: '0'.repeat(64), embedded, linkPath });
    const hash = createHash('sha256');
    let seq = 0;
    let written = 0;
    for await (const piece of fileChunks(args.mediaPath)) {
      hash.update(piece);
      if (embedded) insertMediaChunk(db, s.id, seq, piece);
      seq++;
      written += piece.length;
      jobProgress(Math.round(written / MEDIA_CHUNK_BYTES), Math.ceil(size / MEDIA_CHUNK_BYTES), 'Storing the recording (MB)');
      await jobCheckpoint();
    }
    if (written !== size) throw new QuarryError('invalid_input', `${base}: the file changed while it was being imported; try again`, { file: base });
    setMediaHash(db, s.id, hash.digest('hex'));
    return s;
  });
  return { file: base, status: 'imported', name: stored.name, sourceId: stored.id, characters: stored.characters, warnings: doc.warnings };
}

function describe(projectPath: string, m: MediaRow): SourceMedia {
  return {
    kind: m.kind,
    mime: m.mime,
    fileName: m.fileName,
    durationMs: m.durationMs,
    bytes: m.bytes,
    embedded: m.embedded,
    linkPath: m.linkPath,
    missing: !m.embedded && !linkedFilePresent(projectPath, m.linkPath!, m.bytes),
  };
}

export function sourceMedia(db: Database.Database, projectPath: string, sourceId: number): SourceMedia | null {
  const m = getMedia(db, sourceId);
  return m ? describe(projectPath, m) : null;
}

export function mediaBySource(db: Database.Database, projectPath: string): Map<number, SourceMedia> {
  return new Map(listMedia(db).map((m) => [m.sourceId, describe(projectPath, m)]));
}

export function timedLines(db: Database.Database, sourceId: number): TimedLine[] {
  return cuesForSource(db, sourceId);
}

function requireMedia(db: Database.Database, sourceId: number): MediaRow {
  const src = getSource(db, sourceId);
  if (!src) throw new QuarryError('not_found', 'That source no longer exists.');
  const m = getMedia(db, sourceId);
  if (!m) throw new QuarryError('not_found', `“${src.name}” has no recording.`);
  return m;
}

/** The recording's bytes [first, last] (inclusive), in pieces; a linked one is read from its file. */
export async function* readMediaRange(db: Database.Database, projectPath: string, sourceId: number, first = 0, last?: number): AsyncGenerator<Uint8Array> {
  const m = requireMedia(db, sourceId);
  const end = Math.min(last ?? m.bytes - 1, m.bytes - 1);
  if (first > end) return;
  if (!m.embedded) {
    const path = resolveLinkPath(projectPath, m.linkPath!);
    if (!linkedFilePresent(projectPath, m.linkPath!, m.bytes)) {
      throw new QuarryError('not_found', `The recording of “${getSource(db, sourceId)!.name}” is missing: ${m.linkPath} is not there any more. Relink it to where the file now is.`, { linkPath: m.linkPath });
    }
    yield* createReadStream(path, { start: first, end, highWaterMark: MEDIA_CHUNK_BYTES }) as AsyncIterable<Buffer>;
    return;
  }
  for (const { seq, bytes } of mediaChunks(db, sourceId, Math.floor(first / MEDIA_CHUNK_BYTES), Math.floor(end / MEDIA_CHUNK_BYTES))) {
    const at = seq * MEDIA_CHUNK_BYTES;
    yield bytes.subarray(Math.max(0, first - at), Math.min(bytes.length, end - at + 1));
  }
}

/** Writes the recording to `target` (whole, through a temporary file). */
export async function writeMediaFile(db: Database.Database, projectPath: string, sourceId: number, target: string): Promise<{ bytes: number; fileName: string }> {
  const m = requireMedia(db, sourceId);
  const bytes = await writePiecesAtomic(target, readMediaRange(db, projectPath, sourceId), { what: 'the recording' });
  return { bytes, fileName: m.fileName };
}

/** Points a linked recording at its file's new place; refused when that file is a different recording. */
export async function relinkMedia(ctx: ServiceContext, sourceId: number, newPath: string): Promise<SourceMedia> {
  const m = requireMedia(ctx.project.db, sourceId);
  if (m.embedded) throw new QuarryError('conflict', 'This recording is stored inside the project; there is nothing to relink.');
  const { base, size } = statMedia(newPath);
  if (size !== m.bytes || (await sha256OfFile(newPath)) !== m.sha256) {
    throw new QuarryError('invalid_input', `${base} is not the same recording as ${m.fileName} (its contents differ); pick the file that was imported`, { file: base });
  }
  mutate(ctx, 'Relink recording', (db) => setMediaLink(db, sourceId, linkPathFor(ctx.project.path, newPath)));
  return sourceMedia(ctx.project.db, ctx.project.path, sourceId)!;
}

/** Attaches a timed transcript to a recording imported without one (checked against its length). One undo step. */
export async function attachTranscript(ctx: ServiceContext, sourceId: number, transcript: { fileName: string; bytes: Uint8Array }): Promise<{ characters: number; warnings: string[] }> {
  const m = requireMedia(ctx.project.db, sourceId);
  const name = getSource(ctx.project.db, sourceId)!.name;
  if ((getSourceText(ctx.project.db, sourceId) ?? '') !== '') {
    throw new QuarryError('conflict', `“${name}” already has its transcript; import the new one as a recording of its own.`);
  }
  const doc = await importDocument(transcript.fileName, transcript.bytes, { recordingMs: m.durationMs });
  if (!doc.cues) throw new QuarryError('invalid_input', `${splitFileName(transcript.fileName).base}: this transcript has no times, so it cannot be played with the recording`, { file: transcript.fileName });
  const characters = codePointLength(doc.text);
  mutate(ctx, 'Attach transcript', (db) => {
    setTranscriptText(db, sourceId, doc.text, characters, contentHash(doc.text));
    insertCues(db, sourceId, doc.cues!);
  });
  return { characters, warnings: doc.warnings };
}

/** A recording ready to be served: its type and size, and its bytes by range. */
export interface MediaStream {
  mime: string;
  size: number;
  read(start: number, end: number): AsyncIterable<Uint8Array>;
}

/** The open project's recording of a source, for the media URL of either shell; refused clearly when missing. */
export function openMediaStream(ctx: ServiceContext, sourceId: number): MediaStream {
  const { db, path } = ctx.project;
  const m = requireMedia(db, sourceId);
  if (!m.embedded && !linkedFilePresent(path, m.linkPath!, m.bytes)) {
    throw new QuarryError('not_found', `The recording is missing: ${m.linkPath} is not there any more. Relink it to where the file now is.`, { linkPath: m.linkPath });
  }
  return { mime: m.mime, size: m.bytes, read: (start, end) => readMediaRange(db, path, sourceId, start, end) };
}
