import { basename } from 'node:path';
import type { CodeNode } from '../../shared/domain/types.js';
import { QuarryError } from '../../shared/errors.js';
import { codeTree, createCode, requireCodeByPath } from '../../shared/services/codeService.js';
import { applyCoding, passages } from '../../shared/services/codingService.js';
import { findSourceByName } from '../../shared/store/sourcesStore.js';
import type Database from 'better-sqlite3';
import { spanTime } from '../../shared/store/cuesStore.js';
import { flag, int, parse, str } from '../args.js';
import { printJson, type CliIo } from '../io.js';
import { withReadProject, withWriteProject } from '../projectAccess.js';

interface CodeJson {
  name: string;
  path: string;
  color: string;
  description: string;
  references: number;
  children: CodeJson[];
}

const toJson = (n: CodeNode): CodeJson => ({
  name: n.name,
  path: n.path,
  color: n.color,
  description: n.description,
  references: n.references,
  children: n.children.map(toJson),
});

function requireSource(db: Database.Database, project: string, name: string): number {
  const src = findSourceByName(db, name);
  if (!src) throw new QuarryError('not_found', `There is no source “${name}” in ${basename(project)}.`);
  return src.id;
}

export async function cmdCodes(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'add') {
    const p = parse(
      argv.slice(1),
      { color: { type: 'string' }, description: { type: 'string' }, coder: { type: 'string' } },
      { min: 2, max: 2, usage: 'quarry codes add <project> <path> [--color #rrggbb] [--description TEXT]' },
    );
    const [project, path] = p.positionals as [string, string];
    const color = str(p, 'color');
    const description = str(p, 'description');
    await withWriteProject(io, project, str(p, 'coder'), (ctx) =>
      createCode(ctx, { path, ...(color ? { color } : {}), ...(description !== undefined ? { description } : {}) }),
    );
    io.out(`Code ${path} is ready\n`);
    return 0;
  }
  const p = parse(argv, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: 'quarry codes <project> [--json] | quarry codes add …' });
  const tree = withReadProject(io, p.positionals[0]!, (ctx) => codeTree(ctx.project.db));
  if (flag(p, 'json')) printJson(io, tree.map(toJson));
  else {
    const walk = (list: CodeNode[], depth: number) => {
      for (const n of list) {
        io.out(`${'  '.repeat(depth)}${n.name}  (${n.references})\n`);
        walk(n.children, depth + 1);
      }
    };
    walk(tree, 0);
  }
  return 0;
}

export async function cmdCode(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    { coder: { type: 'string' }, json: { type: 'boolean' } },
    { min: 5, max: 5, usage: 'quarry code <project> <source> <start> <end> <code-path> [--coder NAME]' },
  );
  const [project, source, s, e, codePath] = p.positionals as [string, string, string, string, string];
  const start = int(s, 'start');
  const end = int(e, 'end');
  const coding = await withWriteProject(io, project, str(p, 'coder'), (ctx) =>
    applyCoding(ctx, { sourceId: requireSource(ctx.project.db, project, source), start, end, codePath }),
  );
  if (flag(p, 'json')) printJson(io, { source, start: coding.start, end: coding.end, code: codePath, coder: coding.coderName });
  else io.out(`Coded ${source} [${start}, ${end}) at ${codePath}\n`);
  return 0;
}

export function cmdCodings(argv: string[], io: CliIo): number {
  const p = parse(
    argv,
    { code: { type: 'string' }, source: { type: 'string' }, coder: { type: 'string' }, json: { type: 'boolean' } },
    { min: 1, max: 1, usage: 'quarry codings <project> [--code PATH] [--source NAME] [--coder NAME] --json' },
  );
  const project = p.positionals[0]!;
  const rows = withReadProject(io, project, (ctx) => {
    const db = ctx.project.db;
    const code = str(p, 'code');
    const source = str(p, 'source');
    const coder = str(p, 'coder');
    return passages(db, {
      ...(code !== undefined ? { codeId: requireCodeByPath(db, code) } : {}),
      ...(source !== undefined ? { sourceId: requireSource(db, project, source) } : {}),
      ...(coder !== undefined ? { coderName: coder } : {}),
    }).map((r) => ({ ...r, time: spanTime(db, r.sourceId, r.start, r.end) }));
  });
  const out = rows.map((r) => ({ source: r.source, case: r.case, start: r.start, end: r.end, text: r.text, code: r.code, coder: r.coder, time: r.time }));
  if (flag(p, 'json')) printJson(io, out);
  else for (const r of out) io.out(`${r.source} [${r.start},${r.end}) ${r.code} (${r.coder}): ${r.text.replace(/\s+/g, ' ').slice(0, 100)}\n`);
  return 0;
}
