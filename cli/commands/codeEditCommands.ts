/**
 * Reorganising the code tree from a script, each through its contract method:
 *   quarry codes rename <project> <path> <new-name>          codes.update
 *   quarry codes color <project> <path> (#rrggbb | none)      codes.update
 *   quarry codes move <project> <path> (<new-parent> | --top) codes.move
 *   quarry codes merge <project> <path> <into-path>           codes.merge
 *   quarry codes delete <project> <path>                      codes.delete
 * Each is one undoable step in the app, like the same gesture in the codes panel.
 */
import type { CodeNode } from '../../shared/domain/types.js';
import { displayColor } from '../../shared/domain/codeColor.js';
import { colorSchema } from '../../shared/api/methods/valueSchemas.js';
import { QuarryError } from '../../shared/errors.js';
import { flag, parse, str, type Parsed } from '../args.js';
import { codeByPath } from '../contractLookups.js';
import { withContract, type CliApi } from '../contractSession.js';
import { printJson, UsageError, type CliIo } from '../io.js';

type Edit = (argv: string[], io: CliIo) => Promise<number>;

const OPTIONS = { json: { type: 'boolean' }, coder: { type: 'string' } } as const;

function edit(p: Parsed, io: CliIo, fn: (api: CliApi, path: string) => Promise<unknown>): Promise<unknown> {
  const [project, path] = p.positionals as [string, string];
  return withContract(io, project, { write: true, coder: str(p, 'coder') }, (api) => fn(api, path));
}

/** The code's path as the tree has it after the change. */
async function pathAfter(api: CliApi, id: number): Promise<string> {
  const walk = (nodes: CodeNode[]): string | undefined => {
    for (const n of nodes) {
      if (n.id === id) return n.path;
      const found = walk(n.children);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(await api.call('codes.tree', {})) ?? '';
}

async function renameCode(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, OPTIONS, { min: 3, max: 3, usage: 'quarry codes rename <project> <path> <new-name> [--json]' });
  const path = (await edit(p, io, async (api, old) => {
    const { id } = await codeByPath(api, old);
    await api.call('codes.update', { id, name: p.positionals[2]! });
    return pathAfter(api, id);
  })) as string;
  if (flag(p, 'json')) printJson(io, { path });
  else io.out(`Renamed ${p.positionals[1]} to ${path}\n`);
  return 0;
}

/** "none" takes the colour away: the code has none again (drawn in a palette colour picked by its id, exported without one), as NVivo's "None". */
async function recolour(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, OPTIONS, { min: 3, max: 3, usage: 'quarry codes color <project> <path> (#rrggbb | none) [--json]' });
  const given = p.positionals[2]!;
  const color = given.toLowerCase() === 'none' ? null : given;
  // Checked here so the message names the colour (the contract's own check speaks of its argument).
  if (color !== null && !colorSchema.safeParse(color).success) throw new QuarryError('bad_request', `“${given}” is not a colour; use the form #rrggbb, or none.`);
  let codeId = 0;
  const path = (await edit(p, io, async (api, old) => {
    const { id } = await codeByPath(api, old);
    codeId = id;
    await api.call('codes.update', { id, color });
    return pathAfter(api, id);
  })) as string;
  if (flag(p, 'json')) printJson(io, { path, color: displayColor({ id: codeId, color: color?.toLowerCase() ?? null }), colorChosen: color !== null });
  else io.out(color === null ? `${path} has no colour now\n` : `${path} is coloured ${color.toLowerCase()} now\n`);
  return 0;
}

async function move(argv: string[], io: CliIo): Promise<number> {
  const usage = 'quarry codes move <project> <path> (<new-parent> | --top) [--json]';
  const p = parse(argv, { ...OPTIONS, top: { type: 'boolean' } }, { min: 2, max: 3, usage });
  const parent = p.positionals[2];
  if ((parent === undefined) !== flag(p, 'top')) throw new UsageError(`say where to: a parent code's path, or --top for the top level\nusage: ${usage}`);
  const path = (await edit(p, io, async (api, old) => {
    const { id } = await codeByPath(api, old);
    await api.call('codes.move', { id, parentId: parent === undefined ? null : (await codeByPath(api, parent)).id });
    return pathAfter(api, id);
  })) as string;
  if (flag(p, 'json')) printJson(io, { path });
  else io.out(`Moved ${p.positionals[1]} to ${path}\n`);
  return 0;
}

async function merge(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, OPTIONS, { min: 3, max: 3, usage: 'quarry codes merge <project> <path> <into-path> [--json]' });
  const into = p.positionals[2]!;
  const r = (await edit(p, io, async (api, path) => api.call('codes.merge', { from: (await codeByPath(api, path)).id, into: (await codeByPath(api, into)).id }))) as {
    moved: number;
    collapsed: number;
  };
  if (flag(p, 'json')) printJson(io, r);
  else io.out(`Merged ${p.positionals[1]} into ${into}: ${r.moved} coding${r.moved === 1 ? '' : 's'} moved, ${r.collapsed} already there\n`);
  return 0;
}

async function remove(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, OPTIONS, { min: 2, max: 2, usage: 'quarry codes delete <project> <path> [--json]' });
  const r = (await edit(p, io, async (api, path) => api.call('codes.delete', { id: (await codeByPath(api, path)).id }))) as { codes: number; codings: number };
  if (flag(p, 'json')) printJson(io, r);
  else io.out(`Deleted ${p.positionals[1]}: ${r.codes} code${r.codes === 1 ? '' : 's'} and ${r.codings} coding${r.codings === 1 ? '' : 's'}\n`);
  return 0;
}

export const CODE_EDITS: Record<string, Edit> = { rename: renameCode, color: recolour, move, merge, delete: remove };
