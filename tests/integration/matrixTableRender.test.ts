/**
 * Wide matrix tables through LibreOffice: a matrix of twelve codes with long
 * names ("Operationalizing trust", "Government support", "Same-sector
 * competition", …) is exported to Word, rendered to PDF (soffice --headless --convert-to pdf) and read back
 * with pdftotext -layout; every word of every header must come back whole —
 * a column too narrow for its longest word would break it across lines,
 * and a hyphen is no place to break either.
 * LibreOffice and poppler are installed here and in CI (.ci/run); elsewhere
 * the test says so and checks the Word file only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/main.js';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { cellText, inspectDocx } from '../unit/exporters/docxInspect.js';
import { hasTool } from './hasTool.js';
import { renderedWordText } from './wordText.js';

const PARENT = 'Cluster themes';
const THEMES = [
  'Operationalizing trust',
  'Government support',
  'Regional networking',
  'Knowledge exchange',
  'Same-sector competition',
  'Collaboration',
  'Disappointment',
  'Informal relationships',
  'Procurement',
  'Legitimacy',
  'Recruitment',
  'Sustainability',
];

const CAN_RENDER = hasTool('soffice') && hasTool('pdftotext');
if (!CAN_RENDER) console.warn('matrixTableRender.test.ts: soffice or pdftotext is not installed; only the Word files are checked.');

let dir: string;
let demo: string;
const cli = async (...argv: string[]) => {
  let err = '';
  const code = await runCli(argv, { out: () => {}, err: (t) => (err += t), cwd: dir, env: { QUARRY_CODER: 'Tester' } });
  return { code, err };
};

const renderText = (file: string): string => renderedWordText(file, dir);

const words = (labels: string[]) => [...new Set(labels.flatMap((l) => l.split(/\s+/)).filter(Boolean))];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-matrix-render-'));
  demo = join(dir, 'demo.quarry');
  await buildDemoProject(demo);
  for (const [i, theme] of THEMES.entries()) {
    expect((await cli('codes', 'add', demo, `${PARENT}/${theme}`)).code).toBe(0);
    // Something in most columns, so the table has numbers of more than one digit in places.
    expect((await cli('code', demo, `E${(i % 9) + 1}`, String(i), String(i + 30), `${PARENT}/${theme}`)).code).toBe(0);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a wide matrix table in Word', () => {
  it('shows the twelve codes by their own names, repeats the header row, and never breaks a header word', async () => {
    const r = await cli('export', demo, 'matrix', '--rows', 'cases', '--cols', `children:${PARENT}`, '--out', 'wide.docx');
    expect(r).toEqual({ code: 0, err: '' });
    const file = join(dir, 'wide.docx');
    const doc = inspectDocx(new Uint8Array(readFileSync(file)));
    expect(doc.sections).toEqual(['landscape']);
    const headers = doc.tables.flatMap((t) => t.rows[0]!.map(cellText));
    for (const theme of THEMES) expect(headers).toContain(theme);
    // Every part of the table repeats its header row on each page.
    expect(doc.parts['word/document.xml']!.match(/<w:tblHeader\/>/g)?.length).toBe(doc.tables.length);
    if (!CAN_RENDER) return;
    const tokens = new Set(renderText(file).split(/\s+/));
    for (const w of words([...THEMES, 'Case', 'Total'])) expect(tokens, `the header word “${w}” is broken or missing`).toContain(w);
    expect(tokens).toContain('E9');
  }, 240_000);

  it('exports exactly the listed columns, filtered, APA-ruled, with the row header and note, and no header word broken', async () => {
    const cols = THEMES.flatMap((t) => ['--col', `${PARENT}/${t}`]);
    const r = await cli(
      'export', demo, 'matrix', '--rows', 'attribute:Group', ...cols, '--where', 'Group=Entrepreneur', '--coder', 'Tester',
      '--row-header', 'Firm', '--note', 'Twelve themes of the second round', '--style', 'apa', '--out', 'apa.docx',
    );
    expect(r).toEqual({ code: 0, err: '' });
    const file = join(dir, 'apa.docx');
    const doc = inspectDocx(new Uint8Array(readFileSync(file)));
    const header = doc.tables[0]!.rows[0]!.map(cellText);
    expect(header[0]).toBe('Firm');
    expect(header.slice(1, 4)).toEqual(THEMES.slice(0, 3));
    const xml = doc.parts['word/document.xml']!;
    expect(xml).toMatch(/<w:tblBorders><w:top w:val="single"[^>]*\/><w:left w:val="none"/);
    expect(xml).toMatch(/<w:insideV w:val="none"/);
    const notes = doc.paragraphs.map((p) => p.text).join('\n');
    expect(notes).toContain('Note. Coding references. Cases where Group = Entrepreneur; codings by Tester. Twelve themes of the second round.');
    expect(notes).toContain(`Operationalizing trust = ${PARENT}/Operationalizing trust`);
    if (!CAN_RENDER) return;
    const text = renderText(file);
    const tokens = new Set(text.split(/\s+/));
    for (const w of words([...THEMES, 'Firm', 'Total'])) expect(tokens, `the header word “${w}” is broken or missing`).toContain(w);
    expect(text).toMatch(/Entrepreneur\s+\d/);
  }, 240_000);
});
