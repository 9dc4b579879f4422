/**
 * The README's scripted analysis ("A scripted analysis, from `quarry new` to
 * Word tables") is run command by command through the CLI, in a folder
 * holding a copy of fixtures/walkthrough, and what it made is counted: so the
 * README cannot drift from what Quarry does.
 */
import { describe, it, expect } from 'vitest';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { tempDir } from './caseFixtures.js';
import { runQuarry } from './quarryCli.js';
import { hasTool } from './hasTool.js';
import { renderedWordText } from './wordText.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CAN_RENDER = hasTool('soffice') && hasTool('pdftotext');
if (!CAN_RENDER) console.warn('readmeWalkthrough.test.ts: soffice or pdftotext is not installed; the Word table is checked in its XML only.');

const HEADING = '## A scripted analysis, from `quarry new` to Word tables';

/** The first ```sh block under the heading. */
function scriptBlock(readme: string): string {
  const at = readme.indexOf(HEADING);
  if (at < 0) throw new Error(`README.md has no section “${HEADING}”`);
  const m = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!m) throw new Error('the section has no ```sh block');
  return m[1]!;
}

/** Shell words of one command line: blanks separate, '…' and "…" quote, \ escapes (no variables, globs or pipes in the README). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in: ${line}`);
      word += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && '"\\$`'.includes(line[j + 1] ?? '')) j++;
        word += line[j];
      }
      if (j >= line.length) throw new Error(`unclosed " in: ${line}`);
      i = j;
      inWord = true;
    } else if (ch === '\\') {
      word += line[++i] ?? '';
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if ('|&;<>$`*?'.includes(ch)) {
      throw new Error(`the walkthrough must stay plain commands; found ${ch} in: ${line}`);
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The block's commands: comments and blank lines dropped, lines ending in \ joined. */
function commands(block: string): string[] {
  return block
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

const run = (cwd: string, argv: string[]) => runQuarry(cwd, argv, 'Walkthrough reader');

async function json<T>(cwd: string, ...argv: string[]): Promise<T> {
  const r = await run(cwd, [...argv, '--json']);
  expect(r).toMatchObject({ code: 0, err: '' });
  return JSON.parse(r.out) as T;
}

const docxText = (path: string): string => new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(path)))['word/document.xml']!);

describe('the README walkthrough', () => {
  it('runs from quarry new to the Word tables, with the counts it describes', async () => {
    const lines = commands(scriptBlock(readFileSync(join(ROOT, 'README.md'), 'utf8')));
    expect(lines.length).toBeGreaterThan(20);
    const dir = tempDir('quarry-readme-');
    cpSync(join(ROOT, 'fixtures', 'walkthrough'), join(dir, 'fixtures', 'walkthrough'), { recursive: true });

    const outputs: string[] = [];
    for (const line of lines) {
      const [program, ...argv] = shellWords(line);
      expect(program, line).toBe('quarry');
      const r = await run(dir, argv);
      expect({ line, code: r.code, err: r.err }).toEqual({ line, code: 0, err: '' });
      outputs.push(r.out);
    }

    // Four interviews, two schools with their pupils nested in them.
    const cases = await json<{ name: string; parent: string | null; classification: string; sources: string[]; attributes: Record<string, string> }[]>(dir, 'cases', 'walkthrough.quarry');
    expect(cases.map((c) => [c.name, c.parent, c.classification, c.sources.length])).toEqual([
      ['Elm', null, 'School', 0],
      ['Irene', 'Elm', 'Pupil', 2],
      ['Maya', 'Oak', 'Pupil', 1],
      ['Oak', null, 'School', 0],
      ['Teo', 'Elm', 'Pupil', 1],
    ]);
    const sources = await json<{ name: string; attributes: Record<string, string> }[]>(dir, 'sources', 'walkthrough.quarry');
    expect(Object.fromEntries(sources.map((s) => [s.name, s.attributes.Wave]))).toEqual({ 'irene-wave1': '1', 'irene-wave2': '2', 'maya-wave2': '2', 'teo-wave1': '1' });
    expect(sources.find((s) => s.name === 'maya-wave2')!.attributes['Interview date']).toBe('2025-10-15');

    // Eight passages, each the words the README means to code.
    const codings = await json<{ source: string; code: string; text: string }[]>(dir, 'codings', 'walkthrough.quarry');
    expect(codings).toHaveLength(8);
    expect(codings.find((c) => c.source === 'maya-wave2' && c.code === 'Worry')?.text).toBe('I worry that my grades slipped after the move');

    // Wave 2 only: Elm has Irene's second interview, Oak Maya's.
    const matrix = await json<{ rows: string[]; cols: string[]; cells: number[][] }>(dir, 'matrix', 'walkthrough.quarry', '--rows', 'cases:School', '--cols', 'codes', '--where', 'source:Wave >= 2');
    expect(matrix.rows).toEqual(['Elm', 'Oak']);
    expect(matrix.cols).toEqual(['Belonging', 'Belonging/Friends', 'Worry']);
    // Belonging counts its subcode's passages too.
    expect(matrix.cells).toEqual([
      [1, 1, 1],
      [1, 0, 1],
    ]);
    const printed = outputs[lines.findIndex((l) => l.startsWith('quarry matrix'))]!;
    expect(printed).toMatch(/Elm/);

    // A comparison on a date: the interviews from October 2025 on are the second wave's.
    const byDate = JSON.parse(outputs[lines.findIndex((l) => l.includes('cases:Pupil'))]!) as { rows: string[]; cells: number[][] };
    expect(byDate.rows).toEqual(['Irene', 'Maya', 'Teo']);
    expect(byDate.cells).toEqual([
      [1, 1, 1],
      [1, 0, 1],
      [0, 0, 0],
    ]);

    // The Word files exist and hold the table and the quotes.
    const table = docxText(join(dir, 'school-by-code.docx'));
    expect(table).toContain('Codes by school, wave 2');
    expect(table).toContain('Oak');
    if (CAN_RENDER) {
      // The table as LibreOffice lays it out: the row header, short code names, the counts in their columns, totals, the note.
      const page = renderedWordText(join(dir, 'school-by-code.docx'), dir)
        .split('\n')
        .map((l) => l.trim().split(/\s{2,}/).join(' | '))
        .filter(Boolean);
      expect(page.slice(0, 5)).toEqual([
        'Codes by school, wave 2',
        'School | Belonging | Friends | Worry | Total',
        'Elm | 1 | 1 | 1 | 3',
        'Oak | 1 | 0 | 1 | 2',
        'Total | 2 | 1 | 2 | 5',
      ]);
      // The note may wrap; it says which sources were counted, then the user's words.
      expect(page.slice(5).join(' ')).toBe("Note. Coding references. Sources where Wave >= 2. A school counts its pupils' interviews. Codes: Friends = Belonging/Friends.");
    }
    expect(existsSync(join(dir, 'quotes.docx'))).toBe(true);
    const quotes = docxText(join(dir, 'quotes.docx'));
    // Only the second wave's passages: a condition on a source attribute keeps the sources that meet it.
    for (const c of codings) {
      if (c.source.endsWith('wave2')) expect(quotes).toContain(`“${c.text}”`);
      else expect(quotes).not.toContain(`“${c.text}”`);
    }
    expect(quotes).toContain('4 passages at 2 codes');
  });
});
