/** quarry demo <path.quarry>: the demo study built by project.openDemo, as a new project at the path given. */
import { parse } from '../args.js';
import { withoutProject } from '../contractSession.js';
import type { CliIo } from '../io.js';
import { abs } from '../projectAccess.js';

export async function cmdDemo(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, {}, { min: 1, max: 1, usage: 'quarry demo <path.quarry>' });
  const target = p.positionals[0]!;
  const info = await withoutProject(io, target, (api) => api.call('project.openDemo', { path: abs(io, target) }));
  io.out(`Built the demo study at ${info.path}: ${info.counts.sources} sources, ${info.counts.cases} cases, ${info.counts.codings} codings\n`);
  return 0;
}
