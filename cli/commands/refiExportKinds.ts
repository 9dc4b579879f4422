/**
 * `quarry export <project> qdpx --out F.qdpx` and `quarry export <project> qdc --out F.qdc`:
 * REFI-QDA exchange files (registered in exportCommand.ts's KINDS).
 */
import { exportQdcText, exportQdpxBytes, writeFileAtomically } from '../../shared/services/refiService.js';
import { flag, parse, str } from '../args.js';
import { printJson, UsageError, type CliIo } from '../io.js';
import { abs, withReadProject } from '../projectAccess.js';

function refiKind(ext: 'qdpx' | 'qdc', build: (db: Parameters<typeof exportQdpxBytes>[0]) => Uint8Array | string) {
  const usage = `quarry export <project> ${ext} --out F.${ext} [--json]`;
  return (project: string, argv: string[], io: CliIo): number => {
    const p = parse(argv, { out: { type: 'string' }, json: { type: 'boolean' } }, { min: 0, max: 0, usage });
    const out = str(p, 'out');
    if (!out) throw new UsageError(`say where to write the file with --out\nusage: ${usage}`);
    if (!out.toLowerCase().endsWith(`.${ext}`)) throw new UsageError(`--out must end in .${ext} (got ${out})\nusage: ${usage}`);
    const data = withReadProject(io, project, (ctx) => build(ctx.project.db));
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const target = abs(io, out);
    writeFileAtomically(target, bytes);
    if (flag(p, 'json')) printJson(io, { kind: ext, path: target, bytes: bytes.length });
    else io.out(`Wrote ${out} (${Math.max(1, Math.round(bytes.length / 1024))} KB)\n`);
    return 0;
  };
}

export const exportQdpx = refiKind('qdpx', exportQdpxBytes);
export const exportQdc = refiKind('qdc', exportQdcText);
