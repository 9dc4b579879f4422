import { basename } from 'node:path';
import type { CodeNode } from '../../shared/domain/types.js';
import { QuarryError } from '../../shared/errors.js';
import { colorSchema } from '../../shared/api/methods/valueSchemas.js';
import { displayColor } from '../../shared/domain/codeColor.js';
import { flag, int, parse, str } from '../args.js';
import { printJson, type CliIo } from '../io.js';
import { codeByPath, sourceIdByName } from '../contractLookups.js';
import { readContract, withContract } from '../contractSession.js';
import { passageTimes } from './passageTimes.js';
import { CODE_EDITS } from './codeEditCommands.js';

interface CodeJson {
  name: string;
  path: string;
  /** The colour the code is drawn in: its own, or the one Quarry picks by its id when it has none (then colorChosen is false). */
  color: string;
  /** False when the code has no colour of its own (added with nullable colours; `color` kept its meaning of a drawable colour). */
  colorChosen: boolean;
  description: string;
  /** Passages at this code by the coders in view (queries/references.ts). */
  references: number;
  /** Passages at this code or any descendant, merged. */
  aggregateReferences: number;
  /** Coding rows at this code by the coders in view. */
  codings: number;
  children: CodeJson[];
}

const toJson = (n: CodeNode): CodeJson => ({
  name: n.name,
  path: n.path,
  color: displayColor(n),
  colorChosen: n.color !== null,
  description: n.description,
  references: n.references,
  aggregateReferences: n.aggregateReferences,
  codings: n.codings,
  children: n.children.map(toJson),
});

export async function cmdCodes(argv: string[], io: CliIo): Promise<number> {
  const editing = argv[0] !== undefined && Object.hasOwn(CODE_EDITS, argv[0]) ? CODE_EDITS[argv[0]] : undefined;
  if (editing) return editing(argv.slice(1), io);
  if (argv[0] === 'add') {
    const p = parse(
      argv.slice(1),
      { color: { type: 'string' }, description: { type: 'string' }, coder: { type: 'string' } },
      { min: 2, max: 2, usage: 'quarry codes add <project> <path> [--color #rrggbb] [--description TEXT]' },
    );
    const [project, path] = p.positionals as [string, string];
    const color = str(p, 'color');
    const description = str(p, 'description');
    // Checked here so the message names the colour (the contract's own check speaks of its argument).
    if (color !== undefined && !colorSchema.safeParse(color).success) throw new QuarryError('bad_request', `“${color}” is not a colour; use the form #rrggbb.`);
    await withContract(io, project, { write: true, coder: str(p, 'coder') }, (api) =>
      api.call('codes.create', { path, ...(color ? { color } : {}), ...(description !== undefined ? { description } : {}) }),
    );
    io.out(`Code ${path} is ready\n`);
    return 0;
  }
  const p = parse(
    argv,
    { json: { type: 'boolean' }, coder: { type: 'string' } },
    { min: 1, max: 1, usage: 'quarry codes <project> [--coder NAME] [--json] | quarry codes add …' },
  );
  const coder = str(p, 'coder');
  const tree = await readContract(io, p.positionals[0]!, async (api) => {
    if (coder !== undefined && !(await api.call('coders.list', {})).some((c) => c.name === coder)) {
      throw new QuarryError('not_found', `There is no coder “${coder}” in ${basename(p.positionals[0]!)}.`);
    }
    return api.call('codes.tree', coder === undefined ? {} : { coder });
  });
  if (flag(p, 'json')) printJson(io, tree.map(toJson));
  else {
    io.out(`References (passages) by ${coder ?? 'all coders'}; a parent's total with its subcodes in brackets\n`);
    const walk = (list: CodeNode[], depth: number) => {
      for (const n of list) {
        const aggregate = n.children.length ? ` [${n.aggregateReferences}]` : '';
        io.out(`${'  '.repeat(depth)}${n.name}  (${n.references})${aggregate}\n`);
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
  const coding = await withContract(io, project, { write: true, coder: str(p, 'coder') }, async (api) =>
    api.call('codings.apply', { sourceId: await sourceIdByName(api, source), start, end, codePath }),
  );
  if (flag(p, 'json')) {
    printJson(io, { source, start: coding.start, end: coding.end, code: codePath, coder: coding.coderName, mergedWith: coding.mergedWith, alreadyCoded: coding.alreadyCoded });
  } else if (coding.alreadyCoded) {
    io.out(`${source} [${start}, ${end}) is already coded at ${codePath} by ${coding.coderName} ([${coding.start}, ${coding.end})); nothing changed\n`);
  } else if (coding.mergedWith > 0) {
    io.out(`Coded ${source} [${start}, ${end}) at ${codePath}, joined with ${coding.mergedWith} overlapping or touching coding${coding.mergedWith === 1 ? '' : 's'} into [${coding.start}, ${coding.end})\n`);
  } else io.out(`Coded ${source} [${start}, ${end}) at ${codePath}\n`);
  return 0;
}

export async function cmdCodings(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    { code: { type: 'string' }, source: { type: 'string' }, coder: { type: 'string' }, json: { type: 'boolean' } },
    { min: 1, max: 1, usage: 'quarry codings <project> [--code PATH] [--source NAME] [--coder NAME] --json' },
  );
  const code = str(p, 'code');
  const source = str(p, 'source');
  const coder = str(p, 'coder');
  const { rows, times } = await readContract(io, p.positionals[0]!, async (api) => {
    const found = await api.call('codings.passages', {
      ...(code !== undefined ? { codeId: (await codeByPath(api, code)).id } : {}),
      ...(source !== undefined ? { sourceId: await sourceIdByName(api, source) } : {}),
      ...(coder !== undefined ? { coder } : {}),
    });
    return { rows: found, times: await passageTimes(api, found) };
  });
  const out = rows.map((r, i) => ({ source: r.source, case: r.case, start: r.start, end: r.end, text: r.text, code: r.code, coder: r.coder, time: times[i] }));
  if (flag(p, 'json')) printJson(io, out);
  else for (const r of out) io.out(`${r.source} [${r.start},${r.end}) ${r.code} (${r.coder}): ${r.text.replace(/\s+/g, ' ').slice(0, 100)}\n`);
  return 0;
}
