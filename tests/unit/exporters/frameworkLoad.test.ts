import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../cli/main.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { loadFrameworkTable } from '../../../shared/exporters/loadQueryModels.js';
import { createFramework, linkPassages, setFrameworkCell } from '../../../shared/queries/frameworkMatrix.js';
import { defineAttribute, listAttributes, setCaseValue } from '../../../shared/services/caseService.js';
import { applyCoding } from '../../../shared/services/codingService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { importFiles } from '../../../shared/services/sourceService.js';
import { listCases } from '../../../shared/store/casesStore.js';
import { bulletCount, cellText, inspectDocx } from './docxInspect.js';

let dir: string;
let path: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-framework-export-'));
  path = join(dir, 'f.quarry');
  const project = ProjectDb.create(path);
  const ctx: ServiceContext = { project, coderName: 'Ruth' };
  const enc = (t: string) => new TextEncoder().encode(t);
  await importFiles(ctx, [
    { fileName: 'P1.txt', bytes: enc('Respondent: We joined to find customers.\nRespondent: Nobody has bought anything yet.') },
    { fileName: 'P2.txt', bytes: enc('Respondent: I like the talks.') },
  ], { caseFromFileName: true });
  defineAttribute(ctx, { name: 'Role', type: 'text' });
  const role = listAttributes(project.db)[0]!;
  for (const c of listCases(project.db)) setCaseValue(ctx, { caseId: c.id, attributeId: role.id, raw: c.name === 'P1' ? 'COO' : 'Director' });
  const leads = applyCoding(ctx, { sourceId: 1, start: 12, end: 40, codePath: 'Leads' });
  applyCoding(ctx, { sourceId: 2, start: 12, end: 29, codePath: 'Talks' });
  const fm = createFramework(ctx, {
    name: 'Themes',
    caption: 'Table 3: Themes',
    rows: [{ label: 'Motivations' }, { label: 'Outcomes' }],
    cols: [{ codePath: 'Leads' }, { codePath: 'Talks', label: 'Gathering information' }],
  });
  const [mot, out] = fm.rows;
  const [c1, c2] = fm.cols;
  setFrameworkCell(ctx, { matrixId: fm.id, rowId: mot!.id, colId: c1!.id, summary: 'To grow.' });
  linkPassages(ctx, { matrixId: fm.id, rowId: mot!.id, colId: c1!.id, codingIds: [leads.id] });
  setFrameworkCell(ctx, { matrixId: fm.id, rowId: out!.id, colId: c2!.id, summary: '- one\n- two\n- three' });
  project.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('framework matrix from a project', () => {
  it('loads the saved matrix by name with its headers, summaries and, on request, quotes', () => {
    const { project } = ProjectDb.open(path, { readOnly: true, lock: false });
    try {
      const plain = loadFrameworkTable(project.db, { name: 'themes' });
      expect(plain.caption).toBe('Table 3: Themes');
      expect(plain.columns).toEqual(['Leads', 'Gathering information']);
      expect(plain.rows.map((r) => r.label)).toEqual(['Motivations', 'Outcomes']);
      expect(plain.rows[0]!.cells[0]).toEqual({ summary: 'To grow.' });
      const quoted = loadFrameworkTable(project.db, { name: 'Themes', quotes: true, labelTemplate: 'Firm {case} \u2019s {Role}', caption: 'Table 3: Edited' });
      expect(quoted.caption).toBe('Table 3: Edited');
      expect(quoted.rows[0]!.cells[0]!.quotes).toEqual([{ text: 'We joined to find customers.', attribution: 'Firm P1\u2019s COO' }]);
      expect(() => loadFrameworkTable(project.db, { name: 'Table 9' })).toThrow('There is no framework matrix called “Table 9”. The saved framework matrices are: “Themes”.');
    } finally {
      project.close();
    }
  });

  it('exports it from the CLI with quotes, a caption and real bullets', async () => {
    let err = '';
    const code = await runCli(['export', path, 'framework', 'Themes', '--quotes', '--caption', 'Table 3: Summary of findings', '--out', join(dir, 't3.docx')], {
      out: () => {},
      err: (t) => (err += t),
      cwd: dir,
      env: {},
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = inspectDocx(new Uint8Array(readFileSync(join(dir, 't3.docx'))));
    expect(doc.paragraphs[0]).toMatchObject({ style: 'Caption', text: 'Table 3: Summary of findings' });
    const rows = doc.tables[0]!.rows;
    expect(rows.map((r) => r.map(cellText)[0])).toEqual(['', 'Motivations', 'Outcomes']);
    expect(bulletCount(rows[2]![2]!)).toBe(3);
    expect(rows[1]![1]!.paragraphs.map((p) => [p.style, p.text])).toEqual([
      ['Normal', 'To grow.'],
      ['Quote', '\u201CWe joined to find customers.\u201D [P1]'],
    ]);
  });
});
