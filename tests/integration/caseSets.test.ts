import { describe, it, expect, afterEach } from 'vitest';
import type { ProjectDb } from '../../shared/db/projectDb.js';
import { changeAttributeType, editAttribute } from '../../shared/services/attributeService.js';
import { createCase, listCaseRecords, removeCase, setCaseValue } from '../../shared/services/caseService.js';
import {
  caseIdsMatching,
  caseIdsOfSet,
  listCaseSetInfo,
  previewRule,
  removeCaseSet,
  saveCaseSet,
} from '../../shared/services/caseSetService.js';
import { applyClassificationImport } from '../../shared/services/classificationService.js';
import { encode, newProject, snapshot } from './caseFixtures.js';

let open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open) p.close();
  open = [];
});

const SHEET = [
  'Case,Group,Stage,Employees,Founded,Member',
  'E1,Entrepreneur,Early,9,2019-05-01,yes',
  'E2,Entrepreneur,Established,120,2001-01-15,no',
  'E3,Entrepreneur,Early,10,2020-11-30,yes',
  'I1,Intermediary,Not applicable,Not applicable,1995-06-01,N/A',
  'I2,Intermediary,,,,',
].join('\n');

function setup() {
  const p = newProject();
  open.push(p.project);
  const columns = [undefined, { type: 'choice' as const, choices: ['Early', 'Established'] }, undefined, undefined, undefined];
  applyClassificationImport(p.ctx, { fileName: 'cases.csv', bytes: encode(SHEET), columns });
  const ids = new Map(listCaseRecords(p.project.db).map((c) => [c.name, c.id]));
  const names = (caseIds: number[]) => caseIds.map((id) => [...ids].find(([, v]) => v === id)![0]);
  return { ...p, ids, names };
}

describe('case sets defined by rules', () => {
  it('Group = Entrepreneur AND Stage = Early, with typed comparisons', () => {
    const { ctx, project, names } = setup();
    const set = saveCaseSet(ctx, {
      name: 'Early entrepreneurs',
      rule: { op: 'and', conditions: [{ attribute: 'group', operator: '=', value: 'entrepreneur' }, { attribute: 'Stage', operator: '=', value: 'Early' }] },
    });
    expect(set).toMatchObject({ kind: 'rule', problems: [], rule: { conditions: [{ attribute: 'Group', value: 'Entrepreneur' }, { attribute: 'Stage', value: 'Early' }] } });
    expect(names(set.caseIds)).toEqual(['E1', 'E3']);
    expect(names(caseIdsMatching(project.db, { op: 'and', conditions: [{ attribute: 'Employees', operator: '>=', value: '10' }] }))).toEqual(['E2', 'E3']);
    expect(names(caseIdsMatching(project.db, { op: 'and', conditions: [{ attribute: 'Founded', operator: '<', value: '1 January 2000' }] }))).toEqual(['I1']);
    expect(names(caseIdsMatching(project.db, { op: 'or', conditions: [{ attribute: 'Member', operator: '=', value: 'yes' }, { attribute: 'Stage', operator: '=', value: 'Unassigned' }] }))).toEqual(['E1', 'E3', 'I2']);
    expect(names(previewRule(project.db, { op: 'and', conditions: [{ attribute: 'Stage', operator: '>', value: 'early' }] }).caseIds)).toEqual(['E2']);
  });

  it('stays up to date as values, cases and attribute names change', () => {
    const { ctx, project, ids, names } = setup();
    const set = saveCaseSet(ctx, { name: 'Small firms', rule: { op: 'and', conditions: [{ attribute: 'Employees', operator: '<', value: '50' }] } });
    expect(names(caseIdsOfSet(project.db, set.id))).toEqual(['E1', 'E3']);
    const employees = project.db.prepare(`SELECT id FROM attributes WHERE name = 'Employees'`).pluck().get() as number;
    setCaseValue(ctx, { caseId: ids.get('E2')!, attributeId: employees, raw: '12' });
    setCaseValue(ctx, { caseId: ids.get('E1')!, attributeId: employees, raw: 'N/A' });
    expect(names(caseIdsOfSet(project.db, set.id))).toEqual(['E2', 'E3']);
    const e4 = createCase(ctx, { name: 'E4' });
    setCaseValue(ctx, { caseId: e4, attributeId: employees, raw: '3' });
    expect(caseIdsOfSet(project.db, set.id)).toContain(e4);
    editAttribute(ctx, { id: employees, name: 'Staff' });
    expect(listCaseSetInfo(project.db)[0]!.rule!.conditions[0]!.attribute).toBe('Staff');
    expect(caseIdsOfSet(project.db, set.id)).toHaveLength(3);
    removeCase(ctx, e4);
    expect(names(caseIdsOfSet(project.db, set.id))).toEqual(['E2', 'E3']);
  });

  it('reports a condition that no longer fits after a type change (it matches nothing)', () => {
    const { ctx, project } = setup();
    saveCaseSet(ctx, { name: 'Early', rule: { op: 'and', conditions: [{ attribute: 'Stage', operator: '=', value: 'Early' }] } });
    const stage = project.db.prepare(`SELECT id FROM attributes WHERE name = 'Stage'`).pluck().get() as number;
    changeAttributeType(ctx, { id: stage, type: 'choice', choices: ['Established', 'Start-up'], clearFailing: true });
    const [info] = listCaseSetInfo(project.db);
    expect(info!.caseIds).toEqual([]);
    expect(info!.problems[0]).toMatch(/'Early' is not one of the choices of Stage/);
  });

  it('refuses bad rules with a message naming the condition, and writes nothing', () => {
    const { ctx, project } = setup();
    const before = snapshot(project);
    expect(() => saveCaseSet(ctx, { name: 'Bad', rule: { op: 'and', conditions: [{ attribute: 'Employees', operator: '>', value: 'many' }] } })).toThrow(
      "Condition 1 (Employees > many): 'many' is not a number.",
    );
    expect(() => saveCaseSet(ctx, { name: 'Bad', rule: { op: 'and', conditions: [{ attribute: 'Height', operator: '=', value: '1' }] } })).toThrow(/no attribute called Height/);
    expect(() => saveCaseSet(ctx, { name: ' ', caseIds: [] })).toThrow('A case set needs a name.');
    expect(() => saveCaseSet(ctx, { name: 'Both', caseIds: [], rule: { op: 'and', conditions: [] } })).toThrow(/either by a rule or by hand-picked cases/);
    expect(snapshot(project)).toEqual(before);
  });
});

describe('hand-made case sets', () => {
  it('keeps picked members, drops deleted cases, converts to a rule set, and deletes', () => {
    const { ctx, project, ids, names } = setup();
    const set = saveCaseSet(ctx, { name: 'Interesting', description: 'to reread', caseIds: [ids.get('I2')!, ids.get('E1')!, ids.get('E1')!, 9999] });
    expect(set).toMatchObject({ kind: 'manual', description: 'to reread' });
    expect(names(set.caseIds)).toEqual(['E1', 'I2']);
    expect(() => saveCaseSet(ctx, { name: 'interesting', caseIds: [] })).toThrow('There is already a case set called “Interesting”.');
    removeCase(ctx, ids.get('E1')!);
    expect(names(caseIdsOfSet(project.db, set.id))).toEqual(['I2']);
    saveCaseSet(ctx, { id: set.id, name: 'Interesting', caseIds: [ids.get('E2')!, ids.get('I2')!] });
    expect(names(caseIdsOfSet(project.db, set.id))).toEqual(['E2', 'I2']);
    const asRule = saveCaseSet(ctx, { id: set.id, name: 'Intermediaries', rule: { op: 'and', conditions: [{ attribute: 'Group', operator: '=', value: 'Intermediary' }] } });
    expect(asRule).toMatchObject({ kind: 'rule', description: 'to reread' });
    expect(names(asRule.caseIds)).toEqual(['I1', 'I2']);
    expect(project.db.prepare(`SELECT count(*) FROM case_set_members`).pluck().get()).toBe(0);
    project.history.undo();
    expect(listCaseSetInfo(project.db)[0]).toMatchObject({ name: 'Interesting', kind: 'manual' });
    removeCaseSet(ctx, set.id);
    expect(listCaseSetInfo(project.db)).toEqual([]);
    expect(() => caseIdsOfSet(project.db, set.id)).toThrow('That case set no longer exists.');
  });
});
