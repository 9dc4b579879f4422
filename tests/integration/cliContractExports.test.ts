/**
 * Issue 15, item 5 (part 2): `quarry export` (every kind), `import-qdpx`, `merge`,
 * `agreement`, `media`, `demo` and `clean` go through the one contract.
 *
 * Each command's output (stdout, stderr, the files it writes) is kept in a snapshot,
 * recorded from the commands as they were before they went through the contract: names
 * and fields other tools read must not change. What differs by nature between two runs
 * (the temporary folder, GUIDs, times, a zip's compressed size) is normalised first.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { createDispatcher } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import type { CleanedCopyReport } from '../../shared/db/cleanedCopy/cleanedCopyTypes.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import type { AgreementResult } from '../../shared/domain/agreementTypes.js';
import type { CodeNode, ProjectInfo } from '../../shared/domain/types.js';
import type { RefiImportReport } from '../../shared/refi/refiImportPlanTypes.js';
import { importRecording } from '../../shared/services/mediaService.js';
import { sineWav } from '../media/mediaFixtures.js';
import { buildCoauthorFiles } from '../unit/coauthors/coauthorFiles.js';
import { inspectDocx } from '../unit/exporters/docxInspect.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

const ENV = { QUARRY_CODER: 'Ruth Ashworth' };
const work = mkdtempSync(join(tmpdir(), 'quarry-cli-contract-exports-'));

async function quarry(cwd: string, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: ENV });
  return { code, out, err };
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g;

/** Text with what differs between two runs replaced by placeholders. */
const normal = (text: string): string => text.split(work).join('<work>').replace(GUID, '<guid>').replace(TIME, '<time>');

/** A run with a zip's size (it varies with the GUIDs compressed inside) left out. */
function zipRun(r: Run): Run {
  return { ...r, out: normal(r.out).replace(/"bytes": \d+/, '"bytes": "<n>"').replace(/\(\d+ KB\)/, '(<n> KB)') };
}

const runOf = (r: Run): Run => ({ ...r, out: normal(r.out), err: normal(r.err) });

/** A Word file as text: its body, paragraph by paragraph and cell by cell. */
function docxText(path: string): string {
  const doc = inspectDocx(new Uint8Array(readFileSync(path)));
  return doc.blocks
    .map((b) => (b.type === 'p' ? `${b.p.style}: ${b.p.text}` : b.type === 'table' ? b.table.rows.map((r) => r.map((c) => c.paragraphs.map((p) => p.text).join('¶')).join(' | ')).join('\n') : `[section ${b.orientation}]`))
    .join('\n');
}

/** A REFI-QDA package: its entries and the project document, normalised. */
function qdpxEntries(path: string): { entries: string[]; project: string } {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  return { entries: Object.keys(files).map(normal).sort(), project: normal(strFromU8(files['project.qde']!)) };
}

let files: { full: string; ruth: string; daniel: string };
/** A folder of its own for each test, named so that the paths printed are the same in every run. */
function dir(name: string): string {
  const d = join(work, name);
  mkdirSync(d);
  return d;
}

beforeAll(async () => {
  files = await buildCoauthorFiles(work);
}, 120_000);

describe('quarry export, as it printed and wrote before', () => {
  it('cases, matrix, quotes, codebook and framework: JSON, text and the files', async () => {
    const d = dir('export');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    const table1 = await quarry(d, 'export', 'demo.quarry', 'cases', '--group-by', 'Group', '--attribute', 'Role', '--out', 'table1.docx', '--json');
    expect(zipRun(table1)).toMatchSnapshot('cases docx run');
    expect(docxText(join(d, 'table1.docx'))).toMatchSnapshot('cases docx');
    const casesCsv = await quarry(d, 'export', 'demo.quarry', 'cases', '--group-by', 'Group', '--raw-numbers', '--out', 'cases.csv');
    expect(runOf(casesCsv)).toMatchSnapshot('cases csv run');
    expect(readFileSync(join(d, 'cases.csv'), 'utf8')).toMatchSnapshot('cases csv');

    const matrixCsv = await quarry(d, 'export', 'demo.quarry', 'matrix', '--rows', 'cases', '--cols', 'codes', '--measure', 'sources', '--out', 'matrix.csv', '--json');
    expect(runOf(matrixCsv)).toMatchSnapshot('matrix csv run');
    expect(readFileSync(join(d, 'matrix.csv'), 'utf8')).toMatchSnapshot('matrix csv');
    const matrixDocx = await quarry(d, 'export', 'demo.quarry', 'matrix', '--rows', 'attribute:Group', '--cols', 'children:Motivations', '--style', 'apa', '--row-percentages', '--caption', 'Motivations by group', '--out', 'matrix.docx');
    expect(zipRun(matrixDocx)).toMatchSnapshot('matrix docx run');
    expect(docxText(join(d, 'matrix.docx'))).toMatchSnapshot('matrix docx');

    const quotesCsv = await quarry(d, 'export', 'demo.quarry', 'quotes', '--code', 'Sources of advice', '--label', '{Role} ({case})', '--where', 'Group=Entrepreneur', '--out', 'quotes.csv', '--json');
    expect(runOf(quotesCsv)).toMatchSnapshot('quotes csv run');
    expect(readFileSync(join(d, 'quotes.csv'), 'utf8')).toMatchSnapshot('quotes csv');
    const quotesDocx = await quarry(d, 'export', 'demo.quarry', 'quotes', '--code', 'Outcomes/Entrepreneurs/Trust', '--memos', '--order', 'source', '--out', 'quotes.docx');
    expect(zipRun(quotesDocx)).toMatchSnapshot('quotes docx run');
    expect(docxText(join(d, 'quotes.docx'))).toMatchSnapshot('quotes docx');

    const codebook = await quarry(d, 'export', 'demo.quarry', 'codebook', '--examples', '--out', 'codebook.docx', '--json');
    expect(zipRun(codebook)).toMatchSnapshot('codebook run');
    expect(docxText(join(d, 'codebook.docx'))).toMatchSnapshot('codebook docx');

    const framework = await quarry(d, 'export', 'demo.quarry', 'framework', 'Motivations and outcomes by theme', '--quotes', '--label', '[{case}]', '--out', 'framework.docx', '--json');
    expect(zipRun(framework)).toMatchSnapshot('framework run');
    expect(docxText(join(d, 'framework.docx'))).toMatchSnapshot('framework docx');
  });

  it('refusals keep their exit codes and messages', async () => {
    const d = dir('export-bad');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    const runs = [
      await quarry(d, 'export', 'demo.quarry', 'cases', '--out', 'cases.txt'),
      await quarry(d, 'export', 'demo.quarry', 'quotes', '--out', 'q.csv'),
      await quarry(d, 'export', 'demo.quarry', 'quotes', '--code', 'No such code', '--out', 'q.csv'),
      await quarry(d, 'export', 'demo.quarry', 'framework', 'No such matrix', '--out', 'f.docx'),
      await quarry(d, 'export', 'demo.quarry', 'cases', '--set', 'No such set', '--out', 'c.csv'),
      await quarry(d, 'export', 'demo.quarry', 'cases', '--out', join('no-folder', 'c.csv')),
      await quarry(d, 'export', 'missing.quarry', 'cases', '--out', 'c.csv'),
      await quarry(d, 'export', 'demo.quarry', 'qdc', '--out', join('no-folder', 'c.qdc')),
    ];
    expect(runs.map(runOf)).toMatchSnapshot();
  });

  it('qdpx and qdc, and import-qdpx of the package', async () => {
    const d = dir('refi');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    const qdpx = await quarry(d, 'export', 'demo.quarry', 'qdpx', '--out', 'demo.qdpx', '--json');
    expect(zipRun(qdpx)).toMatchSnapshot('qdpx run');
    expect(zipRun(await quarry(d, 'export', 'demo.quarry', 'qdpx', '--out', 'again.qdpx'))).toMatchSnapshot('qdpx text run');
    expect(qdpxEntries(join(d, 'demo.qdpx'))).toMatchSnapshot('qdpx entries');
    const qdc = await quarry(d, 'export', 'demo.quarry', 'qdc', '--out', 'demo.qdc', '--json');
    expect(runOf(qdc)).toMatchSnapshot('qdc run');
    expect(normal(readFileSync(join(d, 'demo.qdc'), 'utf8'))).toMatchSnapshot('qdc file');
    expect(runOf(await quarry(d, 'import-qdpx', 'demo.qdpx', 'again.quarry', '--json'))).toMatchSnapshot('import-qdpx json');
    expect(runOf(await quarry(d, 'import-qdpx', 'demo.qdpx', 'third.quarry'))).toMatchSnapshot('import-qdpx text');
    expect(runOf(await quarry(d, 'import-qdpx', 'demo.qdpx', 'third.quarry'))).toMatchSnapshot('import-qdpx over a project');
    expect(runOf(await quarry(d, 'import-qdpx', 'nothing.qdpx', 'n.quarry'))).toMatchSnapshot('import-qdpx of no file');
    expect(runOf(await quarry(d, 'import-qdpx', 'demo.quarry', 'n.quarry'))).toMatchSnapshot('import-qdpx of a project file');
  });
});

describe('quarry merge, agreement, demo and clean, as they printed before', () => {
  it('merge: JSON, then text when there is nothing left to merge', async () => {
    const d = dir('merge');
    copyFileSync(files.ruth, join(d, 'ruth.quarry'));
    copyFileSync(files.ruth, join(d, 'ruth-text.quarry'));
    copyFileSync(files.daniel, join(d, 'daniel.quarry'));
    expect(runOf(await quarry(d, 'merge', 'ruth.quarry', 'daniel.quarry', '--json'))).toMatchSnapshot('merge json');
    expect(runOf(await quarry(d, 'merge', 'ruth-text.quarry', 'daniel.quarry'))).toMatchSnapshot('merge text');
    expect(runOf(await quarry(d, 'merge', 'ruth.quarry', 'daniel.quarry'))).toMatchSnapshot('merge again');
    expect(runOf(await quarry(d, 'merge', 'ruth.quarry', 'nobody.quarry'))).toMatchSnapshot('merge of no file');
  });

  it('agreement: JSON and text, and unknown names', async () => {
    const d = dir('agree');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    const coders = ['--coders', 'Ruth Ashworth,Daniel Osei'];
    expect(runOf(await quarry(d, 'agreement', 'demo.quarry', ...coders, '--json'))).toMatchSnapshot('agreement json');
    expect(runOf(await quarry(d, 'agreement', 'demo.quarry', ...coders, '--code', 'Motivations/Intermediaries', '--source', 'I1', '--source', 'I2', '--json'))).toMatchSnapshot('agreement filtered json');
    expect(runOf(await quarry(d, 'agreement', 'demo.quarry', ...coders, '--exclude-uncoded', '--alpha-coders', 'Ruth Ashworth,Daniel Osei'))).toMatchSnapshot('agreement text');
    expect(runOf(await quarry(d, 'agreement', 'demo.quarry', ...coders, '--source', 'Z9'))).toMatchSnapshot('agreement unknown source');
    expect(runOf(await quarry(d, 'agreement', 'demo.quarry', ...coders, '--code', 'Nowhere/Else'))).toMatchSnapshot('agreement unknown code');
  });

  it('demo builds the study once and refuses to overwrite it', async () => {
    const d = dir('demo');
    expect(runOf(await quarry(d, 'demo', 'study.quarry'))).toMatchSnapshot('demo');
    expect(runOf(await quarry(d, 'demo', 'study.quarry'))).toMatchSnapshot('demo again');
  }, 120_000);

  it('clean: JSON and text', async () => {
    const d = dir('clean');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    expect(runOf(await quarry(d, 'clean', 'demo.quarry', '--out', 'clean.quarry', '--json'))).toMatchSnapshot('clean json');
    expect(runOf(await quarry(d, 'clean', 'demo.quarry'))).toMatchSnapshot('clean text');
    expect(runOf(await quarry(d, 'clean', 'none.quarry'))).toMatchSnapshot('clean of no file');
  });
});

describe('quarry media, as it printed and wrote before', () => {
  it('--out, --transcript and --relink', async () => {
    const d = dir('media');
    const wav = sineWav(2);
    writeFileSync(join(d, 'Harbour walk.wav'), wav);
    writeFileSync(join(d, 'Long walk.wav'), sineWav(3));
    writeFileSync(join(d, 'walk.vtt'), 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Ines>Gulls over the quay.</v>\n\n00:00:01.000 --> 00:00:02.000\n<v Ines>Nets drying.</v>\n');
    const path = join(d, 'media.quarry');
    const { project } = { project: ProjectDb.create(path) };
    try {
      const ctx = { project, coderName: ENV.QUARRY_CODER };
      await importRecording(ctx, { mediaPath: join(d, 'Harbour walk.wav') });
      // Above the embedding limit: linked, so it can go missing and be relinked.
      await importRecording(ctx, { mediaPath: join(d, 'Long walk.wav'), maxEmbedBytes: 1000 });
    } finally {
      project.close();
    }
    const out = await quarry(d, 'media', 'media.quarry', 'Harbour walk', '--out', 'copy.wav');
    expect(runOf(out)).toMatchSnapshot('media out');
    expect(readFileSync(join(d, 'copy.wav')).equals(wav)).toBe(true);
    expect(runOf(await quarry(d, 'media', 'media.quarry', 'Harbour walk', '--transcript', 'walk.vtt'))).toMatchSnapshot('media transcript');
    expect(runOf(await quarry(d, 'media', 'media.quarry', 'Harbour walk', '--transcript', 'walk.vtt'))).toMatchSnapshot('media transcript again');
    expect(runOf(await quarry(d, 'media', 'media.quarry', 'Harbour walk', '--transcript', 'none.vtt'))).toMatchSnapshot('media transcript missing');
    renameSync(join(d, 'Long walk.wav'), join(d, 'Moved walk.wav'));
    expect(runOf(await quarry(d, 'media', 'media.quarry', 'Long walk', '--relink', 'Moved walk.wav'))).toMatchSnapshot('media relink');
    expect(runOf(await quarry(d, 'media', 'media.quarry', 'Harbour walk', '--relink', 'Moved walk.wav'))).toMatchSnapshot('media relink embedded');
    expect(runOf(await quarry(d, 'media', 'media.quarry', 'Nobody', '--out', 'x.wav'))).toMatchSnapshot('media unknown source');
  });
});

// ---------------------------------------------------------------------------
// Each command's output is what the contract method returns when called directly.

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

type Call = <T>(method: string, args?: unknown) => Promise<T>;

/** An app session (the dispatcher the desktop app and browser mode use), with `project` opened when given. */
async function direct(project?: string, platform: 'web' | 'electron' = 'web'): Promise<Call> {
  const session = new Session({ dataDir: join(work, 'app-data'), platform, backupCheckMs: 0, oneShot: { coderName: ENV.QUARRY_CODER } });
  sessions.push(session);
  const dispatch = createDispatcher(session, (e) => {
    throw e;
  });
  const call: Call = async <T>(method: string, args: unknown = {}): Promise<T> => {
    const r = await dispatch(method, args);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  if (project) await call('project.open', { path: project });
  return call;
}

const documentXml = (bytes: Uint8Array): string => inspectDocx(bytes).parts['word/document.xml']!;
const fromBase64 = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

describe('each converted command prints what the contract returns', () => {
  it('export: the file the CLI writes is export.file’s, and its JSON names it', async () => {
    const d = dir('same-export');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    const cases = [
      { argv: ['cases', '--group-by', 'Group', '--raw-numbers', '--out', 'c.csv'], request: { kind: 'cases', format: 'csv', groupBy: 'Group', rawNumbers: true } },
      { argv: ['matrix', '--rows', 'cases', '--cols', 'codes', '--measure', 'words', '--out', 'm.docx'], request: { kind: 'matrix', format: 'docx', rows: 'cases', cols: 'codes', measure: 'words', rowPercentages: false, shading: false } },
      { argv: ['quotes', '--code', 'Sources of advice', '--order', 'source', '--out', 'q.csv'], request: { kind: 'quotes', format: 'csv', codes: ['Sources of advice'], order: 'source', memos: false, includeChildren: true } },
      { argv: ['codebook', '--out', 'b.docx'], request: { kind: 'codebook', format: 'docx', examples: false, guide: true } },
      { argv: ['framework', 'Motivations and outcomes by theme', '--out', 'f.docx'], request: { kind: 'framework', format: 'docx', name: 'Motivations and outcomes by theme', quotes: false } },
    ];
    const call = await direct(join(d, 'demo.quarry'));
    for (const c of cases) {
      const out = c.argv[c.argv.length - 1]!;
      const r = await quarry(d, 'export', 'demo.quarry', ...c.argv, '--json');
      expect(r.err).toBe('');
      const written = new Uint8Array(readFileSync(join(d, out)));
      expect(JSON.parse(r.out)).toEqual({ kind: c.request.kind, format: c.request.format, path: join(d, out), bytes: written.length });
      const file = await call<{ dataBase64: string }>('export.file', { request: c.request });
      const expected = fromBase64(file.dataBase64);
      if (c.request.format === 'csv') expect(Buffer.from(written).equals(Buffer.from(expected)), out).toBe(true);
      else expect(documentXml(written), out).toBe(documentXml(expected));
    }
  });

  it('export qdpx / qdc: the files refi.exportQdpx / refi.exportQdc hand back', async () => {
    const d = dir('same-refi');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    const qdc = await quarry(d, 'export', 'demo.quarry', 'qdc', '--out', 'demo.qdc', '--json');
    const qdpx = await quarry(d, 'export', 'demo.quarry', 'qdpx', '--out', 'demo.qdpx', '--json');
    const call = await direct(join(d, 'demo.quarry'));
    const directQdc = await call<{ dataBase64: string; bytes: number }>('refi.exportQdc', {});
    expect(readFileSync(join(d, 'demo.qdc'), 'utf8')).toBe(Buffer.from(directQdc.dataBase64, 'base64').toString('utf8'));
    expect(JSON.parse(qdc.out)).toEqual({ kind: 'qdc', path: join(d, 'demo.qdc'), bytes: directQdc.bytes, profile: 'standard', changes: [] });
    const directQdpx = await call<{ dataBase64: string }>('refi.exportQdpx', {});
    writeFileSync(join(d, 'direct.qdpx'), fromBase64(directQdpx.dataBase64));
    expect(qdpxEntries(join(d, 'demo.qdpx'))).toEqual(qdpxEntries(join(d, 'direct.qdpx')));
    expect(JSON.parse(qdpx.out)).toEqual({ kind: 'qdpx', path: join(d, 'demo.qdpx'), bytes: readFileSync(join(d, 'demo.qdpx')).length, profile: 'standard', changes: [] });
  });

  it('import-qdpx: the report of refi.importProject, and the same project', async () => {
    const d = dir('same-import');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    expect((await quarry(d, 'export', 'demo.quarry', 'qdpx', '--out', 'demo.qdpx')).code).toBe(0);
    const r = await quarry(d, 'import-qdpx', 'demo.qdpx', 'cli.quarry', '--json');
    const call = await direct();
    const { report } = await call<{ report: RefiImportReport }>('refi.importProject', { filePath: join(d, 'demo.qdpx'), path: join(d, 'direct.quarry'), acceptLosses: true });
    const { sources, codes, codings, cases, notes, skipped, positionUnit } = report;
    expect(JSON.parse(r.out)).toEqual({ sources, codes, codings, cases, notes, skipped, positionUnit });
    expect(r.err).toBe(`position unit: ${report.positionUnit} (${report.positionUnitReason})\n`);
    sessions.pop()!.close();
    expect(await projectReadBack(join(d, 'cli.quarry'))).toEqual(await projectReadBack(join(d, 'direct.quarry')));
  });

  it('merge: merge.apply’s result, and the same merged project', async () => {
    const d = dir('same-merge');
    copyFileSync(files.ruth, join(d, 'cli.quarry'));
    copyFileSync(files.ruth, join(d, 'direct.quarry'));
    copyFileSync(files.daniel, join(d, 'daniel.quarry'));
    const r = await quarry(d, 'merge', 'cli.quarry', 'daniel.quarry', '--json');
    const call = await direct(join(d, 'direct.quarry'));
    const merged = await call<Record<string, unknown> & { conflicts: unknown[] }>('merge.apply', { path: join(d, 'daniel.quarry') });
    const { decisions: _d, conflicts: _c, otherFileHash: _h, ...summary } = merged;
    expect(JSON.parse(r.out)).toEqual({ ...summary, conflicts: [] });
    sessions.pop()!.close();
    expect(await projectReadBack(join(d, 'cli.quarry'))).toEqual(await projectReadBack(join(d, 'direct.quarry')));
  });

  it('agreement: agreement.compare’s figures, rounded as before', async () => {
    const d = dir('same-agree');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    const r = await quarry(d, 'agreement', 'demo.quarry', '--coders', 'Ruth Ashworth,Daniel Osei', '--code', 'Motivations/Entrepreneurs', '--code', 'Sources of advice/Bank manager', '--source', 'E2', '--json');
    const call = await direct(join(d, 'demo.quarry'));
    const tree = await call<CodeNode[]>('codes.tree');
    const id = (path: string): number => path.split('/').reduce<{ level: CodeNode[]; node?: CodeNode }>(({ level }, name) => { const node = level.find((n) => n.name === name)!; return { level: node.children, node }; }, { level: tree }).node!.id;
    const sourceId = (await call<{ id: number; name: string }[]>('sources.list')).find((s) => s.name === 'E2')!.id;
    const a = await call<AgreementResult>('agreement.compare', { coderA: 'Ruth Ashworth', coderB: 'Daniel Osei', codeIds: [id('Motivations/Entrepreneurs'), id('Sources of advice/Bank manager')], sourceIds: [sourceId], excludeUncoded: false });
    const round = (x: number | null): number | null => (x === null ? null : Number(x.toFixed(4)));
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ unit: a.unit, percentAgreement: round(a.percentAgreement), kappa: round(a.kappa), alpha: round(a.alpha), coders: [a.coderA, a.coderB], alphaCoders: a.alphaCoders, comparedSources: a.comparedSources.map((s) => s.name) });
    expect(j.perCode.map((c: { code: string; agreeBoth: number; onlyA: number; onlyB: number; kappa: number | null }) => [c.code, c.agreeBoth, c.onlyA, c.onlyB, c.kappa])).toEqual(
      a.perCode.map((c) => [c.code, c.agreeBoth, c.onlyA, c.onlyB, round(c.kappa)]),
    );
  });

  it('media --out: the bytes and file name media.export gives', async () => {
    const d = dir('same-media');
    writeFileSync(join(d, 'Quay.wav'), sineWav(1));
    const project = ProjectDb.create(join(d, 'm.quarry'));
    try {
      await importRecording({ project, coderName: ENV.QUARRY_CODER }, { mediaPath: join(d, 'Quay.wav') });
    } finally {
      project.close();
    }
    const r = await quarry(d, 'media', 'm.quarry', 'Quay', '--out', 'cli.wav');
    const call = await direct(join(d, 'm.quarry'));
    const sourceId = (await call<{ id: number }[]>('sources.list'))[0]!.id;
    const e = await call<{ path: string; bytes: number; fileName: string }>('media.export', { sourceId, path: join(d, 'direct.wav') });
    expect(r.out).toBe(`Wrote ${e.bytes} bytes (${e.fileName}) to ${join(d, 'cli.wav')}\n`);
    expect(readFileSync(join(d, 'cli.wav')).equals(readFileSync(join(d, 'direct.wav')))).toBe(true);
  });

  it('demo: the study project.openDemo builds at a path', async () => {
    const d = dir('same-demo');
    const r = await quarry(d, 'demo', 'cli.quarry');
    const call = await direct();
    const info = await call<ProjectInfo>('project.openDemo', { path: join(d, 'direct.quarry') });
    expect(r.out).toBe(`Built the demo study at ${join(d, 'cli.quarry')}: ${info.counts.sources} sources, ${info.counts.cases} cases, ${info.counts.codings} codings\n`);
    sessions.pop()!.close();
    expect(await projectReadBack(join(d, 'cli.quarry'))).toEqual(await projectReadBack(join(d, 'direct.quarry')));
    // Named by a relative path, the contract refuses: the CLI always gives the full one.
    await expect((await direct())('project.openDemo', { path: 'relative.quarry' })).rejects.toThrow(/name the new project by its full path/);
  }, 120_000);

  it('clean: the report project.openCleanedCopy gives', async () => {
    const d = dir('same-clean');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    const r = await quarry(d, 'clean', 'demo.quarry', '--out', 'cli.quarry', '--json');
    const call = await direct();
    const { cleaned } = await call<{ cleaned: CleanedCopyReport }>('project.openCleanedCopy', { path: join(d, 'demo.quarry'), target: join(d, 'direct.quarry') });
    expect(JSON.parse(r.out)).toEqual({ ...cleaned, path: join(d, 'cli.quarry') });
  });
});

/** What a project reads back through the contract, without what differs by nature between two files (GUIDs, times, its path). */
async function projectReadBack(path: string): Promise<unknown> {
  const call = await direct(path);
  const info = await call<ProjectInfo>('project.info');
  const out = { counts: info.counts, codes: await call('codes.tree'), sources: await call('sources.list'), cases: await call('cases.list') };
  sessions.pop()!.close();
  return JSON.parse(JSON.stringify(out, (k, v: unknown) => (k === 'guid' || k === 'createdAt' || k === 'modifiedAt' || k === 'importedAt' ? undefined : v)));
}

describe('the converted commands reach the project only through the contract', () => {
  const ROOT = join(import.meta.dirname, '..', '..');
  const CONVERTED = ['exportCommand.ts', 'refiExportKinds.ts', 'coauthorCommands.ts', 'mediaCommand.ts', 'demoCommand.ts', 'cleanCommand.ts'];
  // Module specifiers of static imports, re-exports and dynamic imports.
  const specifiers = (source: string): string[] => [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

  it.each(CONVERTED)('%s imports no service, store, exporter or query module, and opens no project itself', (file) => {
    const source = readFileSync(join(ROOT, 'cli', 'commands', file), 'utf8');
    const found = specifiers(source);
    expect(found.length, 'the import reader found the imports').toBeGreaterThan(0);
    expect(found.filter((s) => /\/shared\/(services|store|exporters|queries)\//.test(s))).toEqual([]);
    // withReadProject / withWriteProject hand out the database; the contract session is the way in.
    expect(source).not.toMatch(/\bwith(Read|Write)Project\w*\b|ProjectDb/);
  });
});

describe('the installed command (the bundle) runs the REFI-QDA export and import and the coding comparison in the worker process', () => {
  it('finds the worker beside the compiled core, without being told where it is', () => {
    const root = join(import.meta.dirname, '..', '..');
    expect(existsSync(join(root, 'build', 'cli-bundle', 'quarry.mjs')), 'run npm run build first').toBe(true);
    const d = dir('bundle');
    copyFileSync(files.full, join(d, 'demo.quarry'));
    // The tests name a worker bundled from the sources; the installed command must not need that.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'QUARRY_REFI_WORKER' && k !== 'QUARRY_FOREIGN_READER'));
    const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'quarry.mjs'), ...args], { encoding: 'utf8', cwd: d, env });
    const qdpx = run('export', 'demo.quarry', 'qdpx', '--out', 'demo.qdpx', '--json');
    expect(qdpx.stderr).toBe('');
    expect(JSON.parse(qdpx.stdout)).toMatchObject({ kind: 'qdpx', path: join(d, 'demo.qdpx') });
    const imported = run('import-qdpx', 'demo.qdpx', 'again.quarry', '--json');
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ sources: 14, cases: 14, skipped: [] });
    // The coding comparison runs in the same worker.
    const agreement = run('agreement', 'demo.quarry', '--coders', 'Ruth Ashworth,Daniel Osei', '--json');
    expect(agreement.status, agreement.stderr).toBe(0);
    expect(JSON.parse(agreement.stdout)).toMatchObject({ coders: ['Ruth Ashworth', 'Daniel Osei'] });
  });
});
