/**
 * Building a framework matrix from a script, through the framework methods the
 * matrix editor uses:
 *   quarry frameworks add <project> <name> [--rows cases] [--row R]... [--cols codes|children:PATH] [--col C]... [--caption TEXT]
 *   quarry frameworks set <project> <matrix> <row> <column> <summary>     frameworks.setCell
 *   quarry frameworks link <project> <matrix> <row> <column> [--source NAME]... [--start N --end N] [--coder NAME]
 *                                                                       frameworks.candidates → frameworks.link
 * A row or column is named by its label. A header given with --row is a case
 * and one given with --col a code path, unless it says case:NAME, code:PATH or text:LABEL.
 */
import { basename } from 'node:path';
import type { CodedPassage } from '../../shared/domain/types.js';
import type { FrameworkCell, FrameworkHeaderInput, FrameworkMatrix } from '../../shared/queries/types.js';
import { flag, int, list, parse, str } from '../args.js';
import { codeByPath, frameworkByName, headerByLabel } from '../contractLookups.js';
import { withContract, type CliApi } from '../contractSession.js';
import { printJson, UsageError, type CliIo } from '../io.js';

type Sub = (argv: string[], io: CliIo) => Promise<number>;

const ADD_USAGE = 'quarry frameworks add <project> <name> [--rows cases] [--row CASE]... [--cols codes|children:PATH] [--col CODE]... [--caption TEXT] [--json]';
const SET_USAGE = 'quarry frameworks set <project> <matrix> <row> <column> <summary> [--json]';
const LINK_USAGE = 'quarry frameworks link <project> <matrix> <row> <column> [--source NAME]... [--start N --end N] [--coder NAME] [--json]';

/** "case:E4", "code:Outcomes/Trust", "text:Early phase"; a bare value is the axis's usual kind. */
export function headerSpec(value: string, usual: 'case' | 'code'): FrameworkHeaderInput {
  const m = /^(case|code|text):(.*)$/s.exec(value);
  const kind = m ? m[1]! : usual;
  const rest = (m ? m[2]! : value).trim();
  if (!rest) throw new UsageError(`“${value}” names no ${kind}`);
  return kind === 'case' ? { caseName: rest } : kind === 'code' ? { codePath: rest } : { label: rest };
}

async function axisHeaders(api: CliApi, spec: string | undefined, axis: 'rows' | 'cols'): Promise<FrameworkHeaderInput[]> {
  if (spec === undefined) return [];
  if (spec === 'cases') return (await api.call('cases.list', {})).map((c) => ({ caseId: c.id }));
  if (spec === 'codes') return (await api.call('codes.tree', {})).map((c) => ({ codeId: c.id }));
  if (spec.startsWith('children:')) return (await codeByPath(api, spec.slice('children:'.length))).children.map((c) => ({ codeId: c.id }));
  throw new UsageError(`--${axis} is cases, codes or children:PATH, not “${spec}”`);
}

const frameworkJson = (f: FrameworkMatrix) => ({ name: f.name, rows: f.rows.map((r) => r.label), cols: f.cols.map((c) => c.label) });

const passageJson = (p: CodedPassage) => ({ source: p.source, case: p.case, start: p.start, end: p.end, text: p.text, code: p.code, coder: p.coder });

const cellJson = (matrix: string, row: string, col: string, c: FrameworkCell) => ({ matrix, row, col, summary: c.summary, links: c.links.map(passageJson) });

async function add(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    { rows: { type: 'string' }, row: { type: 'string', multiple: true }, cols: { type: 'string' }, col: { type: 'string', multiple: true }, caption: { type: 'string' }, coder: { type: 'string' }, json: { type: 'boolean' } },
    { min: 2, max: 2, usage: ADD_USAGE },
  );
  const [project, name] = p.positionals as [string, string];
  const caption = str(p, 'caption');
  const f = await withContract(io, project, { write: true, coder: str(p, 'coder') }, async (api) =>
    api.call('frameworks.create', {
      name,
      ...(caption !== undefined ? { caption } : {}),
      rows: [...(await axisHeaders(api, str(p, 'rows'), 'rows')), ...list(p, 'row').map((r) => headerSpec(r, 'case'))],
      cols: [...(await axisHeaders(api, str(p, 'cols'), 'cols')), ...list(p, 'col').map((c) => headerSpec(c, 'code'))],
    }),
  );
  if (flag(p, 'json')) printJson(io, frameworkJson(f));
  else io.out(`Created the framework matrix “${f.name}” in ${basename(project)}: ${f.rows.length} rows × ${f.cols.length} columns\n`);
  return 0;
}

/** The matrix and the cell a command names, as the contract's cell reference. */
async function cellOf(api: CliApi, matrix: string, row: string, col: string) {
  const f = await frameworkByName(api, matrix);
  return { matrixId: f.id, rowId: headerByLabel(f.rows, row, 'row', matrix).id, colId: headerByLabel(f.cols, col, 'column', matrix).id };
}

async function set(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { coder: { type: 'string' }, json: { type: 'boolean' } }, { min: 5, max: 5, usage: SET_USAGE });
  const [project, matrix, row, col, summary] = p.positionals as [string, string, string, string, string];
  const cell = await withContract(io, project, { write: true, coder: str(p, 'coder') }, async (api) =>
    api.call('frameworks.setCell', { ...(await cellOf(api, matrix, row, col)), summary }),
  );
  if (flag(p, 'json')) printJson(io, cellJson(matrix, row, col, cell));
  else io.out(`Wrote the summary of ${row} × ${col} in “${matrix}”\n`);
  return 0;
}

async function link(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    { source: { type: 'string', multiple: true }, start: { type: 'string' }, end: { type: 'string' }, coder: { type: 'string' }, json: { type: 'boolean' } },
    { min: 4, max: 4, usage: LINK_USAGE },
  );
  const [project, matrix, row, col] = p.positionals as [string, string, string, string];
  const s = str(p, 'start');
  const e = str(p, 'end');
  if ((s === undefined) !== (e === undefined)) throw new UsageError(`give --start and --end together\nusage: ${LINK_USAGE}`);
  const span = s !== undefined ? { start: int(s, 'start'), end: int(e!, 'end') } : undefined;
  const sources = list(p, 'source');
  const coder = str(p, 'coder');
  const { cell, linked } = await withContract(io, project, { write: true }, async (api) => {
    const ref = await cellOf(api, matrix, row, col);
    // The passages the editor offers beside the cell; the filters pick among them (a passage overlapping the span).
    const fitting = (await api.call('frameworks.candidates', { ...ref, ...(coder !== undefined ? { coder } : {}) })).filter(
      (c) => !c.linked && (sources.length === 0 || sources.includes(c.source)) && (!span || (c.start < span.end && span.start < c.end)),
    );
    if (fitting.length === 0) return { cell: await api.call('frameworks.cell', ref), linked: 0 };
    return { cell: await api.call('frameworks.link', { ...ref, codingIds: fitting.map((c) => c.codingId) }), linked: fitting.length };
  });
  if (flag(p, 'json')) printJson(io, { ...cellJson(matrix, row, col, cell), linked });
  else io.out(`Linked ${linked} passage${linked === 1 ? '' : 's'} to ${row} × ${col} in “${matrix}” (${cell.links.length} in all)\n`);
  return 0;
}

export const FRAMEWORK_EDITS: Record<string, Sub> = { add, set, link };
