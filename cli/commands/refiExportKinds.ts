/**
 * `quarry export <project> qdpx --out F.qdpx` and `quarry export <project> qdc --out F.qdc`:
 * REFI-QDA exchange files (registered in exportCommand.ts's KINDS).
 */
import type Database from 'better-sqlite3';
import { exportQdcText, exportQdpxFile, writeFileAtomically } from '../../shared/services/refiService.js';
import { flag, parse, str } from '../args.js';
import { printJson, UsageError, type CliIo } from '../io.js';
import { abs, withReadProject } from '../projectAccess.js';

/** Writes the file to `target` and returns its size. */
type WriteKind = (db: Database.Database, target: string) => number;

function refiKind(ext: 'qdpx' | 'qdc', write: WriteKind) {
  const usage = `quarry export <project> ${ext} --out F.${ext} [--json]`;
  return (project: string, argv: string[], io: CliIo): number => {
    const p = parse(argv, { out: { type: 'string' }, json: { type: 'boolean' } }, { min: 0, max: 0, usage });
    const out = str(p, 'out');
    if (!out) throw new UsageError(`say where to write the file with --out\nusage: ${usage}`);
    if (!out.toLowerCase().endsWith(`.${ext}`)) throw new UsageError(`--out must end in .${ext} (got ${out})\nusage: ${usage}`);
    const target = abs(io, out);
    const bytes = withReadProject(io, project, (ctx) => write(ctx.project.db, target));
    if (flag(p, 'json')) printJson(io, { kind: ext, path: target, bytes });
    else io.out(`Wrote ${out} (${Math.max(1, Math.round(bytes / 1024))} KB)\n`);
    return 0;
  };
}

// The package is streamed to the file, never whole in memory.
export const exportQdpx = refiKind('qdpx', (db, target) => exportQdpxFile(db, target));
export const exportQdc = refiKind('qdc', (db, target) => {
  const bytes = new TextEncoder().encode(exportQdcText(db));
  writeFileAtomically(target, bytes);
  return bytes.length;
});
