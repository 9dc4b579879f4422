/**
 * quarry cases: list cases with their sources and attribute values, import
 * and export classification sheets (CSV or .xlsx), and put a source in a case.
 */
import { statSync } from 'node:fs';
import { writeFileAtomicSync } from '../../shared/fsx/atomicWrite.js';
import { basename } from 'node:path';
import { QuarryError } from '../../shared/errors.js';
import { isXlsxFileName } from '../../shared/cases/classificationXlsx.js';
import { flag, parse, str } from '../args.js';
import { printJson, type CliIo } from '../io.js';
import { abs } from '../projectAccess.js';
import { readContract, withContract } from '../contractSession.js';

const USAGE = 'quarry cases <project> [--json] | quarry cases add|import|export|assign …';

type Sub = (argv: string[], io: CliIo) => number | Promise<number>;

const SUBCOMMANDS: Record<string, Sub> = { add: casesAdd, import: casesImport, export: casesExport, assign: casesAssign };

export async function cmdCases(argv: string[], io: CliIo): Promise<number> {
  const sub = argv[0] !== undefined && Object.hasOwn(SUBCOMMANDS, argv[0]) ? SUBCOMMANDS[argv[0]] : undefined;
  if (sub) return sub(argv.slice(1), io);
  return casesList(argv, io);
}

async function casesList(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: USAGE });
  const cases = await readContract(io, p.positionals[0]!, (api) => api.call('cases.overview', {}));
  if (flag(p, 'json')) {
    printJson(io, cases);
    return 0;
  }
  if (cases.length === 0) io.out('No cases.\n');
  for (const c of cases) {
    const values = Object.entries(c.attributes).map(([k, v]) => `${k}: ${v}`);
    const where = [c.classification, c.parent !== null ? `in ${c.parent}` : null].filter((x) => x !== null).join(', ');
    io.out(`${c.name}${where ? ` (${where})` : ''}${c.sources.length ? `  [${c.sources.join(', ')}]` : ''}\n`);
    for (const v of values) io.out(`  ${v}\n`);
  }
  return 0;
}

/** The sheet's full path, which the core reads; a file that is not there is named as typed. */
function sheetPath(io: CliIo, file: string): string {
  const path = abs(io, file);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    // not there: refused below
  }
  if (!isFile) throw new QuarryError('not_found', `${file}: no such file.`);
  return path;
}

async function casesImport(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    { json: { type: 'boolean' }, coder: { type: 'string' }, classification: { type: 'string' } },
    { min: 2, max: 2, usage: 'quarry cases import <project> <file.csv|file.xlsx> [--classification NAME] [--json]' },
  );
  const [project, file] = p.positionals as [string, string];
  const filePath = sheetPath(io, file);
  const classification = str(p, 'classification');
  // New columns get the inferred type; existing attributes keep theirs. Cells that do not fit are reported, not written.
  const report = await withContract(io, project, { write: true, coder: str(p, 'coder') }, (api) =>
    api.call('classification.import', { filePath, ...(classification !== undefined ? { classification } : {}) }),
  );
  // nested appears only when a Parent column nested cases, so existing readers of this JSON see what they always saw.
  const out = { created: report.created, updated: report.updated, rejected: report.rejected, ...(report.nested ? { nested: report.nested } : {}) };
  if (flag(p, 'json')) {
    printJson(io, out);
    return 0;
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  io.out(`${basename(filePath)}: ${plural(out.created, 'case')} created, ${plural(out.updated, 'value')} updated, ${plural(out.rejected.length, 'cell')} rejected\n`);
  for (const r of out.rejected) io.out(`  row ${r.row}${r.column ? `, ${r.column}` : ''}: ${r.reason}\n`);
  return 0;
}

/** The file's extension picks the format: .xlsx writes a workbook, anything else CSV. */
async function casesExport(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { 'raw-numbers': { type: 'boolean' } }, { min: 2, max: 2, usage: 'quarry cases export <project> <file.csv|file.xlsx> [--raw-numbers]' });
  const [project, file] = p.positionals as [string, string];
  const data: string | Uint8Array = await readContract(io, project, async (api) =>
    isXlsxFileName(file)
      ? new Uint8Array(Buffer.from((await api.call('classification.exportXlsx', {})).dataBase64, 'base64'))
      : (await api.call('classification.export', flag(p, 'raw-numbers') ? { rawNumbers: true } : {})).csv,
  );
  const path = abs(io, file);
  writeFileAtomicSync(path, data, { what: 'the classification sheet' });
  io.out(`Exported the classification sheet to ${path}\n`);
  return 0;
}

/** quarry cases add: one case, nested under --parent and of --classification (created if missing). */
async function casesAdd(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    { parent: { type: 'string' }, classification: { type: 'string' }, json: { type: 'boolean' }, coder: { type: 'string' } },
    { min: 2, max: 2, usage: 'quarry cases add <project> <case> [--parent CASE] [--classification NAME] [--json]' },
  );
  const [project, name] = p.positionals as [string, string];
  const parent = str(p, 'parent');
  const classification = str(p, 'classification');
  const result = await withContract(io, project, { write: true, coder: str(p, 'coder') }, (api) =>
    api.call('cases.add', { name, ...(parent !== undefined ? { parent } : {}), ...(classification !== undefined ? { classification } : {}) }),
  );
  if (flag(p, 'json')) printJson(io, { name: name.trim(), parent: result.parent, classification: result.classification });
  else io.out(`Created case ${name.trim()}${result.classification ? ` (${result.classification})` : ''}${result.parent ? ` under ${result.parent}` : ''}\n`);
  return 0;
}

async function casesAssign(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    { json: { type: 'boolean' }, coder: { type: 'string' } },
    { min: 3, max: 3, usage: 'quarry cases assign <project> <source> <case>' },
  );
  const [project, source, caseName] = p.positionals as [string, string, string];
  const result = await withContract(io, project, { write: true, coder: str(p, 'coder') }, (api) => api.call('cases.assignSource', { sourceName: source, caseName }));
  if (flag(p, 'json')) printJson(io, { source, case: result.caseName, createdCase: result.createdCase });
  else io.out(`${source} is in case ${result.caseName}${result.createdCase ? ' (new case)' : ''}\n`);
  return 0;
}
