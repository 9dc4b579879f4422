/**
 * Issue 15, item 5: the older CLI commands (new, import, sources, codes add,
 * codings, query, cases list|add|import|export, sources set) moved onto the one
 * contract. Their text and --json output was captured into
 * __goldens__/cliOlder/ while they still called services and stores directly;
 * these runs must keep printing exactly that (other tools read the JSON).
 * Absolute paths print as <dir>.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { sineWav } from '../media/mediaFixtures.js';
import { tempDir } from '../unit/db/testProject.js';

const ENV = { QUARRY_CODER: 'Ansel Brooke' };

async function run(cwd: string, argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: ENV });
  const clean = (s: string) => s.split(cwd).join('<dir>');
  return `$ quarry ${argv.join(' ')}\nexit ${code}\n--- stdout\n${clean(out)}--- stderr\n${clean(err)}`;
}

const golden = (name: string) => `./__goldens__/cliOlder/${name}.txt`;

/** Runs each command in order on one project and compares the whole transcript with its golden file. */
async function transcript(cwd: string, commands: string[][]): Promise<string> {
  const parts: string[] = [];
  for (const argv of commands) parts.push(await run(cwd, argv));
  return parts.join('\n');
}

// Synthetic interviews written for these goldens.
const TEXTS: Record<string, string> = {
  'Lantern.txt': 'Q: Who keeps the workshop open?\nA: My aunt, mostly. She trusts the regulars with a key 🔑 and the rest of us follow her lead.\n',
  'Millpond.txt': 'Q: How is the mill financed?\nA: A small grant paid for the wheel. The bakery next door lends us its van when the road floods.\n',
  'Saltmarsh.txt': 'Q: What changed after the merger?\nA: Nobody told the night shift. Trust went first, then the overtime.\n',
};

const VTT = `WEBVTT

00:00:00.000 --> 00:00:03.000
<v Interviewer>Why did you start recording the meetings?</v>

00:00:03.000 --> 00:00:07.000
<v Respondent>So the absent partners could hear the vote.</v>

00:00:07.000 --> 00:00:10.000
<v Respondent>It made the co-op feel fair again.</v>
`;

const SHEET = 'Case,Sector,Staff,Founded\r\nLantern,Crafts,4,2011-05-01\r\nMillpond,Food,12,1998-09-15\r\nSaltmarsh,Logistics,lots,2004-01-20\r\nDeckhouse,Crafts,7,2019-03-03\r\n';

describe('older commands print what they printed before they used the contract', () => {
  let dir: string;

  beforeAll(() => {
    dir = tempDir('quarry-cli-goldens-');
    for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'Co-op meeting.wav'), sineWav(10));
    writeFileSync(join(dir, 'Voicemail.wav'), sineWav(3));
    writeFileSync(join(dir, 'meeting.vtt'), VTT);
    writeFileSync(join(dir, 'sheet.csv'), SHEET);
  });

  it('a fixture study: new, import, codes add, code, cases, sources, codings, query, export', async () => {
    const at = (file: string, words: string): [string, string] => {
      const text = TEXTS[file]!;
      const start = Array.from(text.slice(0, text.indexOf(words))).length;
      return [String(start), String(start + Array.from(words).length)];
    };
    const p = 'study.quarry';
    const out = await transcript(dir, [
      ['new', p, '--name', 'Workshop study'],
      ['new', p],
      ['import', p, 'Lantern.txt', 'Millpond.txt', 'Missing.txt', '--case-from-name', '--json'],
      ['import', p, 'Saltmarsh.txt'],
      ['import', p, 'Co-op meeting.wav', '--transcript', 'meeting.vtt', '--case-from-name'],
      ['import', p, 'Voicemail.wav', '--json'],
      ['import', p, 'Voicemail.wav', '--transcript', 'nowhere.vtt'],
      ['codes', 'add', p, 'Trust'],
      ['codes', 'add', p, 'Trust/Kin', '--color', '#aa3355', '--description', 'Family members keep things going'],
      ['codes', 'add', p, 'Money/Grants'],
      ['codes', 'add', p, 'Trust'],
      ['codes', 'add', p, 'Fairness', '--color', 'red'],
      ['code', p, 'Lantern', ...at('Lantern.txt', 'She trusts the regulars with a key 🔑'), 'Trust/Kin'],
      ['code', p, 'Millpond', ...at('Millpond.txt', 'A small grant paid for the wheel.'), 'Money/Grants'],
      ['code', p, 'Millpond', ...at('Millpond.txt', 'The bakery next door lends us its van'), 'Trust'],
      ['code', p, 'Saltmarsh', ...at('Saltmarsh.txt', 'Trust went first'), 'Trust', '--coder', 'Dana Reyes'],
      ['code', p, 'Co-op meeting', '60', '110', 'Fairness'],
      ['cases', 'import', p, 'sheet.csv', '--classification', 'Firm', '--json'],
      ['cases', 'import', p, 'sheet.csv'],
      ['cases', 'import', p, 'nope.csv'],
      ['cases', 'add', p, 'Night shift', '--parent', 'Saltmarsh', '--json'],
      ['cases', 'add', p, 'Bakery', '--classification', 'Neighbour'],
      ['cases', 'assign', p, 'Saltmarsh', 'Saltmarsh'],
      ['sources', 'set', p, 'Lantern', 'Wave=2', 'Interview date=2024-03-01', '--json'],
      ['sources', 'set', p, 'Millpond', 'Wave=1'],
      ['sources', 'set', p, 'Nowhere', 'Wave=1'],
      ['cases', p],
      ['cases', p, '--json'],
      ['sources', p],
      ['sources', p, '--json'],
      ['codings', p],
      ['codings', p, '--json'],
      ['codings', p, '--code', 'Trust', '--json'],
      ['codings', p, '--source', 'Millpond', '--coder', 'Ansel Brooke', '--json'],
      ['codings', p, '--code', 'Trust/Nobody'],
      ['codings', p, '--source', 'Nowhere'],
      ['codings', p, '--coder', 'Nobody'],
      ['query', p, '--code', 'Trust', '--json'],
      ['query', p, '--code', 'Trust', '--or', 'Fairness', '--where', 'Sector=Crafts'],
      ['query', p, '--code', 'Trust', '--own', '--not', 'Trust/Kin', '--coder', 'Ansel Brooke', '--json'],
      ['query', p, '--code', 'Fairness'],
      ['query', p, '--code', 'Nobody'],
      ['cases', 'export', p, 'sheet-out.csv'],
      ['cases', 'export', p, 'sheet-raw.csv', '--raw-numbers'],
    ]);
    await expect(out).toMatchFileSnapshot(golden('study'));
    const exported = `${readFileSync(join(dir, 'sheet-out.csv'), 'utf8')}\n---\n${readFileSync(join(dir, 'sheet-raw.csv'), 'utf8')}`;
    await expect(exported).toMatchFileSnapshot(golden('study-sheet'));
  });

  it('the demo study: sources, cases, codings and a query', async () => {
    const demoDir = tempDir('quarry-cli-goldens-demo-');
    expect((await run(demoDir, ['demo', 'demo.quarry'])).split('\n')[1]).toBe('exit 0');
    const p = 'demo.quarry';
    const out = await transcript(demoDir, [
      ['sources', p],
      ['sources', p, '--json'],
      ['cases', p],
      ['cases', p, '--json'],
      ['codings', p, '--json'],
      ['codings', p, '--coder', 'Daniel Osei'],
      ['codings', p, '--code', 'Outcomes/Entrepreneurs/Trust', '--source', 'E1'],
      ['query', p, '--code', 'Outcomes/Entrepreneurs', '--json'],
      ['query', p, '--code', 'Outcomes', '--or', 'Sources of advice', '--where', 'Group=Entrepreneur', '--coder', 'Ruth Ashworth'],
      ['cases', 'export', p, 'demo-sheet.csv'],
    ]);
    await expect(out).toMatchFileSnapshot(golden('demo'));
    await expect(readFileSync(join(demoDir, 'demo-sheet.csv'), 'utf8')).toMatchFileSnapshot(golden('demo-sheet'));
  });
});
