import { describe, it, expect } from 'vitest';
import {
  changeAttributeType,
  editAttribute,
  listAttributeInfo,
  previewTypeChange,
  removeAttribute,
  reorderAttributes,
} from '../../shared/services/attributeService.js';
import {
  assignSource,
  casesByName,
  createCase,
  defineAttribute,
  editCase,
  listCaseRecords,
  removeCase,
  setCaseValue,
} from '../../shared/services/caseService.js';
import { saveCaseSet } from '../../shared/services/caseSetService.js';
import { assignPassageToCase, assignTurnsToCases, caseSpans, casesOfPassage, removeCaseSpan, speakersOfSource, unassignPassage } from '../../shared/services/caseSpanService.js';
import { listSources } from '../../shared/store/sourcesStore.js';
import { addSources, projectsClosedAfterEach, snapshot } from './caseFixtures.js';

const setup = projectsClosedAfterEach();

describe('cases', () => {
  it('creates, renames, describes and deletes cases; refuses duplicates and blank names', () => {
    const { ctx, project } = setup();
    const id = createCase(ctx, { name: '  P01 ', description: 'first' });
    expect(listCaseRecords(project.db)).toMatchObject([{ id, name: 'P01', description: 'first', sources: [], passages: 0, values: {} }]);
    expect(() => createCase(ctx, { name: 'P01' })).toThrow('There is already a case called “P01”.');
    expect(() => createCase(ctx, { name: '   ' })).toThrow('A case needs a name.');
    const other = createCase(ctx, { name: 'P02' });
    expect(() => editCase(ctx, { id: other, name: 'P01' })).toThrow(/already a case/);
    editCase(ctx, { id, name: 'P01a' });
    expect(listCaseRecords(project.db).map((c) => [c.name, c.description])).toEqual([['P01a', 'first'], ['P02', '']]);
    removeCase(ctx, id);
    expect(listCaseRecords(project.db).map((c) => c.name)).toEqual(['P02']);
    expect(() => removeCase(ctx, id)).toThrow('That case no longer exists.');
    project.history.undo();
    expect(listCaseRecords(project.db).map((c) => c.name)).toEqual(['P01a', 'P02']);
  });

  it('assigns a source by id or name, to a case by id or by name (created), and unassigns with null', async () => {
    const { ctx, project } = setup();
    const ids = await addSources(ctx, { 'Interview 1': 'Hello there.', 'Interview 2': 'Second wave.' });
    const r = assignSource(ctx, { sourceName: 'Interview 1', caseName: 'Anna' });
    expect(r).toMatchObject({ caseName: 'Anna', createdCase: true });
    expect(assignSource(ctx, { sourceId: ids.get('Interview 2')!, caseName: 'Anna' })).toMatchObject({ caseId: r.caseId, createdCase: false });
    expect(casesByName(project.db)).toEqual([{ name: 'Anna', parent: null, classification: 'Default', sources: ['Interview 1', 'Interview 2'], attributes: {} }]);
    assignSource(ctx, { sourceId: ids.get('Interview 2')!, caseId: null });
    expect(listSources(project.db).map((s) => s.caseName)).toEqual(['Anna', null]);
    expect(() => assignSource(ctx, { sourceName: 'Nope', caseName: 'Anna' })).toThrow('There is no source called “Nope”.');
    expect(() => assignSource(ctx, { sourceId: 999, caseId: null })).toThrow('That source no longer exists.');
    expect(() => assignSource(ctx, { sourceId: ids.get('Interview 1')!, caseId: 999 })).toThrow('That case no longer exists.');
    expect(() => assignSource(ctx, { sourceId: ids.get('Interview 1')! })).toThrow(/Say which case/);
  });
});

describe('attribute values', () => {
  it('parses typed cells, stores canonical values and shows Unassigned / Not applicable explicitly', () => {
    const { ctx, project } = setup();
    const c = createCase(ctx, { name: 'P01' });
    const age = defineAttribute(ctx, { name: 'Age', type: 'number' });
    const joined = defineAttribute(ctx, { name: 'Joined', type: 'date' });
    const group = defineAttribute(ctx, { name: 'Group', type: 'choice', choices: ['A', 'B', 'a', ' '] });
    expect(listAttributeInfo(project.db).find((a) => a.id === group)!.choices).toEqual(['A', 'B']);
    expect(setCaseValue(ctx, { caseId: c, attributeId: age, raw: ' 34.50 ' })).toEqual({ kind: 'value', value: '34.5' });
    expect(setCaseValue(ctx, { caseId: c, attributeId: joined, raw: '5 March 2021' })).toEqual({ kind: 'value', value: '2021-03-05' });
    expect(setCaseValue(ctx, { caseId: c, attributeId: group, raw: 'n/a' })).toEqual({ kind: 'not_applicable' });
    expect(() => setCaseValue(ctx, { caseId: c, attributeId: age, raw: '1,234' })).toThrow(/Age: '1,234' is not a number \(write it without thousands separators/);
    expect(() => setCaseValue(ctx, { caseId: c, attributeId: group, raw: 'C' })).toThrow(/not one of the choices of Group/);
    expect(casesByName(project.db)[0]!.attributes).toEqual({ Age: '34.5', Joined: '2021-03-05', Group: 'Not applicable' });
    setCaseValue(ctx, { caseId: c, attributeId: age, raw: '' });
    expect(casesByName(project.db)[0]!.attributes.Age).toBe('Unassigned');
    expect(() => defineAttribute(ctx, { name: 'age', type: 'text' })).toThrow('There is already an attribute called “Age”.');
  });
});

describe('attribute definitions', () => {
  it('renames (and keeps case sets working), describes, reorders and deletes', () => {
    const { ctx, project } = setup();
    const a = defineAttribute(ctx, { name: 'Stage', type: 'choice', choices: ['Early', 'Late'] });
    const b = defineAttribute(ctx, { name: 'Age', type: 'number' });
    const c = defineAttribute(ctx, { name: 'Notes', type: 'text' });
    const set = saveCaseSet(ctx, { name: 'Early', rule: { op: 'and', conditions: [{ attribute: 'Stage', operator: '=', value: 'Early' }] } });
    editAttribute(ctx, { id: a, name: 'Phase', description: 'Firm stage' });
    const rows = project.db.prepare(`SELECT rule FROM case_sets WHERE id = ?`).pluck().get(set.id) as string;
    expect(JSON.parse(rows).conditions[0].attribute).toBe('Phase');
    expect(listAttributeInfo(project.db)[0]).toMatchObject({ name: 'Phase', description: 'Firm stage' });
    expect(() => editAttribute(ctx, { id: a, name: 'age' })).toThrow(/already an attribute called “Age”/);

    reorderAttributes(ctx, [c, a, b]);
    expect(listAttributeInfo(project.db).map((x) => x.name)).toEqual(['Notes', 'Phase', 'Age']);
    expect(() => reorderAttributes(ctx, [c, a])).toThrow(/every attribute exactly once/);
    expect(() => reorderAttributes(ctx, [c, a, a])).toThrow(/every attribute exactly once/);

    expect(() => removeAttribute(ctx, a)).toThrow('Phase is used by the case set “Early”; change or delete it first.');
    const p = createCase(ctx, { name: 'P' });
    setCaseValue(ctx, { caseId: p, attributeId: b, raw: '3' });
    expect(removeAttribute(ctx, b)).toEqual({ values: 1 });
    expect(listAttributeInfo(project.db).map((x) => x.name)).toEqual(['Notes', 'Phase']);
    project.history.undo();
    expect(listAttributeInfo(project.db).map((x) => [x.name, x.valueCount])).toEqual([['Notes', 0], ['Phase', 0], ['Age', 1]]);
  });

  it('previews a type change, refuses to lose values unless confirmed, then clears only the failing ones', () => {
    const { ctx, project } = setup();
    const attr = defineAttribute(ctx, { name: 'Size', type: 'text' });
    const values: Record<string, string> = { A: '12', B: 'about 40', C: 'N/A', D: '7.50' };
    for (const [name, raw] of Object.entries(values)) setCaseValue(ctx, { caseId: createCase(ctx, { name }), attributeId: attr, raw });
    const preview = previewTypeChange(project.db, { id: attr, type: 'number' });
    expect(preview).toEqual({
      attribute: 'Size',
      from: 'text',
      to: 'number',
      converted: 3,
      failures: [{ caseName: 'B', value: 'about 40', reason: "'about 40' is not a number" }],
    });
    const before = snapshot(project);
    expect(() => changeAttributeType(ctx, { id: attr, type: 'number' })).toThrow(/1 value of Size would not fit the type number \(for example B: 'about 40' is not a number\); confirm to clear it/);
    expect(snapshot(project)).toEqual(before);
    changeAttributeType(ctx, { id: attr, type: 'number', clearFailing: true });
    expect(casesByName(project.db).map((c) => c.attributes.Size)).toEqual(['12', 'Unassigned', 'Not applicable', '7.5']);
    expect(listAttributeInfo(project.db)[0]!.type).toBe('number');
    project.history.undo();
    expect(casesByName(project.db).map((c) => c.attributes.Size)).toEqual(['12', 'about 40', 'Not applicable', '7.50']);
  });

  it('changes text to choice (derived, scale-ordered list) and edits a choice list', () => {
    const { ctx, project } = setup();
    const attr = defineAttribute(ctx, { name: 'Level', type: 'text' });
    for (const [name, raw] of [['A', 'high'], ['B', 'Low'], ['C', 'medium'], ['D', 'low']]) {
      setCaseValue(ctx, { caseId: createCase(ctx, { name: name! }), attributeId: attr, raw: raw! });
    }
    expect(previewTypeChange(project.db, { id: attr, type: 'choice' })).toMatchObject({ choices: ['Low', 'medium', 'high'], failures: [] });
    changeAttributeType(ctx, { id: attr, type: 'choice' });
    expect(casesByName(project.db).map((c) => c.attributes.Level)).toEqual(['high', 'Low', 'medium', 'Low']);
    // Reordering and respelling the list keeps the values; dropping a used choice needs confirmation.
    changeAttributeType(ctx, { id: attr, type: 'choice', choices: ['High', 'Medium', 'Low'] });
    expect(casesByName(project.db).map((c) => c.attributes.Level)).toEqual(['High', 'Low', 'Medium', 'Low']);
    expect(previewTypeChange(project.db, { id: attr, type: 'choice', choices: ['High', 'Low'] }).failures.map((f) => f.caseName)).toEqual(['C']);
  });
});

describe('passage-level case coding (focus groups)', () => {
  it('codes speaker turns to different cases, lists them with text, and resolves the case of a passage', async () => {
    const { ctx, project } = setup();
    const text = 'Mod: Welcome.\nAnna: I joined early 👍.\nBen: I came later.\n';
    const ids = await addSources(ctx, { 'Focus group': text });
    const src = ids.get('Focus group')!;
    assignSource(ctx, { sourceId: src, caseName: 'Focus group 1' });
    const anna = assignPassageToCase(ctx, { sourceId: src, start: 14, end: 37, caseName: 'Anna' });
    expect(anna.text).toBe('Anna: I joined early 👍.');
    const ben = assignPassageToCase(ctx, { sourceId: src, start: 38, end: 56, caseName: 'Ben' });
    expect(ben.text).toBe('Ben: I came later.');
    expect(caseSpans(project.db, { sourceId: src }).map((s) => [s.caseName, s.start, s.end])).toEqual([['Anna', 14, 37], ['Ben', 38, 56]]);
    const byName = new Map(listCaseRecords(project.db).map((c) => [c.name, c]));
    expect(byName.get('Anna')!.passages).toBe(1);
    expect(casesOfPassage(project.db, src, 20, 25)).toEqual([anna.caseId]);
    expect(casesOfPassage(project.db, src, 0, 5)).toEqual([byName.get('Focus group 1')!.id]);
    expect(casesOfPassage(project.db, src, 30, 45)).toEqual([anna.caseId, ben.caseId, byName.get('Focus group 1')!.id].sort((a, b) => a - b));

    // Re-assigning part of Anna's turn to Ben takes it away from Anna.
    assignPassageToCase(ctx, { sourceId: src, start: 30, end: 40, caseId: ben.caseId });
    expect(caseSpans(project.db, { sourceId: src }).map((s) => [s.caseName, s.start, s.end])).toEqual([['Anna', 14, 30], ['Ben', 30, 56]]);
    expect(unassignPassage(ctx, { sourceId: src, start: 0, end: 20 })).toEqual({ changed: 1 });
    expect(caseSpans(project.db, { caseId: anna.caseId }).map((s) => [s.start, s.end])).toEqual([[20, 30]]);
    removeCaseSpan(ctx, caseSpans(project.db, { caseId: anna.caseId })[0]!.id);
    expect(caseSpans(project.db, { caseId: anna.caseId })).toEqual([]);
    expect(() => removeCaseSpan(ctx, 999)).toThrow(/no longer coded to a case/);
    expect(() => assignPassageToCase(ctx, { sourceId: src, start: 10, end: 999, caseId: ben.caseId })).toThrow(/beyond the end of “Focus group”/);
    expect(() => assignPassageToCase(ctx, { sourceId: src, start: 10, end: 12 })).toThrow(/Say which case/);

    // One undo step per action.
    project.history.undo();
    expect(caseSpans(project.db, { caseId: anna.caseId }).map((s) => [s.start, s.end])).toEqual([[20, 30]]);
    removeCase(ctx, ben.caseId);
    expect(caseSpans(project.db, { sourceId: src }).map((s) => s.caseName)).toEqual(['Anna']);
  });

  it('splits a focus group among its participants by speaker turns, in one undo step', async () => {
    const { ctx, project } = setup();
    const text = 'Moderator: Welcome all.\nAnna: I joined early 👍.\nIt helped.\nBen: Me too.\nModerator: Why?\nAnna: Contacts.\nBen: Funding.\n';
    const src = (await addSources(ctx, { 'Focus group 2': text })).get('Focus group 2')!;
    expect(speakersOfSource(project.db, src).map((s) => [s.speaker, s.turns])).toEqual([['Moderator', 2], ['Anna', 2], ['Ben', 2]]);
    createCase(ctx, { name: 'Ben' });
    const depth = project.history.state().undoDepth;
    const r = assignTurnsToCases(ctx, { sourceId: src, speakers: [{ speaker: 'Anna', caseName: 'Anna' }, { speaker: 'Ben', caseName: ' Ben ' }, { speaker: 'Moderator', caseName: null }] });
    expect(r).toEqual({ passages: 4, createdCases: ['Anna'] });
    expect(project.history.state().undoDepth).toBe(depth + 1);
    expect(caseSpans(project.db, { sourceId: src }).map((s) => [s.caseName, s.text])).toEqual([
      ['Anna', 'Anna: I joined early 👍.\nIt helped.'],
      ['Ben', 'Ben: Me too.'],
      ['Anna', 'Anna: Contacts.'],
      ['Ben', 'Ben: Funding.'],
    ]);
    project.history.undo();
    expect(caseSpans(project.db, { sourceId: src })).toEqual([]);
    expect(listCaseRecords(project.db).map((c) => c.name)).toEqual(['Ben']);
    const plain = (await addSources(ctx, { Plain: 'Just one paragraph of text.' })).get('Plain')!;
    expect(() => assignTurnsToCases(ctx, { sourceId: plain, speakers: [] })).toThrow(/Plain: no speaker turns were found/);
  });
});
