/**
 * `quarry export <project> qdpx --out F.qdpx [--for PEER]` and `quarry export <project> qdc --out F.qdc [--for PEER]`:
 * REFI-QDA exchange files (registered in exportCommand.ts's KINDS), laid out for one peer
 * program (shared/refi/exportProfiles.ts; default: the spec). They are written by the
 * contract's refi.exportQdpx / refi.exportQdc, as in the app: in the worker process,
 * streamed to a temporary name and renamed when complete.
 */
import { EXPORT_PROFILE_IDS, isExportProfileId } from '../../shared/refi/exportProfiles.js';
import { flag, parse, str } from '../args.js';
import { readContract } from '../contractSession.js';
import { printJson, UsageError, wroteLine, type CliIo } from '../io.js';
import { abs } from '../projectAccess.js';

function refiKind(ext: 'qdpx' | 'qdc', method: 'refi.exportQdpx' | 'refi.exportQdc') {
  const usage = `quarry export <project> ${ext} --out F.${ext} [--for ${EXPORT_PROFILE_IDS.join('|')}] [--json]`;
  return async (project: string, argv: string[], io: CliIo): Promise<number> => {
    const p = parse(argv, { out: { type: 'string' }, for: { type: 'string' }, json: { type: 'boolean' } }, { min: 0, max: 0, usage });
    const out = str(p, 'out');
    if (!out) throw new UsageError(`say where to write the file with --out\nusage: ${usage}`);
    if (!out.toLowerCase().endsWith(`.${ext}`)) throw new UsageError(`--out must end in .${ext} (got ${out})\nusage: ${usage}`);
    const wanted = str(p, 'for') ?? 'standard';
    if (!isExportProfileId(wanted)) throw new UsageError(`--for must be one of ${EXPORT_PROFILE_IDS.join(', ')} (got ${wanted})\nusage: ${usage}`);
    const written = await readContract(io, project, (api) => api.call(method, { path: abs(io, out), profile: wanted }));
    if (flag(p, 'json')) printJson(io, { kind: ext, path: written.path, bytes: written.bytes, profile: written.profile, changes: written.changes });
    else {
      io.out(wanted === 'standard' ? wroteLine(out, written.bytes) : wroteLine(out, written.bytes).replace(/\n$/, ` for ${wanted}\n`));
      for (const c of written.changes) io.out(`  ${c.kind}: ${c.detail}\n`);
    }
    return 0;
  };
}

export const exportQdpx = refiKind('qdpx', 'refi.exportQdpx');
export const exportQdc = refiKind('qdc', 'refi.exportQdc');
