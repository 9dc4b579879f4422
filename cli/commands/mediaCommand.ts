import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportResultItem } from '../../shared/domain/types.js';
import { QuarryError } from '../../shared/errors.js';
import { splitFileName } from '../../shared/importers/importLimits.js';
import { isMediaExtension } from '../../shared/media/mediaTypes.js';
import { attachTranscript, importRecording, relinkMedia, writeMediaFile } from '../../shared/services/mediaService.js';
import type { ServiceContext } from '../../shared/services/context.js';
import { findSourceByName } from '../../shared/store/sourcesStore.js';
import { parse, str } from '../args.js';
import { UsageError, type CliIo } from '../io.js';
import { abs, withReadProjectAsync, withWriteProject } from '../projectAccess.js';

export const isRecordingPath = (path: string): boolean => isMediaExtension(splitFileName(path).ext);

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

function requireSourceId(ctx: ServiceContext, project: string, name: string): number {
  const src = findSourceByName(ctx.project.db, name);
  if (!src) throw new QuarryError('not_found', `There is no source “${name}” in ${basename(project)}.`);
  return src.id;
}

/** quarry media <project> <source> --out FILE | --relink FILE | --transcript FILE */
export async function cmdMedia(argv: string[], io: CliIo): Promise<number> {
  const usage = 'quarry media <project> <source> --out FILE | --relink FILE | --transcript FILE';
  const p = parse(argv, { out: { type: 'string' }, relink: { type: 'string' }, transcript: { type: 'string' } }, { min: 2, max: 2, usage });
  const [project, source] = p.positionals as [string, string];
  const out = str(p, 'out');
  const relink = str(p, 'relink');
  const transcript = str(p, 'transcript');
  if ([out, relink, transcript].filter((x) => x !== undefined).length !== 1) throw new UsageError(`usage: ${usage}`);
  if (transcript !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(abs(io, transcript)));
    } catch {
      throw new QuarryError('invalid_input', `${transcript}: no such file`, { file: basename(transcript) });
    }
    const r = await withWriteProject(io, project, undefined, (ctx) => attachTranscript(ctx, requireSourceId(ctx, project, source), { fileName: basename(transcript), bytes }));
    io.out(`Attached ${basename(transcript)} to “${source}” (${r.characters} characters)${r.warnings.length ? ` — ${r.warnings.join('; ')}` : ''}\n`);
    return 0;
  }
  if (out !== undefined) {
    const target = abs(io, out);
    // Read-only access: the recording is streamed out of the open file, never loaded whole.
    const written = await withReadProjectAsync(io, project, (ctx) => writeMediaFile(ctx.project.db, ctx.project.path, requireSourceId(ctx, project, source), target));
    io.out(`Wrote ${written.bytes} bytes (${written.fileName}) to ${target}\n`);
    return 0;
  }
  const media = await withWriteProject(io, project, undefined, (ctx) => relinkMedia(ctx, requireSourceId(ctx, project, source), abs(io, relink!)));
  io.out(`Relinked “${source}” to ${media.linkPath}\n`);
  return 0;
}
