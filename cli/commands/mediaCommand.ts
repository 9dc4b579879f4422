/**
 * quarry media <project> <source> --out FILE | --relink FILE | --transcript FILE:
 * the recording panel's media.export, media.relink and media.attachTranscript.
 */
import { basename } from 'node:path';
import { parse, str } from '../args.js';
import { sourceIdByName } from '../contractLookups.js';
import { readContract, withContract } from '../contractSession.js';
import { requireInputFile } from '../inputFile.js';
import { UsageError, type CliIo } from '../io.js';
import { abs } from '../projectAccess.js';

// `quarry import` of a recording still uses this until it goes through media.importRecording (projectCommands.ts).


export async function cmdMedia(argv: string[], io: CliIo): Promise<number> {
  const usage = 'quarry media <project> <source> --out FILE | --relink FILE | --transcript FILE';
  const p = parse(argv, { out: { type: 'string' }, relink: { type: 'string' }, transcript: { type: 'string' } }, { min: 2, max: 2, usage });
  const [project, source] = p.positionals as [string, string];
  const out = str(p, 'out');
  const relink = str(p, 'relink');
  const transcript = str(p, 'transcript');
  if ([out, relink, transcript].filter((x) => x !== undefined).length !== 1) throw new UsageError(`usage: ${usage}`);
  if (transcript !== undefined) {
    const transcriptPath = requireInputFile(io, transcript);
    const r = await withContract(io, project, { write: true }, async (api) => api.call('media.attachTranscript', { sourceId: await sourceIdByName(api, source), transcriptPath }));
    io.out(`Attached ${basename(transcriptPath)} to “${source}” (${r.characters} characters)${r.warnings.length ? ` — ${r.warnings.join('; ')}` : ''}\n`);
    return 0;
  }
  if (out !== undefined) {
    // Read-only access: the recording is streamed out of the open file, never loaded whole.
    const written = await readContract(io, project, async (api) => api.call('media.export', { sourceId: await sourceIdByName(api, source), path: abs(io, out) }));
    io.out(`Wrote ${written.bytes} bytes (${written.fileName}) to ${written.path}\n`);
    return 0;
  }
  const media = await withContract(io, project, { write: true }, async (api) => api.call('media.relink', { sourceId: await sourceIdByName(api, source), path: abs(io, relink!) }));
  io.out(`Relinked “${source}” to ${media.linkPath}\n`);
  return 0;
}
