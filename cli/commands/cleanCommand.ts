import { flag, parse, str } from '../args.js';
import { withoutProject } from '../contractSession.js';
import { printJson, type CliIo } from '../io.js';
import { abs } from '../projectAccess.js';

const rows = (n: number): string => `${n} row${n === 1 ? '' : 's'}`;

/** quarry clean: the CLI's "Open a cleaned copy" (project.openCleanedCopy) — a new project with the file's data and none of its foreign schema. */
export async function cmdClean(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { out: { type: 'string' }, json: { type: 'boolean' } }, { min: 1, max: 1, usage: 'quarry clean <project> [--out FILE] [--json]' });
  const from = p.positionals[0]!;
  const out = str(p, 'out');
  const { cleaned: report } = await withoutProject(io, from, (api) => api.call('project.openCleanedCopy', { path: abs(io, from), ...(out ? { target: abs(io, out) } : {}) }));
  if (flag(p, 'json')) {
    printJson(io, report);
    return 0;
  }
  io.out(`Wrote ${report.path}\n`);
  for (const t of report.tables) {
    if (t.copied === 0 && t.skipped === 0 && !t.problem) continue;
    io.out(`  ${t.name}: ${rows(t.copied)}${t.skipped ? `, ${t.skipped} refused` : ''}${t.problem ? ` (${t.problem})` : ''}\n`);
  }
  if (report.leftOut.length) io.out(`Left out:\n${report.leftOut.map((x) => `  ${x}\n`).join('')}`);
  io.out(`${report.from} was not changed.\n`);
  return 0;
}
