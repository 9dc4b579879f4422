import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { importFiles, type ImportFile } from '../../shared/services/sourceService.js';
import { listSources } from '../../shared/store/sourcesStore.js';
import type { ImportResultItem } from '../../shared/domain/types.js';
import { mediaBySource } from '../../shared/services/mediaService.js';
import { setSourceValuesByName, sourceAttributesByName } from '../../shared/services/sourceAttributeService.js';
import { flag, parse, str } from '../args.js';
import { printJson, UsageError, type CliIo } from '../io.js';
import { importRecordingFile, isRecordingPath } from './mediaCommand.js';
import { abs, withReadProject, withWriteProject } from '../projectAccess.js';
import { readContract } from '../contractSession.js';
import { sourceIdByName } from '../contractLookups.js';

export function cmdNew(argv: string[], io: CliIo): number {
  const p = parse(argv, { name: { type: 'string' } }, { min: 1, max: 1, usage: 'quarry new <project.quarry> [--name NAME]' });
  const path = abs(io, p.positionals[0]!);
  const name = str(p, 'name');
  ProjectDb.create(path, name ? { name } : {}).close();
  io.out(`Created ${path}\n`);
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
  // Files are stat-ed, not read: the size limit applies before any byte is loaded, and a
  // missing or unreadable file is one skipped result, not the end of the batch.
  const inputs: ImportFile[] = files.map((f) => {
    const path = abs(io, f);
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) return { fileName: basename(path), problem: `${f}: not a file (is it a folder?)` };
      size = st.size;
    } catch {
      return { fileName: basename(path), problem: `${f}: no such file` };
    }
    return { fileName: basename(path), size, read: () => new Uint8Array(readFileSync(path)) };
  });
  const results = await withWriteProject(io, project, str(p, 'coder'), async (ctx) => {
    const documents = inputs.length > 0 ? await importFiles(ctx, inputs, { caseFromFileName: flag(p, 'case-from-name') }) : [];
    const media: ImportResultItem[] = [];
    for (const r of recordings) media.push(await importRecordingFile(ctx, io, r, transcript, flag(p, 'case-from-name')));
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

export function cmdSources(argv: string[], io: CliIo): number | Promise<number> {
  if (argv[0] === 'set') return sourcesSet(argv.slice(1), io);
  const p = parse(argv, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: 'quarry sources <project> [--json] | quarry sources set <project> <source> NAME=VALUE...' });
  const { rows, media, attributes } = withReadProject(io, p.positionals[0]!, (ctx) => ({
    rows: listSources(ctx.project.db),
    media: mediaBySource(ctx.project.db, ctx.project.path),
    attributes: sourceAttributesByName(ctx.project.db),
  }));
  const out = rows.map((r) => {
    const m = media.get(r.id);
    return {
      name: r.name,
      characters: r.characters,
      case: r.caseName,
      media: m ? { kind: m.kind, durationMs: m.durationMs, embedded: m.embedded, ...(m.missing ? { missing: true } : {}) } : null,
      attributes: attributes.get(r.id) ?? {},
    };
  });
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
  const result = await withWriteProject(io, project, str(p, 'coder'), (ctx) => setSourceValuesByName(ctx, { source, values }));
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
