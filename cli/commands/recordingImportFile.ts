/**
 * One recording of a `quarry import` batch, through the media service: kept only for
 * projectCommands.ts's import until that command goes through the contract
 * (media.importRecording) — then this file goes.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportResultItem } from '../../shared/domain/types.js';
import { QuarryError } from '../../shared/errors.js';
import { importRecording } from '../../shared/services/mediaService.js';
import type { ServiceContext } from '../../shared/services/context.js';
import type { CliIo } from '../io.js';
import { abs } from '../projectAccess.js';

/** One recording of an import batch; its own transaction, and a refusal is that file's skipped result. */
export async function importRecordingFile(ctx: ServiceContext, io: CliIo, mediaPath: string, transcriptPath: string | undefined, caseFromFileName: boolean): Promise<ImportResultItem> {
  try {
    let transcript: { fileName: string; bytes: Uint8Array } | undefined;
    if (transcriptPath !== undefined) {
      try {
        transcript = { fileName: basename(transcriptPath), bytes: new Uint8Array(readFileSync(abs(io, transcriptPath))) };
      } catch {
        throw new QuarryError('invalid_input', `${transcriptPath}: no such file`, { file: basename(transcriptPath) });
      }
    }
    return await importRecording(ctx, { mediaPath: abs(io, mediaPath), ...(transcript ? { transcript } : {}), caseFromFileName });
  } catch (err) {
    if (!(err instanceof QuarryError) || err.code === 'internal') throw err;
    return { file: basename(mediaPath), status: 'skipped', reason: err.message };
  }
}
