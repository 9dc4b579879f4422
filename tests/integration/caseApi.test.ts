import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import type { ClassificationImportReport, ClassificationPreview } from '../../shared/domain/caseTypes.js';
import { tempDir, workbook, WORKBOOK } from './caseFixtures.js';

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

async function setup() {
  const dir = tempDir();
  const session = new Session({ dataDir: join(dir, 'data'), platform: 'web' });
  sessions.push(session);
  const dispatch = createDispatcher(session, (e) => {
    throw e;
  });
  await call(dispatch, 'project.create', { path: join(dir, 'api.quarry') });
  return { dir, session, dispatch };
}

async function call<T = unknown>(dispatch: Dispatch, method: string, args: unknown = {}): Promise<T> {
  const r = await dispatch(method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const CSV = '\uFEFFCase,Age,Group\r\nP1,34,A\r\nP2,x,B\r\nP3,40,A\r\nP4,41,B\r\n';

describe('the cases API', () => {
  it('previews (nothing written), imports as previewed, lists, edits a cell, exports', async () => {
    const { dispatch } = await setup();
    const file = { fileName: 'sheet.csv', dataBase64: b64(CSV), columns: [{ type: 'number' }, null] };
    const preview = await call<ClassificationPreview>(dispatch, 'classification.preview', file);
    expect(preview.rejected).toEqual([{ row: 3, column: 'Age', reason: "'x' is not a number" }]);
    expect(preview.columns.map((c) => c.target)).toEqual([{ name: 'Age', type: 'number' }, null]);
    expect(await call(dispatch, 'cases.list')).toEqual([]);
    const report = await call<ClassificationImportReport>(dispatch, 'classification.import', { ...file, expectedPlanKey: preview.planKey });
    expect(report).toMatchObject({ created: 4, updated: 3, rejected: [{ row: 3, column: 'Age' }] });

    const attrs = await call<{ id: number; name: string; valueCount: number }[]>(dispatch, 'attributes.list');
    expect(attrs.map((a) => [a.name, a.valueCount])).toEqual([['Age', 3]]);
    const cases = await call<{ id: number; name: string }[]>(dispatch, 'cases.list');
    const p2 = cases.find((c) => c.name === 'P2')!;
    expect(await call(dispatch, 'cases.setValue', { caseId: p2.id, attributeId: attrs[0]!.id, raw: '29' })).toEqual({ kind: 'value', value: '29' });
    const bad = await dispatch('cases.setValue', { caseId: p2.id, attributeId: attrs[0]!.id, raw: 'old' });
    expect(bad).toEqual({ ok: false, error: { code: 'invalid_input', message: "Age: 'old' is not a number." } });

    expect(await call(dispatch, 'cases.sheet')).toMatchObject({
      attributes: [{ name: 'Age', type: 'number' }],
      cases: [{ name: 'P1', sources: [], passages: 0 }, { name: 'P2' }, { name: 'P3' }, { name: 'P4' }],
      values: { [attrs[0]!.id]: ['34', '29', '40', '41'] },
    });
    await call(dispatch, 'cases.setValue', { caseId: p2.id, attributeId: attrs[0]!.id, raw: 'N/A' });
    const sheet = await call<{ values: Record<number, unknown[]> }>(dispatch, 'cases.sheet');
    expect(sheet.values[attrs[0]!.id]).toEqual(['34', 0, '40', '41']);
    await call(dispatch, 'cases.setValue', { caseId: p2.id, attributeId: attrs[0]!.id, raw: '' });
    expect((await call<{ values: Record<number, unknown[]> }>(dispatch, 'cases.sheet')).values[attrs[0]!.id]).toEqual(['34', null, '40', '41']);
    await call(dispatch, 'cases.setValue', { caseId: p2.id, attributeId: attrs[0]!.id, raw: '29' });

    const exported = await call<{ fileName: string; csv: string }>(dispatch, 'classification.export');
    expect(exported).toEqual({ fileName: 'api - classification.csv', csv: '\uFEFFCase,Age\r\nP1,34\r\nP2,29\r\nP3,40\r\nP4,41\r\n' });
  });

  it('reports whole-file problems as typed errors naming the file', async () => {
    const { dispatch } = await setup();
    const r = await dispatch('classification.preview', { fileName: 'empty.csv', dataBase64: '' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^empty\.csv: the file is empty/) } });
    const big = await dispatch('classification.preview', { fileName: 'huge.csv', dataBase64: 'A'.repeat(45 * 1024 * 1024) });
    expect(big).toMatchObject({ ok: false, error: { code: 'too_large', message: expect.stringMatching(/^huge\.csv: the file is larger than/) } });
  });

  it('assigns sources, codes passages, manages attributes and case sets through the contract', async () => {
    const { dispatch } = await setup();
    const [src] = await call<{ sourceId: number }[]>(dispatch, 'sources.import', { files: [{ fileName: 'Group 1.txt', dataBase64: b64('Ann: yes.\nBob: no.\n') }] });
    const assigned = await call<{ caseId: number; createdCase: boolean }>(dispatch, 'cases.assignSource', { sourceName: 'Group 1', caseName: 'Group 1' });
    expect(assigned.createdCase).toBe(true);
    await call(dispatch, 'cases.assignSource', { sourceId: src!.sourceId, caseId: null });
    const span = await call<{ caseName: string; text: string }>(dispatch, 'cases.spans.assign', { sourceId: src!.sourceId, start: 0, end: 9, caseName: 'Ann' });
    expect(span).toMatchObject({ caseName: 'Ann', text: 'Ann: yes.' });
    expect(await call<unknown[]>(dispatch, 'cases.spans.list', { sourceId: src!.sourceId })).toHaveLength(1);

    const { id: attr } = await call<{ id: number }>(dispatch, 'attributes.create', { name: 'Role', type: 'choice', choices: ['Chair', 'Member'] });
    await call(dispatch, 'attributes.update', { id: attr, description: 'Role in the group' });
    const cases = await call<{ id: number; name: string }[]>(dispatch, 'cases.list');
    const ann = cases.find((c) => c.name === 'Ann')!;
    await call(dispatch, 'cases.setValue', { caseId: ann.id, attributeId: attr, raw: 'chair' });
    const preview = await call<{ failures: unknown[] }>(dispatch, 'attributes.changeTypePreview', { id: attr, type: 'boolean' });
    expect(preview.failures).toHaveLength(1);
    const set = await call<{ id: number; caseIds: number[] }>(dispatch, 'caseSets.save', {
      name: 'Chairs',
      rule: { op: 'and', conditions: [{ attribute: 'Role', operator: '=', value: 'Chair' }] },
    });
    expect(set.caseIds).toEqual([ann.id]);
    expect((await call<unknown[]>(dispatch, 'caseSets.list'))).toHaveLength(1);
    const badRule = await dispatch('caseSets.save', { name: 'X', rule: { op: 'xor', conditions: [] } });
    expect(badRule).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('refuses changes on a read-only project', async () => {
    const { dispatch, dir } = await setup();
    await call(dispatch, 'project.close');
    await call(dispatch, 'project.open', { path: join(dir, 'api.quarry'), readOnly: true });
    expect(await call(dispatch, 'cases.list')).toEqual([]);
    const r = await dispatch('cases.create', { name: 'P1' });
    expect(r).toMatchObject({ ok: false, error: { code: 'read_only' } });
    const imp = await dispatch('classification.import', { fileName: 'a.csv', dataBase64: b64(CSV) });
    expect(imp).toMatchObject({ ok: false, error: { code: 'read_only' } });
  });
});

describe('the cases API with Excel workbooks', () => {
  it('classification.preview / import / exportXlsx', async () => {
    const { dispatch } = await setup();
    const file = { fileName: 'people.xlsx', dataBase64: Buffer.from(await workbook(WORKBOOK)).toString('base64') };
    const preview = await call<ClassificationPreview>(dispatch, 'classification.preview', file);
    expect(preview).toMatchObject({ format: 'xlsx', sheetName: 'Participants', rows: 4, createCases: 4 });
    expect(await call(dispatch, 'cases.list')).toEqual([]);
    const report = await call<ClassificationImportReport>(dispatch, 'classification.import', { ...file, expectedPlanKey: preview.planKey });
    expect(report).toMatchObject({ created: 4, rejected: [], attributesCreated: 5 });
    const exported = await call<{ fileName: string; dataBase64: string }>(dispatch, 'classification.exportXlsx');
    expect(exported.fileName).toBe('api - classification.xlsx');
    const again = await call<ClassificationPreview>(dispatch, 'classification.preview', { fileName: exported.fileName, dataBase64: exported.dataBase64 });
    expect(again).toMatchObject({ createCases: 0, setValues: 0, rejectedTotal: 0 });

    const refused = await dispatch('classification.import', { fileName: 'x.xlsx', dataBase64: Buffer.from('not a workbook').toString('base64') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^x\.xlsx: the file is not a valid Excel workbook/) } });
  });
});
