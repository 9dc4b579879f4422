/**
 * The `quarry` CLI of issue 3, item 8: every command, its JSON shape, and
 * each error (one line on stderr, exit 1; usage errors exit 2). Most runs are
 * in-process through runCli; a few spawn the real binary.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { CURRENT_SCHEMA_VERSION } from '../../shared/db/migrations/index.js';
import { tempDir } from '../unit/db/testProject.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'quarry.mjs');

interface Run {
  code: number;
  out: string;
  err: string;
}

async function quarry(cwd: string, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: {} });
  return { code, out, err };
}

/** An error run: exit 1 (or 2), nothing on stdout, exactly one line on stderr. */
function expectFailure(r: Run, exit: 1 | 2, message: RegExp): void {
  expect(r.code, r.err).toBe(exit);
  if (exit === 1) {
    expect(r.err.endsWith('\n')).toBe(true);
    expect(r.err.trimEnd().split('\n'), r.err).toHaveLength(1);
    expect(r.out).toBe('');
  }
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/\n\s+at |SqliteError|SQLITE_/);
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

// A transcript with emoji, CJK, RTL and CRLF line endings and a BOM; its stored form is LF without BOM.
const RAW = '\ufeffInterviewer: Q1. Why?\r\nRespondent: Because 😀 “really” — 中文 and مرحبا.\r\nRespondent: Family 👩\u200d👩\u200d👧 e\u0301\r\nno newline at the end';
const STORED = RAW.slice(1).replace(/\r\n/g, '\n');
const cp = (s: string) => Array.from(s).length;

function workspace(): { dir: string; file: (name: string, content: string | Buffer) => string } {
  const dir = tempDir('quarry-cli-');
  return {
    dir,
    file: (name, content) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
  };
}

async function projectWithSources() {
  const w = workspace();
  w.file('interview.txt', RAW);
  w.file('notes.md', '# Notes\n\nSome *markdown* text.\n');
  expect((await quarry(w.dir, 'new', 'p.quarry')).code).toBe(0);
  const imp = await quarry(w.dir, 'import', 'p.quarry', 'interview.txt', 'notes.md', '--json');
  expect(imp.code, imp.err).toBe(0);
  return w;
}

describe('quarry new', () => {
  it('creates a project, and refuses to overwrite one', async () => {
    const { dir } = workspace();
    const r = await quarry(dir, 'new', 'study.quarry');
    expect(r).toEqual({ code: 0, out: `Created ${join(dir, 'study.quarry')}\n`, err: '' });
    expect(readdirSync(dir)).toEqual(['study.quarry']);
    const before = sha(join(dir, 'study.quarry'));
    expectFailure(await quarry(dir, 'new', 'study.quarry'), 1, /^quarry new: study\.quarry already exists; Quarry will not overwrite it/);
    expect(sha(join(dir, 'study.quarry'))).toBe(before);
  });

  it('refuses to overwrite any existing file, and a missing folder', async () => {
    const { dir, file } = workspace();
    file('notes.txt', 'precious');
    expectFailure(await quarry(dir, 'new', 'notes.txt'), 1, /notes\.txt already exists/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('precious');
    expectFailure(await quarry(dir, 'new', 'no/such/folder/x.quarry'), 1, /x\.quarry: the folder .* does not exist/);
  });
});

describe('quarry info', () => {
  it('--json prints exactly schemaVersion and the four counts', async () => {
    const { dir } = await projectWithSources();
    await quarry(dir, 'code', 'p.quarry', 'interview', '0', '5', 'A/B');
    const r = await quarry(dir, 'info', 'p.quarry', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const info = JSON.parse(r.out);
    expect(Object.keys(info)).toEqual(['schemaVersion', 'sources', 'cases', 'codes', 'codings']);
    expect(info).toEqual({ schemaVersion: CURRENT_SCHEMA_VERSION, sources: 2, cases: 0, codes: 2, codings: 1 });
  });

  it('prints a readable summary without --json', async () => {
    const { dir } = await projectWithSources();
    const r = await quarry(dir, 'info', 'p.quarry');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sources: 2');
  });
});

describe('quarry import', () => {
  it('imports .txt and .md; --json gives [{name, characters}] in code points', async () => {
    const { dir, file } = workspace();
    file('interview.txt', RAW);
    file('notes.md', '# Notes 😀\n');
    await quarry(dir, 'new', 'p.quarry');
    const r = await quarry(dir, 'import', 'p.quarry', 'interview.txt', 'notes.md', '--json');
    expect(r.code, r.err).toBe(0);
    const list = JSON.parse(r.out);
    expect(list).toEqual([
      { name: 'interview', characters: cp(STORED) },
      { name: 'notes', characters: 10 }, // '😀' is one code point
    ]);
    for (const item of list) expect(Object.keys(item)).toEqual(['name', 'characters']);
  });

  it('adds a suffix on a name clash and overwrites nothing', async () => {
    const { dir, file } = workspace();
    file('a.txt', 'first');
    file('a.md', 'second');
    await quarry(dir, 'new', 'p.quarry');
    expect(JSON.parse((await quarry(dir, 'import', 'p.quarry', 'a.txt', '--json')).out)).toEqual([{ name: 'a', characters: 5 }]);
    const again = JSON.parse((await quarry(dir, 'import', 'p.quarry', 'a.txt', 'a.md', '--json')).out);
    expect(again).toEqual([
      { name: 'a (2)', characters: 5 },
      { name: 'a (3)', characters: 6 },
    ]);
    expect((await quarry(dir, 'text', 'p.quarry', 'a')).out).toBe('first');
    expect((await quarry(dir, 'text', 'p.quarry', 'a (3)')).out).toBe('second');
  });

  it('reports a missing input file on stderr and exits 1', async () => {
    const { dir } = workspace();
    await quarry(dir, 'new', 'p.quarry');
    const r = await quarry(dir, 'import', 'p.quarry', 'missing.txt', '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/missing\.txt/);
    expect(JSON.parse((await quarry(dir, 'sources', 'p.quarry', '--json')).out)).toEqual([]);
  });

  it('refuses to import into a missing project', async () => {
    const { dir, file } = workspace();
    file('a.txt', 'x');
    expectFailure(await quarry(dir, 'import', 'nope.quarry', 'a.txt'), 1, /^quarry import: nope\.quarry: no such file/);
  });
});

describe('quarry sources', () => {
  it('--json gives [{name, characters, case, media, attributes}] with case null when unassigned', async () => {
    const { dir, file } = await projectWithSources();
    const r = await quarry(dir, 'sources', 'p.quarry', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out);
    expect(list).toEqual([
      { name: 'interview', characters: cp(STORED), case: null, media: null, attributes: {} },
      { name: 'notes', characters: cp('# Notes\n\nSome *markdown* text.\n'), case: null, media: null, attributes: {} },
    ]);
    for (const item of list) expect(Object.keys(item)).toEqual(['name', 'characters', 'case', 'media', 'attributes']);
    file('E1.txt', 'entrepreneur one');
    await quarry(dir, 'import', 'p.quarry', 'E1.txt', '--case-from-name');
    const withCase = JSON.parse((await quarry(dir, 'sources', 'p.quarry', '--json')).out);
    expect(withCase[0]).toEqual({ name: 'E1', characters: 16, case: 'E1', media: null, attributes: {} });
  });
});

describe('quarry text', () => {
  it('prints the stored text exactly: BOM removed, CRLF → LF, emoji intact, nothing appended', async () => {
    const { dir } = await projectWithSources();
    const r = await quarry(dir, 'text', 'p.quarry', 'interview');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(STORED);
    expect(r.out.endsWith('at the end')).toBe(true);
    expect((await quarry(dir, 'text', 'p.quarry', 'notes')).out).toBe('# Notes\n\nSome *markdown* text.\n');
  });

  it('refuses an unknown source', async () => {
    const { dir } = await projectWithSources();
    expectFailure(await quarry(dir, 'text', 'p.quarry', 'nobody'), 1, /^quarry text: There is no source “nobody” in p\.quarry\.\n$/);
  });
});

describe('quarry codes', () => {
  it('codes add creates missing parents and sets colour and description on the leaf', async () => {
    const { dir } = await projectWithSources();
    const r = await quarry(dir, 'codes', 'add', 'p.quarry', 'Outcomes/Entrepreneurs/Trust', '--color', '#A1B2C3', '--description', 'Who they trust');
    expect(r.code, r.err).toBe(0);
    await quarry(dir, 'codes', 'add', 'p.quarry', 'Outcomes/Other');
    await quarry(dir, 'code', 'p.quarry', 'interview', '0', '5', 'Outcomes/Entrepreneurs/Trust');
    await quarry(dir, 'code', 'p.quarry', 'notes', '0', '5', 'Outcomes/Entrepreneurs/Trust');
    await quarry(dir, 'code', 'p.quarry', 'notes', '2', '7', 'Outcomes');
    const tree = JSON.parse((await quarry(dir, 'codes', 'p.quarry', '--json')).out);
    const color = expect.stringMatching(/^#[0-9a-f]{6}$/);
    expect(tree).toEqual([
      {
        name: 'Outcomes',
        path: 'Outcomes',
        color,
        colorChosen: true,
        description: '',
        references: 1,
        // notes [2,7) at Outcomes overlaps notes [0,5) at Trust: one passage for the parent, with interview's.
        aggregateReferences: 2,
        codings: 1,
        children: [
          {
            name: 'Entrepreneurs',
            path: 'Outcomes/Entrepreneurs',
            color,
            colorChosen: true,
            description: '',
            references: 0,
            aggregateReferences: 2,
            codings: 0,
            children: [
              {
                name: 'Trust',
                path: 'Outcomes/Entrepreneurs/Trust',
                color: '#a1b2c3',
                colorChosen: true,
                description: 'Who they trust',
                references: 2,
                aggregateReferences: 2,
                codings: 2,
                children: [],
              },
            ],
          },
          { name: 'Other', path: 'Outcomes/Other', color, colorChosen: true, description: '', references: 0, aggregateReferences: 0, codings: 0, children: [] },
        ],
      },
    ]);
    const keys = (n: Record<string, unknown>): void => {
      // colorChosen was added with nullable colours (schema 10); color kept its meaning, a drawable #rrggbb.
      expect(Object.keys(n)).toEqual(['name', 'path', 'color', 'colorChosen', 'description', 'references', 'aggregateReferences', 'codings', 'children']);
      for (const c of n.children as Record<string, unknown>[]) keys(c);
    };
    for (const n of tree) keys(n);
  });

  it('codes add refuses a bad colour; codes with no codes prints []', async () => {
    const { dir } = await projectWithSources();
    expect(JSON.parse((await quarry(dir, 'codes', 'p.quarry', '--json')).out)).toEqual([]);
    expectFailure(await quarry(dir, 'codes', 'add', 'p.quarry', 'X', '--color', 'red'), 1, /“red” is not a colour/);
    expectFailure(await quarry(dir, 'codes', 'add', 'p.quarry', 'X', '--color'), 2, /usage/);
    expect(JSON.parse((await quarry(dir, 'codes', 'p.quarry', '--json')).out)).toEqual([]);
  });
});

describe('quarry code and quarry codings', () => {
  it('code creates the code if missing and records the coder; codings --json has the contract fields and full paths', async () => {
    const { dir, file } = await projectWithSources();
    const start = cp('Interviewer: Q1. Why?\nRespondent: Because ');
    const r = await quarry(dir, 'code', 'p.quarry', 'interview', String(start), String(start + 1), 'Motivations/Entrepreneurs/Generating leads', '--coder', 'Ruth Ashworth');
    expect(r.code, r.err).toBe(0);
    const famStart = STORED.indexOf('Family');
    const fam = [cp(STORED.slice(0, famStart)), cp(STORED.slice(0, famStart)) + cp('Family 👩\u200d👩\u200d👧')];
    await quarry(dir, 'code', 'p.quarry', 'interview', String(fam[0]), String(fam[1]), 'Outcomes/Entrepreneurs/Trust');
    await quarry(dir, 'code', 'p.quarry', 'notes', '2', '7', 'Outcomes/Entrepreneurs/Trust', '--coder', 'Daniel Osei');
    file('E9.txt', 'abc');
    await quarry(dir, 'import', 'p.quarry', 'E9.txt', '--case-from-name');
    await quarry(dir, 'code', 'p.quarry', 'E9', '0', '3', 'Outcomes');

    const all = JSON.parse((await quarry(dir, 'codings', 'p.quarry', '--json')).out);
    expect(all).toEqual([
      { source: 'E9', case: 'E9', start: 0, end: 3, text: 'abc', code: 'Outcomes', coder: 'quarry-cli', time: null },
      { source: 'interview', case: null, start, end: start + 1, text: '😀', code: 'Motivations/Entrepreneurs/Generating leads', coder: 'Ruth Ashworth', time: null },
      { source: 'interview', case: null, start: fam[0], end: fam[1], text: 'Family 👩\u200d👩\u200d👧', code: 'Outcomes/Entrepreneurs/Trust', coder: 'quarry-cli', time: null },
      { source: 'notes', case: null, start: 2, end: 7, text: 'Notes', code: 'Outcomes/Entrepreneurs/Trust', coder: 'Daniel Osei', time: null },
    ]);
    for (const row of all) expect(Object.keys(row)).toEqual(['source', 'case', 'start', 'end', 'text', 'code', 'coder', 'time']);

    const byCode = JSON.parse((await quarry(dir, 'codings', 'p.quarry', '--code', 'Outcomes/Entrepreneurs/Trust', '--json')).out);
    expect(byCode.map((c: { source: string }) => c.source)).toEqual(['interview', 'notes']);
    const bySource = JSON.parse((await quarry(dir, 'codings', 'p.quarry', '--source', 'notes', '--json')).out);
    expect(bySource).toHaveLength(1);
    const both = JSON.parse((await quarry(dir, 'codings', 'p.quarry', '--code', 'Outcomes/Entrepreneurs/Trust', '--source', 'interview', '--json')).out);
    expect(both).toEqual([all[2]]);
    const tree = JSON.parse((await quarry(dir, 'codes', 'p.quarry', '--json')).out);
    expect(tree.map((n: { path: string }) => n.path)).toEqual(['Motivations', 'Outcomes']);
    // nothing is left beside the project after the write commands
    expect(readdirSync(dir).filter((f) => f.startsWith('p.quarry'))).toEqual(['p.quarry']);
  });

  it('code accepts a span ending exactly at the end of the text', async () => {
    const { dir } = await projectWithSources();
    const n = cp(STORED);
    const r = await quarry(dir, 'code', 'p.quarry', 'interview', String(n - 3), String(n), 'End');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse((await quarry(dir, 'codings', 'p.quarry', '--json')).out)[0].text).toBe('end');
  });

  it('code rejects start ≥ end and an end beyond the text (exit 1), and non-numbers (exit 2), changing nothing', async () => {
    const { dir } = await projectWithSources();
    const before = (await quarry(dir, 'info', 'p.quarry', '--json')).out;
    const n = cp(STORED);
    expectFailure(await quarry(dir, 'code', 'p.quarry', 'interview', '5', '5', 'X'), 1, /^quarry code: The start \(5\) must be before the end \(5\)\.\n$/);
    expectFailure(await quarry(dir, 'code', 'p.quarry', 'interview', '9', '3', 'X'), 1, /The start \(9\) must be before the end \(3\)/);
    expectFailure(
      await quarry(dir, 'code', 'p.quarry', 'interview', '0', String(n + 1), 'X'),
      1,
      new RegExp(`The end \\(${n + 1}\\) is beyond the end of “interview”, which has ${n} characters`),
    );
    expectFailure(await quarry(dir, 'code', 'p.quarry', 'interview', 'one', '3', 'X'), 2, /start must be a whole number, not “one”/);
    expectFailure(await quarry(dir, 'code', 'p.quarry', 'interview', '0', '3.5', 'X'), 2, /end must be a whole number/);
    expectFailure(await quarry(dir, 'code', 'p.quarry', 'interview', '0', '', 'X'), 2, /end must be a whole number/);
    expect((await quarry(dir, 'info', 'p.quarry', '--json')).out).toBe(before);
  });

  it('code and codings refuse an unknown source; codings refuses an unknown code', async () => {
    const { dir } = await projectWithSources();
    expectFailure(await quarry(dir, 'code', 'p.quarry', 'ghost', '0', '1', 'X'), 1, /^quarry code: There is no source “ghost” in p\.quarry\.\n$/);
    expectFailure(await quarry(dir, 'codings', 'p.quarry', '--source', 'ghost', '--json'), 1, /There is no source “ghost”/);
    expectFailure(await quarry(dir, 'codings', 'p.quarry', '--code', 'No/Such', '--json'), 1, /There is no code “No\/Such”/);
    expect(JSON.parse((await quarry(dir, 'codes', 'p.quarry', '--json')).out)).toEqual([]);
  });
});

describe('project errors, for every command that opens a project', () => {
  const commands = (project: string): string[][] => [
    ['info', project, '--json'],
    ['import', project, 'a.txt'],
    ['sources', project, '--json'],
    ['text', project, 'interview'],
    ['codes', project, '--json'],
    ['codes', 'add', project, 'X'],
    ['code', project, 'interview', '0', '1', 'X'],
    ['codings', project, '--json'],
  ];

  it('a missing project file', async () => {
    const { dir, file } = workspace();
    file('a.txt', 'x');
    for (const argv of commands('missing.quarry')) {
      expectFailure(await quarry(dir, ...argv), 1, new RegExp(`^quarry ${argv[0]}: missing\\.quarry: no such file`));
    }
    expect(existsSync(join(dir, 'missing.quarry'))).toBe(false);
  });

  it('a file from a newer Quarry, left untouched', async () => {
    const { dir, file } = await projectWithSources();
    file('a.txt', 'x');
    const path = join(dir, 'p.quarry');
    const raw = new Database(path);
    raw.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = sha(path);
    for (const argv of commands('p.quarry')) {
      expectFailure(await quarry(dir, ...argv), 1, /p\.quarry was saved by a newer version of Quarry .* the file was not changed\./);
    }
    expect(sha(path)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('p.quarry'))).toEqual(['p.quarry']);
  });

  it('files that are not Quarry projects: a text file, another SQLite file, an empty file', async () => {
    const { dir, file } = workspace();
    file('a.txt', 'x');
    file('notes.quarry', 'just notes\n');
    file('empty.quarry', '');
    const other = new Database(join(dir, 'other.db'));
    other.exec('CREATE TABLE t(x)');
    other.close();
    for (const [name, why] of [
      ['notes.quarry', /the file is not a SQLite database/],
      ['empty.quarry', /not a Quarry project/],
      ['other.db', /written by another program/],
    ] as const) {
      const before = sha(join(dir, name));
      for (const argv of commands(name)) {
        const r = await quarry(dir, ...argv);
        expectFailure(r, 1, new RegExp(`^quarry ${argv[0]}: ${name.replace('.', '\\.')}: `));
        expect(r.err).toMatch(why);
      }
      expect(sha(join(dir, name))).toBe(before);
    }
  });
});

describe('usage errors exit 2', () => {
  it('unknown commands, missing or extra arguments, unknown flags', async () => {
    const { dir } = await projectWithSources();
    for (const argv of [
      ['frobnicate'],
      ['new'],
      ['new', 'a.quarry', 'b.quarry'],
      ['info'],
      ['info', 'p.quarry', '--jsonn'],
      ['import', 'p.quarry'],
      ['sources'],
      ['text', 'p.quarry'],
      ['text', 'p.quarry', 'a', 'b'],
      ['codes'],
      ['codes', 'add', 'p.quarry'],
      ['code', 'p.quarry', 'interview', '0', '1'],
      ['code', 'p.quarry', 'interview', '0', '1', 'X', '--coder'],
      ['codings', 'p.quarry', '--code'],
      ['codings', 'p.quarry', '--bogus'],
      ['demo'],
    ]) {
      const r = await quarry(dir, ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/usage|unknown command|Unknown option|argument missing|Unexpected argument/i);
      expect(r.out).toBe('');
    }
  });

  it('no command prints help and exits 2; --help exits 0', async () => {
    const none = await quarry(tempDir());
    expect(none.code).toBe(2);
    expect(none.out).toContain('quarry new <project.quarry>');
    const help = await quarry(tempDir(), '--help');
    expect(help.code).toBe(0);
    for (const cmd of ['new', 'info', 'import', 'sources', 'text', 'codes add', 'code', 'codings', 'demo']) expect(help.out).toContain(`quarry ${cmd} `);
  });
});

describe('the real binary', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'build', 'cli', 'bin.js'))) {
      spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
    }
    expect(existsSync(join(ROOT, 'build', 'cli', 'bin.js'))).toBe(true);
  }, 180_000);

  const run = (cwd: string, ...argv: string[]) =>
    spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, QUARRY_CODER: 'Bin Coder' } });

  it('new, import, code and codings --json work end to end', () => {
    const { dir, file } = workspace();
    file('interview.txt', RAW);
    expect(run(dir, 'new', 'b.quarry').status).toBe(0);
    const imp = run(dir, 'import', 'b.quarry', 'interview.txt', '--json');
    expect(imp.status, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toEqual([{ name: 'interview', characters: cp(STORED) }]);
    const text = run(dir, 'text', 'b.quarry', 'interview');
    expect(text.stdout).toBe(STORED);
    const start = cp(STORED.slice(0, STORED.indexOf('😀')));
    expect(run(dir, 'code', 'b.quarry', 'interview', String(start), String(start + 1), 'Emoji\\/Symbols/Smile').status).toBe(0);
    const codings = run(dir, 'codings', 'b.quarry', '--json');
    expect(codings.status).toBe(0);
    expect(JSON.parse(codings.stdout)).toEqual([
      { source: 'interview', case: null, start, end: start + 1, text: '😀', code: 'Emoji\\/Symbols/Smile', coder: 'Bin Coder', time: null },
    ]);
  });

  it('exits 1 with one line on stderr for a bad project, and 2 for a usage error', () => {
    const { dir, file } = workspace();
    file('notes.quarry', 'not a project');
    const bad = run(dir, 'info', 'notes.quarry', '--json');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('quarry info: notes.quarry: not a Quarry project (the file is not a SQLite database).\n');
    const missing = run(dir, 'sources', 'gone.quarry');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    const usage = run(dir, 'code', 'x.quarry', 's', 'a', 'b', 'C');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/start must be a whole number/);
  });
});
