/**
 * `quarry export <project> qdpx --out F.qdpx [--for PEER]` and `quarry export <project> qdc --out F.qdc [--for PEER]`:
 * REFI-QDA exchange files (registered in exportCommand.ts's KINDS), laid
 * out for one peer program (shared/refi/exportProfiles.ts; default: the spec).
 */
import type Database from 'better-sqlite3';
import type { ExportChange } from '../../shared/refi/applyExportProfile.js';
import { EXPORT_PROFILE_IDS, isExportProfileId, type ExportProfileId } from '../../shared/refi/exportProfiles.js';
import { exportQdcForProfile, exportQdpxForProfile, writeFileAtomically } from '../../shared/services/refiService.js';
import { flag, parse, str } from '../args.js';
import { printJson, UsageError, type CliIo } from '../io.js';
import { abs, withReadProject } from '../projectAccess.js';

/** Writes the file to `target`; its size and what the peer will drop or see changed. */
type WriteKind = (db: Database.Database, target: string, profile: ExportProfileId) => { bytes: number; changes: ExportChange[] };

function refiKind(ext: 'qdpx' | 'qdc', write: WriteKind) {
  const usage = `quarry export <project> ${ext} --out F.${ext} [--for ${EXPORT_PROFILE_IDS.join('|')}] [--json]`;
  return (project: string, argv: string[], io: CliIo): number => {
    const p = parse(argv, { out: { type: 'string' }, for: { type: 'string' }, json: { type: 'boolean' } }, { min: 0, max: 0, usage });
    const out = str(p, 'out');
    if (!out) throw new UsageError(`say where to write the file with --out\nusage: ${usage}`);
    if (!out.toLowerCase().endsWith(`.${ext}`)) throw new UsageError(`--out must end in .${ext} (got ${out})\nusage: ${usage}`);
    const wanted = str(p, 'for') ?? 'standard';
    if (!isExportProfileId(wanted)) throw new UsageError(`--for must be one of ${EXPORT_PROFILE_IDS.join(', ')} (got ${wanted})\nusage: ${usage}`);
    const target = abs(io, out);
    const { bytes, changes } = withReadProject(io, project, (ctx) => write(ctx.project.db, target, wanted));
    if (flag(p, 'json')) printJson(io, { kind: ext, path: target, bytes, profile: wanted, changes });
    else {
      io.out(`Wrote ${out} (${Math.max(1, Math.round(bytes / 1024))} KB)${wanted === 'standard' ? '' : ` for ${wanted}`}\n`);
      for (const c of changes) io.out(`  ${c.kind}: ${c.detail}\n`);
    }
    return 0;
  };
}

// The package is streamed to the file, never whole in memory.
export const exportQdpx = refiKind('qdpx', (db, target, profile) => exportQdpxForProfile(db, target, profile));
export const exportQdc = refiKind('qdc', (db, target, profile) => {
  const { text, changes } = exportQdcForProfile(db, profile);
  const bytes = new TextEncoder().encode(text);
  writeFileAtomically(target, bytes);
  return { bytes: bytes.length, changes };
});
