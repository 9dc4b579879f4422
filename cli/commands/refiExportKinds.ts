/**
 * `quarry export <project> qdpx --out F.qdpx` and `quarry export <project> qdc --out F.qdc`:
 * REFI-QDA exchange files (registered in exportCommand.ts's KINDS). They are written
 * by the contract's refi.exportQdpx / refi.exportQdc, as in the app: in the worker
 * process, streamed to a temporary name and renamed when complete.
 */
import { flag, parse, str } from '../args.js';
import { readContract } from '../contractSession.js';
import { printJson, UsageError, wroteLine, type CliIo } from '../io.js';
import { abs } from '../projectAccess.js';

function refiKind(ext: 'qdpx' | 'qdc', method: 'refi.exportQdpx' | 'refi.exportQdc') {
  const usage = `quarry export <project> ${ext} --out F.${ext} [--json]`;
  return async (project: string, argv: string[], io: CliIo): Promise<number> => {
    const p = parse(argv, { out: { type: 'string' }, json: { type: 'boolean' } }, { min: 0, max: 0, usage });
    const out = str(p, 'out');
    if (!out) throw new UsageError(`say where to write the file with --out\nusage: ${usage}`);
    if (!out.toLowerCase().endsWith(`.${ext}`)) throw new UsageError(`--out must end in .${ext} (got ${out})\nusage: ${usage}`);
    const written = await readContract(io, project, (api) => api.call(method, { path: abs(io, out) }));
    if (flag(p, 'json')) printJson(io, { kind: ext, path: written.path, bytes: written.bytes });
    else io.out(wroteLine(out, written.bytes));
    return 0;
  };
}

export const exportQdpx = refiKind('qdpx', 'refi.exportQdpx');
export const exportQdc = refiKind('qdc', 'refi.exportQdc');
