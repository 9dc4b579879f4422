import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../cli/main.js';
import { tempDir } from './caseFixtures.js';

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'CLI tester' } });
  return { code, out, err };
}

async function project(): Promise<string> {
  const dir = tempDir('quarry-cases-cli-');
  expect((await cli(dir, 'new', 'study.quarry')).code).toBe(0);
  writeFileSync(join(dir, 'Anna interview.txt'), 'Anna: I joined early.\n');
  writeFileSync(join(dir, 'Ben interview.txt'), 'Ben: I came later.\n');
  expect((await cli(dir, 'import', 'study.quarry', 'Anna interview.txt', 'Ben interview.txt')).code).toBe(0);
  return dir;
}

describe('quarry cases', () => {
  it('import --json reports created, updated and rejected cells; infers types for new columns', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'sheet.csv'), '\uFEFFCase;Age;Group;Joined\r\nAnna;34;Entrepreneur;2021-03-05\r\nBen;38;Intermediary;N/A\r\nCara;51;Entrepreneur;\r\nDan;29;Intermediary;1 May 2020\r\n');
    const r = await cli(dir, 'cases', 'import', 'study.quarry', 'sheet.csv', '--json');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(r.out)).toEqual({ created: 4, updated: 11, rejected: [] });

    const list = await cli(dir, 'cases', 'study.quarry', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out)).toEqual([
      { name: 'Anna', parent: null, classification: 'Default', sources: [], attributes: { Age: '34', Group: 'Entrepreneur', Joined: '2021-03-05' } },
      { name: 'Ben', parent: null, classification: 'Default', sources: [], attributes: { Age: '38', Group: 'Intermediary', Joined: 'Not applicable' } },
      { name: 'Cara', parent: null, classification: 'Default', sources: [], attributes: { Age: '51', Group: 'Entrepreneur', Joined: 'Unassigned' } },
      { name: 'Dan', parent: null, classification: 'Default', sources: [], attributes: { Age: '29', Group: 'Intermediary', Joined: '2020-05-01' } },
    ]);

    // A second import: existing attributes keep their types, so a value outside Group's choices is rejected.
    writeFileSync(join(dir, 'more.csv'), 'Case,Group,Age\nAnna,Entrepreneur,35\nEve,Funder,1e3\n');
    const again = await cli(dir, 'cases', 'import', 'study.quarry', 'more.csv', '--json');
    expect(JSON.parse(again.out)).toEqual({
      created: 1,
      updated: 1,
      rejected: [
        { row: 3, column: 'Group', reason: "'Funder' is not one of the choices of Group (the choices are Entrepreneur, Intermediary)" },
        { row: 3, column: 'Age', reason: "'1e3' is not a number" },
      ],
    });

    const human = await cli(dir, 'cases', 'import', 'study.quarry', 'more.csv');
    expect(human.out).toBe("more.csv: 0 cases created, 0 values updated, 2 cells rejected\n  row 3, Group: 'Funder' is not one of the choices of Group (the choices are Entrepreneur, Intermediary)\n  row 3, Age: '1e3' is not a number\n");
  });

  it('import refuses whole-file problems with exit 1 and a message naming the file, changing nothing', async () => {
    const dir = await project();
    const before = (await cli(dir, 'cases', 'study.quarry', '--json')).out;
    const files: [string, string | Buffer, RegExp][] = [
      ['empty.csv', '', /^quarry cases: empty\.csv: the file is empty/],
      ['dupes.csv', 'Case,Age,AGE\nA,1,2\n', /^quarry cases: dupes\.csv: columns B \("Age"\) and C \("AGE"\) have the same name/],
      ['photo.csv', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), /^quarry cases: photo\.csv: the file is not a text CSV file/],
    ];
    for (const [name, content, message] of files) {
      writeFileSync(join(dir, name), content);
      const r = await cli(dir, 'cases', 'import', 'study.quarry', name, '--json');
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    const missing = await cli(dir, 'cases', 'import', 'study.quarry', 'nope.csv');
    expect(missing).toMatchObject({ code: 1, err: 'quarry cases: nope.csv: no such file.\n' });
    expect((await cli(dir, 'cases', 'study.quarry', '--json')).out).toBe(before);
  });

  it('export writes UTF-8 with BOM and CRLF, and importing it back changes nothing', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'sheet.csv'), 'Case,Notes,Score\nAnna,"says ""hi"", then\nleaves",1.5\nZoë,N/A,\n');
    await cli(dir, 'cases', 'import', 'study.quarry', 'sheet.csv');
    const r = await cli(dir, 'cases', 'export', 'study.quarry', 'out.csv');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Exported the classification sheet to ${join(dir, 'out.csv')}\n`);
    const bytes = readFileSync(join(dir, 'out.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\uFEFFCase,Notes,Score\r\nAnna,"says ""hi"", then\nleaves",1.5\r\nZoë,Not applicable,Unassigned\r\n');
    const back = await cli(dir, 'cases', 'import', 'study.quarry', 'out.csv', '--json');
    expect(JSON.parse(back.out)).toEqual({ created: 0, updated: 0, rejected: [] });
    const bad = await cli(dir, 'cases', 'export', 'study.quarry', 'no/such/dir/out.csv');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^quarry cases: out\.csv: the classification sheet could not be saved \(its folder does not exist\)\. No file was written\.\n$/);
  });

  it('assign puts a source in a case, creating the case if missing', async () => {
    const dir = await project();
    const r = await cli(dir, 'cases', 'assign', 'study.quarry', 'Anna interview', 'Anna');
    expect(r).toMatchObject({ code: 0, out: 'Anna interview is in case Anna (new case)\n' });
    const again = await cli(dir, 'cases', 'assign', 'study.quarry', 'Ben interview', 'Anna');
    expect(again.out).toBe('Ben interview is in case Anna\n');
    const list = JSON.parse((await cli(dir, 'cases', 'study.quarry', '--json')).out);
    expect(list).toEqual([{ name: 'Anna', parent: null, classification: 'Default', sources: ['Anna interview', 'Ben interview'], attributes: {} }]);
    const sources = JSON.parse((await cli(dir, 'sources', 'study.quarry', '--json')).out);
    expect(sources.map((s: { case: string }) => s.case)).toEqual(['Anna', 'Anna']);
    const missing = await cli(dir, 'cases', 'assign', 'study.quarry', 'Nobody', 'Anna');
    expect(missing).toMatchObject({ code: 1, err: 'quarry cases: There is no source called “Nobody”.\n' });
  });

  it('usage errors exit 2', async () => {
    const dir = await project();
    expect((await cli(dir, 'cases')).code).toBe(2);
    expect((await cli(dir, 'cases', 'assign', 'study.quarry', 'Anna interview')).code).toBe(2);
    expect((await cli(dir, 'cases', 'import', 'study.quarry')).code).toBe(2);
    expect((await cli(dir, 'cases', 'export', 'study.quarry', 'a.csv', 'b.csv')).code).toBe(2);
    const unknown = await cli(dir, 'cases', 'study.quarry', '--xml');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/usage: quarry cases <project> \[--json\]/);
  });
});
