/**
 * The golden path of issue 8: the demo study → its framework matrix (Table 3)
 * → `quarry export … framework` → a Word table with the 4 theme columns (and
 * the label column), the 3 rows, and 3/5/7/5 bullets in the Outcomes row;
 * then LibreOffice renders it to a page that is not blank.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../cli/main.js';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { bulletCount, cellText, definedStyles, inspectDocx } from '../unit/exporters/docxInspect.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FIXTURE = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'demo-ict-cluster', 'framework-table3.json'), 'utf8')) as {
  name: string;
  caption: string;
  columns: { label: string }[];
  rows: { label: string }[];
};

let dir: string;
let demo: string;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir, env: {} });
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-golden-'));
  demo = join(dir, 'demo.quarry');
  await buildDemoProject(demo);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('golden path: the demo study’s Table 3 in Word', () => {
  it('exports the framework matrix as Table 3: 4 themes × 3 rows, 3/5/7/5 bullets in Outcomes', async () => {
    const r = await cli('export', demo, 'framework', FIXTURE.name, '--out', 'table3.docx');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = inspectDocx(new Uint8Array(readFileSync(join(dir, 'table3.docx'))));
    expect(doc.paragraphs[0]).toMatchObject({ style: 'Caption', text: FIXTURE.caption });
    expect(doc.tables).toHaveLength(1);
    const t = doc.tables[0]!;
    expect(t.style).toBe('TableGrid');
    expect(t.rows).toHaveLength(1 + 3);
    expect(t.rows.every((row) => row.length === 1 + 4)).toBe(true);
    expect(t.rows[0]!.slice(1).map(cellText)).toEqual(FIXTURE.columns.map((c) => c.label));
    expect(t.rows.slice(1).map((row) => cellText(row[0]!))).toEqual(FIXTURE.rows.map((row) => row.label));
    const outcomes = t.rows.find((row) => cellText(row[0]!) === 'Outcomes')!;
    expect(outcomes.slice(1).map(bulletCount)).toEqual([3, 5, 7, 5]);
    expect(t.rows[1]!.slice(1).map(bulletCount)).toEqual([0, 0, 0, 0]);
    expect(t.rows[1]!.slice(1).every((c) => cellText(c).length > 20)).toBe(true);
    // The Outcomes bullets make it wide: a landscape page.
    expect(doc.sections).toEqual(['landscape']);
    const styles = definedStyles(doc.parts);
    for (const id of ['Normal', 'Caption', 'ListBullet', 'TableGrid']) expect(styles.has(id)).toBe(true);
  });

  it('adds the supporting quotes under the cells with their attributions on request', async () => {
    const r = await cli('export', demo, 'framework', FIXTURE.name, '--quotes', '--caption', 'Table 3: Summary of findings organized by key motivational themes', '--out', 'table3-quotes.docx');
    expect(r.code).toBe(0);
    const t = inspectDocx(new Uint8Array(readFileSync(join(dir, 'table3-quotes.docx')))).tables[0]!;
    const motivations = t.rows[1]!.slice(1);
    const quotes = motivations.map((c) => c.paragraphs.filter((p) => p.style === 'Quote'));
    // Every Motivations cell links one to three passages (the demo's README).
    expect(quotes.every((q) => q.length >= 1 && q.length <= 3)).toBe(true);
    expect(quotes.flat().every((p) => /\u201D \[[EI]\d\]$/.test(p.text))).toBe(true);
  });

  it('renders in LibreOffice to a landscape page that is not blank', () => {
    let canRender = true;
    try {
      execFileSync('sh', ['-c', 'command -v soffice && command -v pdftoppm'], { stdio: 'pipe' });
    } catch {
      canRender = false;
      console.warn('exportGolden.test.ts: soffice or pdftoppm is missing; Table 3 was not rendered.');
    }
    if (!canRender) return;
    const keep = join(ROOT, 'test-results', 'exports');
    mkdirSync(keep, { recursive: true });
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-docx-render.mjs'), join(dir, 'table3.docx'), '--json', '--keep', keep], { encoding: 'utf8', timeout: 180_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { ok: boolean; pages: { width: number; height: number; ink: number }[] };
    expect(result.ok).toBe(true);
    expect(result.pages[0]!.width).toBeGreaterThan(result.pages[0]!.height);
    expect(result.pages[0]!.ink).toBeGreaterThan(0.02);
  }, 180_000);
});
