import { z } from 'zod';
import type { SourceMedia, TimedLine } from '../../domain/mediaTypes.js';
import type { ImportResultItem } from '../../domain/types.js';
import { jobId } from '../../jobs/jobArg.js';
import { method } from '../defineMethod.js';

const sourceId = z.number().int().positive();
const path = z.string().trim().min(1);

export const mediaMethods = {
  /**
   * Imports a recording (and optionally its timed transcript) from files on
   * this machine. Paths, not bytes: a recording may be gigabytes and is read
   * in pieces; the desktop app and browser mode both pick files on the
   * machine that runs the core.
   */
  'media.importRecording': method<ImportResultItem>()(
    z.object({ mediaPath: path, transcriptPath: path.optional(), caseFromFileName: z.boolean().optional(), jobId }),
    { mutates: true, affects: ['sources', 'cases', 'media', 'project', 'history'], long: true },
  ),
  /** A source's recording (null when it has none) and its timed lines (empty for untimed text). */
  'media.get': method<{ media: SourceMedia | null; lines: TimedLine[] }>()(z.object({ sourceId }), { reads: (a) => [`media:${a.sourceId}`] }),
  /** Points a linked recording that has moved at its new place (refused for a different file). */
  'media.relink': method<SourceMedia>()(z.object({ sourceId, path }), { mutates: true, affects: (a) => [`media:${a.sourceId}`, 'history'] }),
  /** Attaches a timed transcript (a file on this machine) to a recording imported without one. */
  'media.attachTranscript': method<{ characters: number; warnings: string[] }>()(z.object({ sourceId, transcriptPath: path }), { mutates: true, affects: (a) => [`text:${a.sourceId}`, `codings:${a.sourceId}`, `sources:${a.sourceId}`, `media:${a.sourceId}`, 'counts', 'project', 'history'] }),
  /** Writes the recording's bytes to a file; `fileName` is the recording's own name. */
  'media.export': method<{ path: string; bytes: number; fileName: string }>()(z.object({ sourceId, path })),
} as const;
