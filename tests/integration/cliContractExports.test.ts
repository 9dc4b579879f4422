/**
 * Issue 15, item 5 (part 2): `quarry export` (every kind), `import-qdpx`, `merge`,
 * `agreement`, `media`, `demo` and `clean` go through the one contract.
 *
 * Each command's output (stdout, stderr, the files it writes) is kept in a snapshot,
 * recorded from the commands as they were before they went through the contract: names
 * and fields other tools read must not change. What differs by nature between two runs
 * (the temporary folder, GUIDs, times, a zip's compressed size) is normalised first.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
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
