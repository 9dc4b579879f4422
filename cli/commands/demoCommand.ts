import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { parse } from '../args.js';
import type { CliIo } from '../io.js';
import { abs } from '../projectAccess.js';

export async function cmdDemo(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, {}, { min: 1, max: 1, usage: 'quarry demo <path.quarry>' });
  const path = abs(io, p.positionals[0]!);
  const summary = await buildDemoProject(path, { overwrite: false });
  io.out(`Built the demo study at ${path}: ${summary.sources} sources, ${summary.cases} cases, ${summary.codings} codings\n`);
  return 0;
}
