/**
 * Working with co-authors from the command line:
 *   quarry import-qdpx <file.qdpx|file.qde> <new-project.quarry> [--json] [--strict]
 *   quarry merge <project> <other.quarry> [--json]
 *   quarry agreement <project> --coders A,B [--code PATH]... [--source NAME]... [--exclude-uncoded] [--alpha-coders A,B,C] [--json]
 *
 * Each calls the contract method the app's dialog calls: refi.importProject (in the
 * worker process), merge.apply (the other file read in a reader process) and
 * agreement.compare.
 */
import { basename } from 'node:path';
import type { AgreementResult } from '../../shared/domain/agreementTypes.js';
import { flag, list, parse, str } from '../args.js';
import { codeByPath, sourceIdByName } from '../contractLookups.js';
import { readContract, withContract, withoutProject } from '../contractSession.js';
import { requireInputFile } from '../inputFile.js';
import { printJson, UsageError, type CliIo } from '../io.js';
import { abs } from '../projectAccess.js';

const IMPORT_USAGE = 'quarry import-qdpx <file.qdpx|file.qde> <new-project.quarry> [--json] [--strict]';

export async function cmdImportQdpx(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { json: { type: 'boolean' }, strict: { type: 'boolean' } }, { min: 2, max: 2, usage: IMPORT_USAGE });
  const [file, target] = p.positionals as [string, string];
  const path = abs(io, target);
  if (!/\.quarry$/i.test(path)) throw new UsageError(`the new project's name must end in .quarry (got ${target})\nusage: ${IMPORT_USAGE}`);
  const filePath = requireInputFile(io, file);
  // Without --strict the import goes ahead and lists what it left out; --strict refuses instead.
  const { report } = await withoutProject(io, target, (api) => api.call('refi.importProject', { filePath, path, acceptLosses: !flag(p, 'strict') }));
  const skipped = report.skipped.map((s) => ({ kind: s.kind, ...(s.name !== undefined ? { name: s.name } : {}), reason: s.reason }));
  if (flag(p, 'json')) {
    printJson(io, { sources: report.sources, codes: report.codes, codings: report.codings, cases: report.cases, notes: report.notes, skipped, positionUnit: report.positionUnit });
    io.err(`position unit: ${report.positionUnit} (${report.positionUnitReason})\n`);
    for (const w of report.warnings) io.err(`warning: ${w}\n`);
    return 0;
  }
  io.out(
    `Created ${target} from ${basename(file)}: ${report.sources} sources, ${report.codes} codes, ${report.codings} codings, ${report.cases} cases, ${report.notes} notes\n` +
      `Text positions read as ${report.positionUnit === 'utf16' ? 'UTF-16 code units' : 'code points'}: ${report.positionUnitReason}\n`,
  );
  for (const w of report.warnings) io.out(`Note: ${w}\n`);
  if (skipped.length > 0) {
    io.out(`Not imported (${skipped.length}):\n`);
    for (const s of skipped) io.out(`  ${s.kind}${s.name ? ` “${s.name}”` : ''}: ${s.reason}\n`);
  }
  return 0;
}

const MERGE_USAGE = 'quarry merge <project> <other.quarry> [--json]';

export async function cmdMerge(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { json: { type: 'boolean' }, coder: { type: 'string' } }, { min: 2, max: 2, usage: MERGE_USAGE });
  const [project, other] = p.positionals as [string, string];
  // Non-interactive: every conflict takes its default (keep both where possible, else keep mine).
  const r = await withContract(io, project, { write: true, coder: str(p, 'coder') }, (api) => api.call('merge.apply', { path: abs(io, other) }));
  const conflicts = r.conflicts.map((c) => ({ id: c.id, kind: c.kind, subject: c.subject, mine: c.mine, theirs: c.theirs, resolution: r.decisions[c.id], means: c.explain[r.decisions[c.id]!] }));
  if (flag(p, 'json')) {
    const { decisions: _d, conflicts: _c, otherFileHash: _h, ...summary } = r;
    printJson(io, { ...summary, conflicts });
    return 0;
  }
  if (r.nothingToDo) {
    io.out(`Nothing to merge: everything in ${basename(other)} is already in the project.\n`);
    return 0;
  }
  io.out(
    `Merged ${basename(other)}: ${r.sources.added.length} sources, ${r.codes.added.length} codes, ${r.codings.added} codings, ${r.memos.added} memos, ` +
      `${r.cases.added.length} cases, ${r.values.added} attribute values added (${r.codings.alreadyPresent} codings were already there)\n`,
  );
  if (r.classifications.added.length + r.caseTree.nested + r.caseTree.classified + r.sourceValues.added > 0) {
    io.out(
      `Classifications added: ${r.classifications.added.join(', ') || 'none'}; ${r.caseTree.nested} cases nested, ${r.caseTree.classified} classified; ` +
        `${r.sourceValues.added} source attribute values added\n`,
    );
  }
  const sets = [...r.itemSets.added, ...r.itemSets.extended.map((x) => `${x} (members added)`)];
  if (sets.length > 0) io.out(`Source and code sets: ${sets.join(', ')}${r.itemSets.membersNotImported > 0 ? ` (${r.itemSets.membersNotImported} members not brought in)` : ''}\n`);
  if (r.recordings.added.length > 0) io.out(`Recordings added: ${r.recordings.added.join(', ')} (${r.timedLines.added} timed transcript lines)\n`);
  for (const c of conflicts) io.out(`Conflict (${c.kind}) ${c.subject}: ${c.means}\n`);
  if (r.skipped.length > 0) io.out(`Left out (${r.skipped.length}), as they do not fit:\n`);
  for (const s of r.skipped) io.out(`  ${s.kind}${s.name ? ` “${s.name}”` : ''}: ${s.reason}\n`);
  return 0;
}

const AGREEMENT_USAGE = 'quarry agreement <project> --coders A,B [--code PATH]... [--source NAME]... [--exclude-uncoded] [--alpha-coders A,B,C] [--json]';

const round = (x: number | null, digits: number): number | null => (x === null ? null : Number(x.toFixed(digits)));

function agreementJson(r: AgreementResult) {
  const cell = (c: { percentAgreement: number | null; kappa: number | null; agreeBoth: number; onlyA: number; onlyB: number; neither: number }) => ({
    percentAgreement: round(c.percentAgreement, 4),
    kappa: round(c.kappa, 4),
    agreeBoth: c.agreeBoth,
    onlyA: c.onlyA,
    onlyB: c.onlyB,
    neither: c.neither,
  });
  return {
    unit: r.unit,
    percentAgreement: round(r.percentAgreement, 4),
    kappa: round(r.kappa, 4),
    alpha: round(r.alpha, 4),
    perCode: r.perCode.map((c) => ({
      code: c.code,
      ...cell(c),
      alpha: round(c.alpha, 4),
      sources: r.perCodeSource.filter((s) => s.codeId === c.codeId).map((s) => ({ source: s.source, ...cell(s) })),
    })),
    coders: [r.coderA, r.coderB],
    alphaCoders: r.alphaCoders,
    excludeUncoded: r.excludeUncoded,
    comparedSources: r.comparedSources.map((s) => s.name),
  };
}

const pct = (x: number | null): string => (x === null ? '—' : `${x.toFixed(2)}%`);
const num = (x: number | null): string => (x === null ? '—' : x.toFixed(3));

export async function cmdAgreement(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    {
      coders: { type: 'string' },
      code: { type: 'string', multiple: true },
      source: { type: 'string', multiple: true },
      'exclude-uncoded': { type: 'boolean' },
      'alpha-coders': { type: 'string' },
      json: { type: 'boolean' },
    },
    { min: 1, max: 1, usage: AGREEMENT_USAGE },
  );
  const coders = (str(p, 'coders') ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  if (coders.length !== 2) throw new UsageError(`name the two coders to compare with --coders A,B\nusage: ${AGREEMENT_USAGE}`);
  const alphaCoders = (str(p, 'alpha-coders') ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const project = p.positionals[0]!;
  const r = await readContract(io, project, async (api) => {
    const sourceIds: number[] = [];
    for (const name of list(p, 'source')) sourceIds.push(await sourceIdByName(api, name));
    const codeIds: number[] = [];
    for (const path of list(p, 'code')) codeIds.push((await codeByPath(api, path)).id);
    return api.call('agreement.compare', {
      coderA: coders[0]!,
      coderB: coders[1]!,
      ...(codeIds.length ? { codeIds } : {}),
      ...(sourceIds.length ? { sourceIds } : {}),
      excludeUncoded: flag(p, 'exclude-uncoded'),
      ...(alphaCoders.length ? { alphaCoders } : {}),
    });
  });
  if (flag(p, 'json')) {
    printJson(io, agreementJson(r));
    return 0;
  }
  io.out(
    `Coding comparison: ${r.coderA} (A) and ${r.coderB} (B); unit: ${r.unitLabel}${r.excludeUncoded ? ', text neither coded excluded' : ''}\n` +
      `Sources compared: ${r.comparedSources.map((s) => s.name).join(', ') || 'none (the two coders never coded the same source)'}\n` +
      `Pooled: agreement ${pct(r.percentAgreement)}, Cohen's kappa ${num(r.kappa)}, Krippendorff's alpha ${num(r.alpha)} (${r.alphaCoders.join(', ')})\n\n`,
  );
  io.out('Code\tAgreement\tKappa\tAlpha\tBoth\tOnly A\tOnly B\n');
  for (const c of r.perCode) io.out(`${c.code}\t${pct(c.percentAgreement)}\t${num(c.kappa)}\t${num(c.alpha)}\t${c.agreeBoth}\t${c.onlyA}\t${c.onlyB}\n`);
  return 0;
}
