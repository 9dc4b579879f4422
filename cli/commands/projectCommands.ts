import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportResultItem } from '../../shared/domain/types.js';
import { QuarryError } from '../../shared/errors.js';
import { splitFileName } from '../../shared/importers/importLimits.js';
import { isMediaExtension } from '../../shared/media/mediaTypes.js';
import { flag, parse, str } from '../args.js';
import { printJson, UsageError, type CliIo } from '../io.js';
import { abs } from '../projectAccess.js';
import { readContract, withContract, withoutProject, type CliApi } from '../contractSession.js';
import { sourceIdByName } from '../contractLookups.js';

export async function cmdNew(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { name: { type: 'string' } }, { min: 1, max: 1, usage: 'quarry new <project.quarry> [--name NAME]' });
  const name = str(p, 'name');
  // The file exactly as named (the start screen would imply .quarry), closed again once made.
  const info = await withoutProject(io, p.positionals[0]!, (api) => api.call('project.create', { path: abs(io, p.positionals[0]!), exactPath: true, ...(name ? { name } : {}) }));
  io.out(`Created ${info.path}\n`);
  return 0;
}

export async function cmdInfo(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: 'quarry info <project> [--json]' });
  const { schemaVersion, counts } = (await readContract(io, p.positionals[0]!, (api) => api.call('project.info', {})))!;
  const info = { schemaVersion, sources: counts.sources, cases: counts.cases, codes: counts.codes, codings: counts.codings };
  if (flag(p, 'json')) printJson(io, info);
  else {
    io.out(
      `Project format ${info.schemaVersion}\nSources: ${info.sources}\nCases:   ${info.cases}\nCodes:   ${info.codes}\nCodings: ${info.codings}\n`,
    );
  }
  return 0;
}

const isRecordingPath = (path: string): boolean => isMediaExtension(splitFileName(path).ext);

/**
 * Why a file named on the command line cannot be imported, in the words the CLI has always
 * used (the path as typed); undefined when it is a file. Stat-ed, not read: the core reads it.
 */
function missingFile(io: CliIo, typed: string): string | undefined {
  try {
    return statSync(abs(io, typed)).isFile() ? undefined : `${typed}: not a file (is it a folder?)`;
  } catch {
    return `${typed}: no such file`;
  }
}

/** Documents through sources.import in one batch (one undo step); a file that is not there is that file's skipped result. */
async function importDocuments(api: CliApi, io: CliIo, files: string[], caseFromFileName: boolean): Promise<ImportResultItem[]> {
  const results: (ImportResultItem | undefined)[] = files.map((f) => {
    const problem = missingFile(io, f);
    return problem === undefined ? undefined : { file: basename(f), status: 'skipped', reason: problem };
  });
  const present = files.filter((_f, i) => results[i] === undefined);
  const imported = present.length > 0 ? await api.call('sources.import', { files: present.map((f) => ({ filePath: abs(io, f) })), caseFromFileName }) : [];
  let next = 0;
  return results.map((r) => r ?? imported[next++]!);
}

/** One recording through media.importRecording, its own transaction; a refusal is that file's skipped result. */
async function importRecording(api: CliApi, io: CliIo, mediaPath: string, transcriptPath: string | undefined, caseFromFileName: boolean): Promise<ImportResultItem> {
  try {
    if (transcriptPath !== undefined && missingFile(io, transcriptPath) !== undefined) {
      throw new QuarryError('invalid_input', `${transcriptPath}: no such file`, { file: basename(transcriptPath) });
    }
    return await api.call('media.importRecording', {
      mediaPath: abs(io, mediaPath),
      ...(transcriptPath !== undefined ? { transcriptPath: abs(io, transcriptPath) } : {}),
      caseFromFileName,
    });
  } catch (err) {
    if (!(err instanceof QuarryError) || err.code === 'internal') throw err;
    return { file: basename(mediaPath), status: 'skipped', reason: err.message };
  }
}

export async function cmdImport(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    { json: { type: 'boolean' }, coder: { type: 'string' }, 'case-from-name': { type: 'boolean' }, transcript: { type: 'string' } },
    { min: 2, usage: 'quarry import <project> <file>... [--case-from-name] [--json] | quarry import <project> <recording> [--transcript FILE]' },
  );
  const [project, ...all] = p.positionals as [string, ...string[]];
  const recordings = all.filter(isRecordingPath);
  const files = all.filter((f) => !isRecordingPath(f));
  const transcript = str(p, 'transcript');
  if (transcript !== undefined && (recordings.length !== 1 || files.length > 0)) {
    throw new UsageError('--transcript goes with exactly one recording: quarry import <project> <recording> --transcript FILE');
  }
  const caseFromFileName = flag(p, 'case-from-name');
  const results = await withContract(io, project, { write: true, coder: str(p, 'coder') }, async (api) => {
    const documents = files.length > 0 ? await importDocuments(api, io, files, caseFromFileName) : [];
    const media: ImportResultItem[] = [];
    for (const r of recordings) media.push(await importRecording(api, io, r, transcript, caseFromFileName));
    return [...documents, ...media];
  });
  const imported = results.filter((r) => r.status === 'imported');
  const skipped = results.filter((r) => r.status === 'skipped');
  for (const s of skipped) io.err(`${s.reason}\n`);
  if (flag(p, 'json')) {
    // stdout stays the machine-readable list; warnings (encoding fallbacks, unreadable pages) go to stderr.
    for (const r of imported) for (const w of r.warnings ?? []) io.err(`warning: ${w}\n`);
    printJson(io, imported.map((r) => ({ name: r.name, characters: r.characters })));
  } else {
    for (const r of imported) io.out(`Imported ${r.file} as “${r.name}” (${r.characters} characters)${r.warnings?.length ? ` — ${r.warnings.join('; ')}` : ''}\n`);
  }
  return skipped.length > 0 ? 1 : 0;
}

export async function cmdSources(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'set') return sourcesSet(argv.slice(1), io);
  const p = parse(argv, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: 'quarry sources <project> [--json] | quarry sources set <project> <source> NAME=VALUE...' });
  const out = await readContract(io, p.positionals[0]!, (api) => api.call('sources.overview', {}));
  if (flag(p, 'json')) printJson(io, out);
  else for (const r of out) io.out(`${r.name}\t${r.characters}\t${r.case ?? '-'}${Object.entries(r.attributes).map(([k, v]) => `\t${k}=${v}`).join('')}\n`);
  return 0;
}

/** quarry sources set: source attributes (Wave=2 "Interview date=2024-03-01"), created on first use with the type the value suggests. */
async function sourcesSet(argv: string[], io: CliIo): Promise<number> {
  const usage = 'quarry sources set <project> <source> NAME=VALUE... [--json]';
  const p = parse(argv, { json: { type: 'boolean' }, coder: { type: 'string' } }, { min: 3, usage });
  const [project, source, ...pairs] = p.positionals as [string, string, ...string[]];
  const values = pairs.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`“${pair}” is not NAME=VALUE\nusage: ${usage}`);
    return { name: pair.slice(0, eq).trim(), raw: pair.slice(eq + 1) };
  });
  const result = await withContract(io, project, { write: true, coder: str(p, 'coder') }, (api) => api.call('sourceAttributes.setByName', { source, values }));
  if (flag(p, 'json')) printJson(io, result);
  else io.out(`${result.source}: ${Object.entries(result.values).map(([k, v]) => `${k} = ${v}`).join(', ')}\n`);
  return 0;
}

export async function cmdText(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, {}, { min: 2, max: 2, usage: 'quarry text <project> <source>' });
  const { text } = await readContract(io, p.positionals[0]!, async (api) => api.call('sources.get', { id: await sourceIdByName(api, p.positionals[1]!) }));
  io.out(text);
  return 0;
}
