/**
 * Renders exports with LibreOffice and poppler (scripts/check-docx-render.mjs)
 * and checks the pages have ink. LibreOffice is installed here and in CI
 * (.ci/run installs libreoffice-writer-nogui and poppler-utils); elsewhere
 * the test says it skipped the rendering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../cli/main.js';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { buildDocument, packDocx, para } from '../../shared/exporters/docxStyles.js';
import { hasTool } from './hasTool.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'check-docx-render.mjs');

const CAN_RENDER = hasTool('soffice') && hasTool('pdftoppm');
if (!CAN_RENDER) console.warn('exportRender.test.ts: soffice or pdftoppm is not installed; the rendering checks only confirm that.');

interface RenderResult {
  ok: boolean;
  pages: { file: string; width: number; height: number; ink: number; blank: boolean }[];
}

function render(file: string): { code: number; result?: RenderResult; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, file, '--json'], { encoding: 'utf8', timeout: 180_000 });
  return { code: r.status ?? -1, ...(r.stdout.trim() ? { result: JSON.parse(r.stdout) as RenderResult } : {}), stderr: r.stderr };
}

let dir: string;
let demo: string;
const cli = (...argv: string[]) => runCli(argv, { out: () => {}, err: (t) => console.error(t), cwd: dir, env: {} });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-render-'));
  demo = join(dir, 'demo.quarry');
  await buildDemoProject(demo);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exports render in LibreOffice', () => {
  it('renders Table 1 (classification by Group) and the quotes report with ink on every page', async () => {
    if (!CAN_RENDER) return;
    expect(await cli('export', demo, 'cases', '--group-by', 'Group', '--out', 'table1.docx')).toBe(0);
    const t1 = render(join(dir, 'table1.docx'));
    expect(t1.code).toBe(0);
    expect(t1.result!.ok).toBe(true);
    expect(t1.result!.pages.length).toBeGreaterThanOrEqual(1);
    expect(t1.result!.pages[0]!.ink).toBeGreaterThan(0.01);

    expect(await cli('export', demo, 'quotes', '--code', 'Outcomes', '--memos', '--out', 'quotes.docx')).toBe(0);
    const q = render(join(dir, 'quotes.docx'));
    expect(q.code).toBe(0);
    expect(q.result!.pages.length).toBeGreaterThanOrEqual(2);
  }, 180_000);

  it('reports a blank page as a failure', async () => {
    if (!CAN_RENDER) return;
    writeFileSync(join(dir, 'blank.docx'), await packDocx(buildDocument('Blank', [{ orientation: 'portrait', children: [para('')] }])));
    const r = render(join(dir, 'blank.docx'));
    expect(r.code).toBe(1);
    expect(r.result!.pages[0]!.blank).toBe(true);
    expect(r.stderr).toContain('blank.docx: a page rendered blank');
  }, 180_000);

  it('reports a file that is not a document', () => {
    writeFileSync(join(dir, 'broken.docx'), 'not a zip');
    const r = render(join(dir, 'broken.docx'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('check-docx-render: broken.docx: not a Word document (no word/document.xml in a zip container)\n');
  }, 180_000);
});
