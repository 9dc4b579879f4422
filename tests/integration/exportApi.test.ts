import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import type { ExportChoices, ExportModel } from '../../shared/exporters/exportModels.js';
import { inspectDocx } from '../unit/exporters/docxInspect.js';

let dir: string;
let demo: string;
const sessions: Session[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-export-api-'));
  demo = join(dir, 'demo.quarry');
  await buildDemoProject(demo);
});
// A project is open in one session at a time (the lock), so each test closes its own.
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(platform: 'web' | 'electron'): Promise<Dispatch> {
  const session = new Session({ dataDir: join(dir, `data-${platform}`), platform });
  sessions.push(session);
  const dispatch = createDispatcher(session, (e) => {
    throw e;
  });
  const r = await dispatch('project.open', { path: demo });
  if (!r.ok) throw new Error(r.error.message);
  return dispatch;
}

async function call<T>(dispatch: Dispatch, method: string, args: unknown = {}): Promise<T> {
  const r = await dispatch(method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('the export API', () => {
  it('offers the project’s attributes, codes, coders and interview guide', async () => {
    const web = await open('web');
    const c = await call<ExportChoices>(web, 'export.choices');
    expect(c.attributes.map((a) => a.name)).toContain('Group');
    expect(c.codes.find((x) => x.path === 'Outcomes/Entrepreneurs/Trust')).toMatchObject({ depth: 2, name: 'Trust' });
    expect(c.coders).toEqual(expect.arrayContaining(['Ruth Ashworth', 'Daniel Osei']));
    expect(c.hasInterviewGuide).toBe(true);
    expect(c.defaultLabelTemplate).toBe('[{case}]');
  });

  it('previews a model and returns the file as base64 with a suggested name', async () => {
    const web = await open('web');
    const request = { kind: 'cases', format: 'docx', groupBy: 'Group', caption: 'Table 1: Interviewees' };
    const preview = await call<ExportModel>(web, 'export.preview', { request });
    expect(preview.kind).toBe('cases');
    const file = await call<{ fileName: string; mimeType: string; dataBase64: string; bytes: number }>(web, 'export.file', { request });
    expect(file.fileName).toBe('Table 1 Interviewees.docx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const bytes = new Uint8Array(Buffer.from(file.dataBase64, 'base64'));
    expect(bytes.length).toBe(file.bytes);
    expect(inspectDocx(bytes).tables[0]!.rows).toHaveLength(17);
  });

  it('checks requests: unknown kinds, formats a kind cannot take, bad templates', async () => {
    const web = await open('web');
    const bad = await web('export.file', { request: { kind: 'codebook', format: 'csv' } });
    expect(bad.ok).toBe(false);
    const template = await web('export.preview', { request: { kind: 'quotes', format: 'docx', codes: ['Outcomes'], labelTemplate: '{Sector}' } });
    expect(template).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('saves to a path only in the desktop app, atomically, and refuses a mismatched extension', async () => {
    const web = await open('web');
    const out = mkdtempSync(join(dir, 'out-'));
    const request = { kind: 'codebook', format: 'docx' };
    const refused = await web('export.save', { request, path: join(out, 'codebook.docx') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'In the browser, exports are downloaded; saving to a path is for the desktop app.' } });

    for (const s of sessions.splice(0)) s.close();
    const desktop = await open('electron');
    const saved = await call<{ path: string; bytes: number }>(desktop, 'export.save', { request, path: join(out, 'codebook.docx') });
    expect(saved.path).toBe(join(out, 'codebook.docx'));
    expect(readFileSync(saved.path).length).toBe(saved.bytes);
    const wrong = await desktop('export.save', { request, path: join(out, 'codebook.csv') });
    expect(wrong).toMatchObject({ ok: false, error: { message: 'The file name must end in .docx for this export (it is codebook.csv).' } });
    const failing = await desktop('export.save', { request: { kind: 'quotes', format: 'docx', codes: ['Nope'] }, path: join(out, 'quotes.docx') });
    expect(failing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(readdirSync(out)).toEqual(['codebook.docx']);
  });
});
