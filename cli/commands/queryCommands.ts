/**
 * Queries from the command line: text search, coding query, matrix coding
 * query, and the saved framework matrices. Every one opens the project
 * read-only: queries never change it.
 */
import { neutraliseCell } from '../../shared/exporters/csvCells.js';
import { writeFileAtomicSync } from '../../shared/fsx/atomicWrite.js';
import { parseArgs } from 'node:util';
import { parseMatrixCols, parseMatrixRows, withRowCodes } from '../../shared/exporters/matrixSpec.js';
import type { CaseFilter, CodeExpr, MatrixMeasure, MatrixResult } from '../../shared/queries/types.js';
import { flag, list, parse, str, type Parsed } from '../args.js';
import { printJson, UsageError, type CliIo } from '../io.js';
import { abs } from '../projectAccess.js';
import { asUsage, CASE_FILTER_OPTIONS, reportFilterOf } from '../reportFilterArgs.js';
import { FRAMEWORK_EDITS } from './frameworkCommands.js';
import { readContract } from '../contractSession.js';
import { passageTimes } from './passageTimes.js';

/** The contract answers a search a page at a time; a script gets every hit. */
const SEARCH_PAGE = 100_000;

export async function cmdSearch(argv: string[], io: CliIo): Promise<number> {
  const usage = 'quarry search <project> <query> [--stem] [--json]';
  const p = parse(argv, { stem: { type: 'boolean' }, json: { type: 'boolean' } }, { min: 2, max: 2, usage });
  const [project, expression] = p.positionals as [string, string];
  const { result, all } = await readContract(io, project, async (api) => {
    const ask = (offset: number) => api.call('search.run', { expression, stem: flag(p, 'stem'), offset, limit: SEARCH_PAGE });
    const first = await ask(0);
    const pages = [first.hits];
    for (let seen = first.hits.length; first.truncated && seen < first.totalHits; ) {
      const next = (await ask(seen)).hits;
      if (next.length === 0) break;
      pages.push(next);
      seen += next.length;
    }
    return { result: first, all: pages.flat() };
  });
  const hits = all.map((h) => ({ source: h.source, start: h.start, end: h.end, context: h.context }));
  if (flag(p, 'json')) printJson(io, hits);
  else {
    for (const h of hits) io.out(`${h.source} [${h.start},${h.end}): ${h.context.replace(/\s+/g, ' ')}\n`);
    io.out(`${result.totalHits} hit${result.totalHits === 1 ? '' : 's'} in ${result.sources.length} source${result.sources.length === 1 ? '' : 's'}\n`);
  }
  return 0;
}

const QUERY_OPTIONS = {
  code: { type: 'string' },
  and: { type: 'string', multiple: true },
  or: { type: 'string', multiple: true },
  not: { type: 'string', multiple: true },
  where: { type: 'string', multiple: true },
  set: { type: 'string' },
  coder: { type: 'string' },
  own: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** The codes combined left to right in the order the flags were given: --code A --and B --not C = (A AND B) NOT C. */
function codeExpression(argv: string[]): CodeExpr {
  const { tokens, values } = parseArgs({ args: argv, options: QUERY_OPTIONS, allowPositionals: true, strict: true, tokens: true });
  let expr: CodeExpr | undefined;
  for (const t of tokens) {
    if (t.kind !== 'option' || !['code', 'and', 'or', 'not'].includes(t.name)) continue;
    // A code includes its descendants (as matrix columns do) unless --own asks for its own codings only.
    const leaf: CodeExpr = { op: 'code', path: t.value ?? '', ...(values.own ? { children: false } : {}) };
    if (t.name === 'code') {
      if (expr) throw new UsageError('give --code once; combine further codes with --and, --or and --not');
      expr = leaf;
    } else {
      if (!expr) throw new UsageError(`--${t.name} needs a --code before it`);
      expr = t.name === 'not' ? { op: 'not', left: expr, right: leaf } : { op: t.name as 'and' | 'or', items: [expr, leaf] };
    }
  }
  if (!expr) throw new UsageError('say which code to query with --code PATH');
  return expr;
}

/** --where and --set (a query takes no --case or --source flags, so this is a plain case filter). */
const caseFilter = (p: Parsed): CaseFilter | undefined => reportFilterOf(p);

export async function cmdQuery(argv: string[], io: CliIo): Promise<number> {
  const usage = 'quarry query <project> --code PATH [--and PATH] [--or PATH] [--not PATH] [--own] [--where "NAME OP VALUE"]... [--set NAME] [--coder NAME] [--json]';
  const p = parse(argv, QUERY_OPTIONS, { min: 1, max: 1, usage });
  const expr = codeExpression(argv);
  const filter = caseFilter(p);
  const coder = str(p, 'coder');
  const { result, times } = await readContract(io, p.positionals[0]!, async (api) => {
    const r = await api.call('queries.coding', { expr, ...(filter ? { filter } : {}), ...(coder !== undefined ? { coder } : {}) });
    return { result: r, times: await passageTimes(api, r.passages) };
  });
  const out = result.passages.map((r, i) => ({ source: r.source, case: r.case, start: r.start, end: r.end, text: r.text, code: r.code, coder: r.coder, time: times[i] }));
  if (flag(p, 'json')) printJson(io, out);
  else {
    for (const r of out) io.out(`${r.source} [${r.start},${r.end}) ${r.code} (${r.coder}): ${r.text.replace(/\s+/g, ' ').slice(0, 100)}\n`);
    io.out(`${result.references} passage${result.references === 1 ? '' : 's'} in ${result.sources} source${result.sources === 1 ? '' : 's'}, ${result.cases} case${result.cases === 1 ? '' : 's'}\n`);
  }
  return 0;
}

const MEASURES: readonly MatrixMeasure[] = ['references', 'sources', 'cases', 'words', 'coverage'];

const csvField = (v: string | number): string => {
  // Labels (case and code names) that look like formulas are written as text; counts stay numbers.
  const s = typeof v === 'string' ? neutraliseCell(v) : String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function matrixCsv(m: Pick<MatrixResult, 'rows' | 'cols' | 'cells'>): string {
  const lines = [['', ...m.cols.map((c) => c.label)], ...m.rows.map((r, i) => [r.label, ...m.cells[i]!])];
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** A --rows / --cols value the command cannot read is a usage error (exit 2), not a project error. */
const axis = asUsage;

export async function cmdMatrix(argv: string[], io: CliIo): Promise<number> {
  const usage =
    'quarry matrix <project> --rows cases|cases:CLASSIFICATION|attribute:NAME|set:NAME|sets|sets:sources|sets:codes|codes [--row PATH]... --cols codes|children:PATH [--col PATH]... [--measure references|sources|cases|cases:CLASSIFICATION|words|coverage] [--where "NAME OP VALUE"]... [--set NAME] [--coder NAME] [--format json|csv] [--out FILE]';
  const p = parse(
    argv,
    {
      rows: { type: 'string' },
      cols: { type: 'string' },
      row: { type: 'string', multiple: true },
      col: { type: 'string', multiple: true },
      measure: { type: 'string' },
      ...CASE_FILTER_OPTIONS,
      coder: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
    { min: 1, max: 1, usage },
  );
  const rowsSpec = str(p, 'rows');
  // --col PATH on its own means columns of exactly those codes.
  const colsSpec = str(p, 'cols') ?? (list(p, 'col').length ? 'codes' : undefined);
  if (!rowsSpec || !colsSpec) throw new UsageError(`say what the rows and columns are\nusage: ${usage}`);
  const rows = axis((s) => withRowCodes(parseMatrixRows(s), list(p, 'row')), rowsSpec);
  const cols = axis((s) => parseMatrixCols(s, list(p, 'col')), colsSpec);
  // cases:Firm counts the firms the passages reach (a respondent's coding counts their firm).
  const measureSpec = str(p, 'measure') ?? 'references';
  const casesOf = /^cases:/i.test(measureSpec) ? measureSpec.slice('cases:'.length).trim() : undefined;
  const measure = (casesOf !== undefined ? 'cases' : measureSpec) as MatrixMeasure;
  if (!MEASURES.includes(measure) || casesOf === '') throw new UsageError(`--measure is one of ${MEASURES.join(', ')}, not “${measure}”`);
  const format = str(p, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError(`--format is json or csv, not “${format}”`);
  const filter = caseFilter(p);
  const coder = str(p, 'coder');
  const m = await readContract(io, p.positionals[0]!, (api) =>
    api.call('queries.matrix', {
      rows,
      cols,
      measure,
      ...(filter ? { filter } : {}),
      ...(coder !== undefined ? { coder } : {}),
      ...(casesOf !== undefined ? { casesOf } : {}),
    }),
  );
  const text =
    format === 'csv' ? matrixCsv(m) : `${JSON.stringify({ rows: m.rows.map((r) => r.label), cols: m.cols.map((c) => c.label), cells: m.cells }, null, 2)}\n`;
  const out = str(p, 'out');
  if (out === undefined) io.out(text);
  else {
    const path = abs(io, out);
    writeFileAtomicSync(path, format === 'csv' ? `\ufeff${text}` : text, { what: 'the matrix' });
    io.out(`Wrote a ${m.rows.length} × ${m.cols.length} matrix to ${out}\n`);
  }
  return 0;
}

export function cmdFrameworks(argv: string[], io: CliIo): number | Promise<number> {
  const editing = argv[0] !== undefined && Object.hasOwn(FRAMEWORK_EDITS, argv[0]) ? FRAMEWORK_EDITS[argv[0]] : undefined;
  if (editing) return editing(argv.slice(1), io);
  return frameworksList(argv, io);
}

async function frameworksList(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: 'quarry frameworks <project> [--json]' });
  const all = await readContract(io, p.positionals[0]!, (api) => api.call('frameworks.list', {}));
  const out = all.map((f) => ({ name: f.name, rows: f.rows.map((r) => r.label), cols: f.cols.map((c) => c.label) }));
  if (flag(p, 'json')) printJson(io, out);
  else for (const f of all) io.out(`${f.name}  (${f.rows.length} rows × ${f.cols.length} columns, ${f.filledCells} filled)\n`);
  return 0;
}
