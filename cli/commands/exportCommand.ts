/**
 * quarry export <project> <kind> … — publication-ready files from a project.
 * Each kind is a function in KINDS; other issues register theirs (qdpx, qdc)
 * there. Files are written atomically: a failed export leaves no file.
 *
 * Each writes its file through the contract's `export.save`, the method the
 * desktop app's Save dialog calls, so the file is the app's to the byte.
 */
import { basename } from 'node:path';
import type { ArgsOf } from '../../shared/api/contract.js';
import { EXPORT_FORMATS, formatOfPath, type ExportFormat, type ExportKind as ModelKind } from '../../shared/api/methods/exportMethods.js';
import { flag, list, parse, str, type Parsed } from '../args.js';
import { readContract } from '../contractSession.js';
import { printJson, UsageError, wroteLine, type CliIo } from '../io.js';
import { abs } from '../projectAccess.js';
import { CASE_FILTER_OPTIONS, CLASSIFICATION_OPTION, REPORT_FILTER_OPTIONS, reportFilterOf } from '../reportFilterArgs.js';
import { exportQdc, exportQdpx } from './refiExportKinds.js';

/** One kind of export: gets the project path and the arguments after the kind. */
export type ExportKindCommand = (project: string, argv: string[], io: CliIo) => number | Promise<number>;

const OUT = { out: { type: 'string' }, json: { type: 'boolean' } } as const;
const LABEL = { label: { type: 'string' } } as const;

function outPath(p: Parsed, kind: ModelKind, usage: string): { path: string; format: ExportFormat } {
  const out = str(p, 'out');
  if (!out) throw new UsageError(`say where to write the file with --out\nusage: ${usage}`);
  const format = formatOfPath(out);
  const allowed = EXPORT_FORMATS[kind];
  if (!format || !allowed.includes(format)) {
    throw new UsageError(`--out must end in ${allowed.map((f) => `.${f}`).join(' or ')} for a ${kind} export (got ${basename(out)})`);
  }
  return { path: out, format };
}

function orientation(p: Parsed): { orientation?: 'auto' | 'portrait' | 'landscape' } {
  const o = str(p, 'orientation');
  if (o === undefined) return {};
  if (o !== 'auto' && o !== 'portrait' && o !== 'landscape') throw new UsageError(`--orientation must be auto, portrait or landscape, not “${o}”`);
  return { orientation: o };
}

const optional = <K extends string>(key: K, value: string | undefined): { [P in K]?: string } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: string }));

type ExportRequest = ArgsOf<'export.save'>['request'];

async function write(io: CliIo, project: string, p: Parsed, path: string, request: ExportRequest): Promise<number> {
  const saved = await readContract(io, project, (api) => api.call('export.save', { request, path: abs(io, path) }));
  if (flag(p, 'json')) printJson(io, { kind: request.kind, format: request.format, path: saved.path, bytes: saved.bytes });
  else io.out(wroteLine(path, saved.bytes));
  return 0;
}

const FRAMEWORK_USAGE = 'quarry export <project> framework <matrix-name> --out F.docx [--caption TEXT] [--quotes] [--label TEMPLATE] [--orientation auto|portrait|landscape]';
async function exportFramework(project: string, argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { ...OUT, ...LABEL, caption: { type: 'string' }, quotes: { type: 'boolean' }, orientation: { type: 'string' } }, { min: 1, max: 1, usage: FRAMEWORK_USAGE });
  const { path } = outPath(p, 'framework', FRAMEWORK_USAGE);
  return write(io, project, p, path, {
    kind: 'framework',
    format: 'docx',
    name: p.positionals[0]!,
    quotes: flag(p, 'quotes'),
    ...optional('caption', str(p, 'caption')),
    ...optional('labelTemplate', str(p, 'label')),
    ...orientation(p),
  });
}

const MATRIX_USAGE =
  'quarry export <project> matrix --rows cases|attribute:NAME|set:NAME|sets|sets:sources|sets:codes|codes [--row PATH]... --cols codes|children:PATH [--col PATH]... [--measure references|sources|cases|words|coverage] [--coder NAME] [--where "ATTR=VALUE"]... [--set NAME] [--classification NAME] [--caption TEXT] [--row-header TEXT] [--note TEXT] [--style apa] [--row-percentages] [--shading] [--orientation auto|portrait|landscape] --out F.docx|F.csv';
const MEASURES = ['references', 'sources', 'cases', 'words', 'coverage'] as const;
async function exportMatrix(project: string, argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    {
      ...OUT,
      ...CASE_FILTER_OPTIONS,
      ...CLASSIFICATION_OPTION,
      rows: { type: 'string' },
      cols: { type: 'string' },
      row: { type: 'string', multiple: true },
      col: { type: 'string', multiple: true },
      measure: { type: 'string' },
      coder: { type: 'string' },
      caption: { type: 'string' },
      'row-header': { type: 'string' },
      note: { type: 'string' },
      style: { type: 'string' },
      'row-percentages': { type: 'boolean' },
      shading: { type: 'boolean' },
      orientation: { type: 'string' },
    },
    { min: 0, max: 0, usage: MATRIX_USAGE },
  );
  const rows = str(p, 'rows');
  const colCodes = list(p, 'col');
  const rowCodes = list(p, 'row');
  // --col PATH on its own means columns of exactly those codes, as in `quarry matrix`.
  const cols = str(p, 'cols') ?? (colCodes.length ? 'codes' : undefined);
  if (!rows || !cols) throw new UsageError(`say what the rows and columns are with --rows and --cols\nusage: ${MATRIX_USAGE}`);
  const measure = str(p, 'measure');
  if (measure !== undefined && !(MEASURES as readonly string[]).includes(measure)) throw new UsageError(`--measure must be one of ${MEASURES.join(', ')}, not “${measure}”`);
  const style = str(p, 'style');
  if (style !== undefined && style !== 'apa' && style !== 'grid') throw new UsageError(`--style must be apa or grid, not “${style}”`);
  const filter = reportFilterOf(p);
  const { path, format } = outPath(p, 'matrix', MATRIX_USAGE);
  return write(io, project, p, path, {
    kind: 'matrix',
    format: format as 'docx' | 'csv',
    rows,
    cols,
    ...(colCodes.length ? { colCodes } : {}),
    ...(rowCodes.length ? { rowCodes } : {}),
    ...(measure ? { measure: measure as (typeof MEASURES)[number] } : {}),
    ...optional('coder', str(p, 'coder')),
    ...(filter ? { filter } : {}),
    ...optional('caption', str(p, 'caption')),
    ...optional('rowHeader', str(p, 'row-header')),
    ...optional('note', str(p, 'note')),
    ...(style ? { style } : {}),
    rowPercentages: flag(p, 'row-percentages'),
    shading: flag(p, 'shading'),
    ...orientation(p),
  });
}

const FILTER_USAGE = '[--case NAME]... [--set NAME] [--classification NAME] [--where "ATTR=VALUE"]... [--source NAME]...';
const CASES_USAGE = `quarry export <project> cases [--group-by ATTR] [--attribute NAME]... ${FILTER_USAGE} [--caption TEXT] [--raw-numbers] --out F.docx|F.csv`;
async function exportCases(project: string, argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    { ...OUT, ...REPORT_FILTER_OPTIONS, 'group-by': { type: 'string' }, attribute: { type: 'string', multiple: true }, caption: { type: 'string' }, orientation: { type: 'string' }, 'raw-numbers': { type: 'boolean' } },
    { min: 0, max: 0, usage: CASES_USAGE },
  );
  const { path, format } = outPath(p, 'cases', CASES_USAGE);
  const attributes = list(p, 'attribute');
  const filter = reportFilterOf(p);
  return write(io, project, p, path, {
    kind: 'cases',
    format: format as 'docx' | 'csv',
    ...optional('groupBy', str(p, 'group-by')),
    ...(attributes.length ? { attributes } : {}),
    ...(filter ? { filter } : {}),
    ...optional('caption', str(p, 'caption')),
    ...(flag(p, 'raw-numbers') ? { rawNumbers: true } : {}),
    ...orientation(p),
  });
}

const CODEBOOK_USAGE = 'quarry export <project> codebook --out F.docx [--examples] [--label TEMPLATE] [--no-guide] [--title TEXT]';
async function exportCodebook(project: string, argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { ...OUT, ...LABEL, examples: { type: 'boolean' }, 'no-guide': { type: 'boolean' }, title: { type: 'string' } }, { min: 0, max: 0, usage: CODEBOOK_USAGE });
  const { path } = outPath(p, 'codebook', CODEBOOK_USAGE);
  return write(io, project, p, path, {
    kind: 'codebook',
    format: 'docx',
    examples: flag(p, 'examples'),
    guide: !flag(p, 'no-guide'),
    ...optional('labelTemplate', str(p, 'label')),
    ...optional('title', str(p, 'title')),
  });
}

const QUOTES_USAGE = `quarry export <project> quotes (--code PATH [--code PATH]... | --set CODESET) --out F.docx|F.csv [--label TEMPLATE] [--order case|source] [--memos] [--coder NAME] [--no-children] [--by-subcode] ${FILTER_USAGE} [--title TEXT]`;
async function exportQuotes(project: string, argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    {
      ...OUT,
      ...LABEL,
      ...REPORT_FILTER_OPTIONS,
      code: { type: 'string', multiple: true },
      order: { type: 'string' },
      memos: { type: 'boolean' },
      coder: { type: 'string' },
      'no-children': { type: 'boolean' },
      'by-subcode': { type: 'boolean' },
      title: { type: 'string' },
    },
    { min: 0, max: 0, usage: QUOTES_USAGE },
  );
  const codes = list(p, 'code');
  // A code set (--set codes:NAME, or a bare name the project resolves to one) can stand for the codes.
  if (codes.length === 0 && str(p, 'set') === undefined) throw new UsageError(`say which codes with --code PATH (repeat it for several) or a code set with --set NAME\nusage: ${QUOTES_USAGE}`);
  const order = str(p, 'order');
  if (order !== undefined && order !== 'case' && order !== 'source') throw new UsageError(`--order must be case or source, not “${order}”`);
  const { path, format } = outPath(p, 'quotes', QUOTES_USAGE);
  const filter = reportFilterOf(p);
  return write(io, project, p, path, {
    kind: 'quotes',
    format: format as 'docx' | 'csv',
    codes,
    memos: flag(p, 'memos'),
    includeChildren: !flag(p, 'no-children'),
    ...(flag(p, 'by-subcode') ? { bySubcode: true } : {}),
    ...(filter ? { filter } : {}),
    ...(order ? { order } : {}),
    ...optional('labelTemplate', str(p, 'label')),
    ...optional('coder', str(p, 'coder')),
    ...optional('title', str(p, 'title')),
  });
}

/** Every kind of `quarry export`. Other modules add theirs here (qdpx, qdc). */
export const KINDS: Record<string, ExportKindCommand> = {
  framework: exportFramework,
  matrix: exportMatrix,
  cases: exportCases,
  codebook: exportCodebook,
  quotes: exportQuotes,
  qdpx: exportQdpx,
  qdc: exportQdc,
};

export function cmdExport(argv: string[], io: CliIo): number | Promise<number> {
  const [project, kind, ...rest] = argv;
  const kinds = Object.keys(KINDS).join('|');
  if (!project || project.startsWith('-') || !kind) throw new UsageError(`usage: quarry export <project> ${kinds} … (quarry --help lists the options)`);
  const run = KINDS[kind];
  if (!run) throw new UsageError(`there is no export kind “${kind}”; the kinds are ${Object.keys(KINDS).join(', ')}`);
  return run(project, rest, io);
}
