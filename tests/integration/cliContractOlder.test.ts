/**
 * Issue 15, item 5: the older CLI commands go through the one contract too —
 * new, import (documents and recordings), sources, sources set, codes add,
 * codings, query, cases list|add|import|export. Each command runs on one copy
 * of a project while the contract method the app uses is called directly on
 * another; the CLI's JSON must be what the method returned, and the two
 * projects must read back the same. (The text and JSON output as it was before
 * the move is held in cliOlderGoldens.test.ts.) Last, the command modules are
 * read to show which still reach past the contract into services, stores or
 * queries.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import type { CaseRecord } from '../../shared/domain/caseTypes.js';
import type { CodedPassage, CodeNode, ImportResultItem, ProjectInfo, SourceSummary } from '../../shared/domain/types.js';
import type { CodingQueryResult } from '../../shared/queries/types.js';
import { sineWav } from '../media/mediaFixtures.js';
import { tempDir } from '../unit/db/testProject.js';
import { cliRunner } from './cliRunner.js';

const ENV = { QUARRY_CODER: 'Ilse Marwick' };

const { quarry, ok } = cliRunner(ENV);

const json = async (cwd: string, ...argv: string[]): Promise<unknown> => JSON.parse(await ok(cwd, ...argv, '--json'));

type Call = <T>(method: string, args?: unknown) => Promise<T>;

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

/** An app session on `dir` (no project open until `open` is given): the contract called directly. */
async function direct(dir: string, open?: string): Promise<Call> {
  const session = new Session({ dataDir: join(dir, 'app-data'), platform: 'web', backupCheckMs: 0, oneShot: { coderName: ENV.QUARRY_CODER } });
  sessions.push(session);
  const dispatch = createDispatcher(session, (e) => {
    throw e;
  });
  const call: Call = async <T,>(method: string, args: unknown = {}): Promise<T> => {
    const r = await dispatch(method, args);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  if (open !== undefined) await call('project.open', { path: join(dir, open) });
  return call;
}

/** What a project reads back through the contract, without what differs by nature between two runs. */
async function snapshot(dir: string, file: string): Promise<unknown> {
  const call = await direct(dir, file);
  const sources = await call<SourceSummary[]>('sources.list');
  const out = {
    sources: await call('sources.overview'),
    texts: await Promise.all(sources.map(async (s) => (await call<{ text: string }>('sources.get', { id: s.id, codings: false })).text)),
    cases: await call('cases.overview'),
    sheet: await call('cases.sheet'),
    codes: await call('codes.tree'),
    codings: await call('codings.passages'),
    history: await call('history.state'),
  };
  sessions.pop()!.close();
  const drop = new Set(['guid', 'createdAt', 'modifiedAt', 'id', 'sourceId', 'codeId', 'codingId', 'caseId', 'attributeId', 'parentId', 'classificationId']);
  return JSON.parse(JSON.stringify(out, (k, v: unknown) => (drop.has(k) ? undefined : v)));
}

// Synthetic interviews written for this test.
const TEXTS: Record<string, string> = {
  'Ropewalk.txt': 'Q: Who taught you the trade?\nA: My grandfather, then the foreman. He trusted me with the big winch after a year 🪢 of sweeping.\n',
  'Tannery.txt': 'Q: How did the smell affect the neighbours?\nA: They complained to the council; the grant for new drains came after two winters.\n',
};

const VTT = `WEBVTT

00:00:00.000 --> 00:00:04.000
<v Interviewer>What did the union meeting decide?</v>

00:00:04.000 --> 00:00:08.000
<v Respondent>To share the night rota fairly, at last.</v>
`;

const SHEET = 'Case,Trade,Workers,Opened\r\nRopewalk,Rope,9,1921-06-01\r\nTannery,Leather,many,1887-02-11\r\nDyeworks,Cloth,31,1902-10-30\r\n';

let base: string;

beforeAll(() => {
  base = tempDir('quarry-cli-older-');
  for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(base, name), text);
  writeFileSync(join(base, 'Union meeting.wav'), sineWav(9));
  writeFileSync(join(base, 'union.vtt'), VTT);
  writeFileSync(join(base, 'sheet.csv'), SHEET);
});

describe('quarry new and import', () => {
  it('new makes the project project.create makes; import --json is what sources.import and media.importRecording return', async () => {
    const dir = tempDir('quarry-cli-older-build-');
    for (const f of [...Object.keys(TEXTS), 'Union meeting.wav', 'union.vtt']) copyFileSync(join(base, f), join(dir, f));

    expect(await ok(dir, 'new', 'cli.quarry', '--name', 'Mill town')).toBe(`Created ${join(dir, 'cli.quarry')}\n`);
    const call = await direct(dir);
    const created = await call<ProjectInfo>('project.create', { path: join(dir, 'api.quarry'), name: 'Mill town', exactPath: true });
    expect(created.path).toBe(join(dir, 'api.quarry'));
    expect(created.name).toBe('Mill town');

    const docs = await json(dir, 'import', 'cli.quarry', 'Ropewalk.txt', 'Tannery.txt', '--case-from-name');
    const recording = await json(dir, 'import', 'cli.quarry', 'Union meeting.wav', '--transcript', 'union.vtt', '--case-from-name');
    const imported = await call<ImportResultItem[]>('sources.import', { files: Object.keys(TEXTS).map((f) => ({ filePath: join(dir, f) })), caseFromFileName: true });
    const media = await call<ImportResultItem>('media.importRecording', { mediaPath: join(dir, 'Union meeting.wav'), transcriptPath: join(dir, 'union.vtt'), caseFromFileName: true });
    const shape = (r: ImportResultItem) => ({ name: r.name, characters: r.characters });
    expect(docs).toEqual(imported.map(shape));
    expect(recording).toEqual([shape(media)]);
    sessions.pop()!.close();

    expect(await snapshot(dir, 'cli.quarry')).toEqual(await snapshot(dir, 'api.quarry'));
    // A file name with .quarry implied on the start screen is taken exactly as given here.
    expect(await ok(dir, 'new', 'plain-name')).toBe(`Created ${join(dir, 'plain-name')}\n`);
  });

  it('project.create names a file exactly only for the command line: an app session keeps the .quarry rule', async () => {
    const dir = tempDir('quarry-cli-older-exact-');
    const session = new Session({ dataDir: join(dir, 'app-data'), platform: 'web', backupCheckMs: 0 });
    sessions.push(session);
    const dispatch = createDispatcher(session, (e) => {
      throw e;
    });
    const refused = await dispatch('project.create', { path: join(dir, 'page-made.txt'), exactPath: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'exactPath is for the quarry command line only.' } });
    expect(existsSync(join(dir, 'page-made.txt'))).toBe(false);
    const made = await dispatch('project.create', { path: join(dir, 'page-made.txt') });
    expect(made).toMatchObject({ ok: true, value: { path: join(dir, 'page-made.txt.quarry') } });
  });

  it('a missing document is its own line, the rest still import; a missing transcript names it', async () => {
    const dir = tempDir('quarry-cli-older-missing-');
    copyFileSync(join(base, 'Ropewalk.txt'), join(dir, 'Ropewalk.txt'));
    copyFileSync(join(base, 'Union meeting.wav'), join(dir, 'Union meeting.wav'));
    await ok(dir, 'new', 'cli.quarry');
    const r = await quarry(dir, 'import', 'cli.quarry', 'Gone.txt', 'Ropewalk.txt', '--json');
    expect(r).toMatchObject({ code: 1, err: 'Gone.txt: no such file\n' });
    expect(JSON.parse(r.out)).toEqual([{ name: 'Ropewalk', characters: Array.from(TEXTS['Ropewalk.txt']!).length }]);
    expect(await quarry(dir, 'import', 'cli.quarry', 'Union meeting.wav', '--transcript', 'gone.vtt')).toEqual({ code: 1, out: '', err: 'gone.vtt: no such file\n' });
  });
});

/** The base study for the read commands: built once by the CLI, then copied. */
async function study(): Promise<string> {
  const dir = tempDir('quarry-cli-older-study-');
  for (const f of [...Object.keys(TEXTS), 'Union meeting.wav', 'union.vtt', 'sheet.csv']) copyFileSync(join(base, f), join(dir, f));
  await ok(dir, 'new', 'study.quarry');
  await ok(dir, 'import', 'study.quarry', ...Object.keys(TEXTS), '--case-from-name');
  await ok(dir, 'import', 'study.quarry', 'Union meeting.wav', '--transcript', 'union.vtt', '--case-from-name');
  await ok(dir, 'cases', 'import', 'study.quarry', 'sheet.csv');
  await ok(dir, 'sources', 'set', 'study.quarry', 'Tannery', 'Wave=2');
  const at = (file: string, words: string): [string, string] => {
    const text = TEXTS[file]!;
    const start = Array.from(text.slice(0, text.indexOf(words))).length;
    return [String(start), String(start + Array.from(words).length)];
  };
  await ok(dir, 'code', 'study.quarry', 'Ropewalk', ...at('Ropewalk.txt', 'He trusted me with the big winch'), 'Trust/Elders');
  await ok(dir, 'code', 'study.quarry', 'Tannery', ...at('Tannery.txt', 'the grant for new drains'), 'Money/Grants');
  await ok(dir, 'code', 'study.quarry', 'Tannery', ...at('Tannery.txt', 'They complained to the council'), 'Trust', '--coder', 'Pavel Ors');
  await ok(dir, 'code', 'study.quarry', 'Union meeting', '40', '75', 'Trust');
  return dir;
}

describe('quarry sources, cases, codings and query read what the contract answers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await study();
  }, 60_000);

  it('sources --json is sources.overview; cases --json is cases.overview', async () => {
    const call = await direct(dir, 'study.quarry');
    const sources = await json(dir, 'sources', 'study.quarry');
    expect(sources).toEqual(await call('sources.overview'));
    expect(sources).toContainEqual({ name: 'Union meeting', characters: expect.any(Number), case: 'Union meeting', media: { kind: 'audio', durationMs: 9000, embedded: true }, attributes: {} });
    expect(sources).toContainEqual(expect.objectContaining({ name: 'Tannery', attributes: { Wave: '2' } }));
    const cases = await json(dir, 'cases', 'study.quarry');
    expect(cases).toEqual(await call('cases.overview'));
    expect(cases).toContainEqual({ name: 'Dyeworks', parent: null, classification: 'Default', sources: [], attributes: { Trade: 'Cloth', Workers: '31', Opened: '1902-10-30' } });
  });

  it('codings --json is codings.passages with each passage’s time from sources.spanTimes, filters included', async () => {
    const call = await direct(dir, 'study.quarry');
    const tree = await call<CodeNode[]>('codes.tree');
    const sources = await call<SourceSummary[]>('sources.list');
    const expected = async (args: Record<string, unknown>) => {
      const rows = await call<CodedPassage[]>('codings.passages', args);
      const times = rows.length ? await call<([number, number] | null)[]>('sources.spanTimes', { spans: rows.map((r) => ({ sourceId: r.sourceId, start: r.start, end: r.end })) }) : [];
      return rows.map((r, i) => ({ source: r.source, case: r.case, start: r.start, end: r.end, text: r.text, code: r.code, coder: r.coder, time: times[i] }));
    };
    const all = await json(dir, 'codings', 'study.quarry');
    expect(all).toEqual(await expected({}));
    expect(all).toContainEqual(expect.objectContaining({ source: 'Union meeting', code: 'Trust', time: [0, 8000] }));
    expect(await json(dir, 'codings', 'study.quarry', '--code', 'Trust')).toEqual(await expected({ codeId: tree.find((n) => n.path === 'Trust')!.id }));
    expect(await json(dir, 'codings', 'study.quarry', '--source', 'Tannery', '--coder', 'Pavel Ors')).toEqual(
      await expected({ sourceId: sources.find((s) => s.name === 'Tannery')!.id, coder: 'Pavel Ors' }),
    );
    expect(await quarry(dir, 'codings', 'study.quarry', '--code', 'Trust/Nobody')).toEqual({ code: 1, out: '', err: 'quarry codings: There is no code “Trust/Nobody”.\n' });
    expect(await quarry(dir, 'codings', 'study.quarry', '--source', 'Nowhere')).toEqual({ code: 1, out: '', err: 'quarry codings: There is no source “Nowhere” in study.quarry.\n' });
  });

  it('query --json is queries.coding with times; its summary line counts what the method counts', async () => {
    const call = await direct(dir, 'study.quarry');
    const definition = { expr: { op: 'or', items: [{ op: 'code', path: 'Trust' }, { op: 'code', path: 'Money' }] }, filter: { where: [{ attribute: 'Trade', operator: '!=', value: 'Cloth' }] } };
    const r = await call<CodingQueryResult>('queries.coding', definition);
    const times = await call<([number, number] | null)[]>('sources.spanTimes', { spans: r.passages.map((p) => ({ sourceId: p.sourceId, start: p.start, end: p.end })) });
    const rows = await json(dir, 'query', 'study.quarry', '--code', 'Trust', '--or', 'Money', '--where', 'Trade!=Cloth');
    expect(rows).toEqual(r.passages.map((p, i) => ({ source: p.source, case: p.case, start: p.start, end: p.end, text: p.text, code: p.code, coder: p.coder, time: times[i] })));
    expect(r.passages.length).toBeGreaterThan(0);
    const text = await ok(dir, 'query', 'study.quarry', '--code', 'Trust', '--or', 'Money', '--where', 'Trade!=Cloth');
    expect(text.endsWith(`${r.references} passage${r.references === 1 ? '' : 's'} in ${r.sources} source${r.sources === 1 ? '' : 's'}, ${r.cases} case${r.cases === 1 ? '' : 's'}\n`)).toBe(true);
    expect(await quarry(dir, 'query', 'study.quarry', '--code', 'Nobody')).toEqual({ code: 1, out: '', err: 'quarry query: There is no code “Nobody”.\n' });
  });

  it('cases export writes what classification.export and classification.exportXlsx return', async () => {
    const call = await direct(dir, 'study.quarry');
    await ok(dir, 'cases', 'export', 'study.quarry', 'out.csv', '--raw-numbers');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe((await call<{ csv: string }>('classification.export', { rawNumbers: true })).csv);
    await ok(dir, 'cases', 'export', 'study.quarry', 'out.xlsx');
    const workbook = readFileSync(join(dir, 'out.xlsx'));
    expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');
    // The workbook reads back as the same sheet the method's own workbook gives.
    const fromCli = await call('classification.preview', { fileName: 'out.xlsx', dataBase64: workbook.toString('base64') });
    const fromApi = await call('classification.preview', { fileName: 'out.xlsx', dataBase64: (await call<{ dataBase64: string }>('classification.exportXlsx')).dataBase64 });
    expect(fromCli).toEqual(fromApi);
  });
});

describe('quarry codes add, cases add|import, sources set change the project as their methods do', () => {
  it('each leaves its copy as the direct call leaves the other, and prints the method’s result', async () => {
    const dir = await study();
    copyFileSync(join(dir, 'study.quarry'), join(dir, 'cli.quarry'));
    copyFileSync(join(dir, 'study.quarry'), join(dir, 'api.quarry'));
    writeFileSync(join(dir, 'more.csv'), 'Case,Trade,Opened,Parent\r\nRopewalk,Rope,soon,\r\nApprentices,Rope,1950-04-01,Ropewalk\r\n');

    expect(await ok(dir, 'codes', 'add', 'cli.quarry', 'Craft/Skills', '--color', '#336699', '--description', 'Learning the trade by doing it')).toBe('Code Craft/Skills is ready\n');
    expect(await quarry(dir, 'codes', 'add', 'cli.quarry', 'Craft', '--color', 'blue')).toEqual({ code: 1, out: '', err: 'quarry codes: “blue” is not a colour; use the form #rrggbb.\n' });
    const added = await json(dir, 'cases', 'add', 'cli.quarry', 'Night rota', '--parent', 'Union meeting', '--classification', 'Committee');
    const imported = await json(dir, 'cases', 'import', 'cli.quarry', 'more.csv');
    const set = await json(dir, 'sources', 'set', 'cli.quarry', 'Ropewalk', 'Wave=1', 'Interviewer=Ilse');

    const call = await direct(dir, 'api.quarry');
    await call('codes.create', { path: 'Craft/Skills', color: '#336699', description: 'Learning the trade by doing it' });
    const caseAdded = await call<{ parent: string | null; classification: string | null }>('cases.add', { name: 'Night rota', parent: 'Union meeting', classification: 'Committee' });
    expect(added).toEqual({ name: 'Night rota', parent: caseAdded.parent, classification: caseAdded.classification });
    const report = await call<{ created: number; updated: number; rejected: unknown[]; nested?: number }>('classification.import', { filePath: join(dir, 'more.csv') });
    expect(imported).toEqual({ created: report.created, updated: report.updated, rejected: report.rejected, nested: report.nested });
    expect(report.rejected).toHaveLength(1);
    expect(set).toEqual(await call('sourceAttributes.setByName', { source: 'Ropewalk', values: [{ name: 'Wave', raw: '1' }, { name: 'Interviewer', raw: 'Ilse' }] }));
    const cases = await call<CaseRecord[]>('cases.list');
    expect(cases.find((c) => c.name === 'Apprentices')!.parentId).toBe(cases.find((c) => c.name === 'Ropewalk')!.id);
    sessions.pop()!.close();

    expect(await snapshot(dir, 'cli.quarry')).toEqual(await snapshot(dir, 'api.quarry'));
    expect(await quarry(dir, 'cases', 'import', 'cli.quarry', 'absent.csv')).toEqual({ code: 1, out: '', err: 'quarry cases: absent.csv: no such file.\n' });
    expect(await quarry(dir, 'sources', 'set', 'cli.quarry', 'Nowhere', 'Wave=1')).toEqual({ code: 1, out: '', err: 'quarry sources: There is no source called “Nowhere”.\n' });
  });
});

describe('which command modules still reach past the contract', () => {
  const CLI = join(__dirname, '../../cli');
  const files = [...readdirSync(CLI).filter((f) => f.endsWith('.ts')), ...readdirSync(join(CLI, 'commands')).filter((f) => f.endsWith('.ts')).map((f) => `commands/${f}`)];

  /** Imports of services, stores or queries that run code (a type-only import carries none). */
  const bypasses = (file: string): string[] =>
    [...readFileSync(join(CLI, file), 'utf8').matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)]
      .filter((m) => m[1] === undefined && /\/shared\/(services|store|queries)\//.test(m[2]!))
      .map((m) => m[2]!);

  /** Converted to the contract (issue 15, item 5): they must stay so. */
  const CONVERTED = [
    'commands/projectCommands.ts',
    'commands/codeCommands.ts',
    'commands/codeEditCommands.ts',
    'commands/queryCommands.ts',
    'commands/casesCommand.ts',
    'commands/setsCommand.ts',
    'commands/frameworkCommands.ts',
    'commands/passageTimes.ts',
    'contractSession.ts',
    'contractLookups.ts',
    // The --where parser comes from shared/cases, not from the query layer (which would load stores).
    'reportFilterArgs.ts',
  ];

  /** Every command now goes through the contract (export, merge, agreement, media, demo and clean too): none may go back. */
  const LEFT: string[] = [];

  it('the converted commands import no service, store or query module', () => {
    for (const f of CONVERTED) expect(files).toContain(f);
    expect(Object.fromEntries(CONVERTED.map((f) => [f, bypasses(f)]))).toEqual(Object.fromEntries(CONVERTED.map((f) => [f, []])));
  });

  it('lists the modules that still do, and no other module starts to', () => {
    const still = files.filter((f) => bypasses(f).length > 0);
    console.info(`CLI modules still importing services/stores/queries: ${still.map((f) => `${f} (${bypasses(f).join(', ')})`).join('; ') || 'none'}`);
    expect(still.filter((f) => !LEFT.includes(f))).toEqual([]);
  });
});
