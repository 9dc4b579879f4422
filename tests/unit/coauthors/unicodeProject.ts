/**
 * A small project written in many scripts (emoji and ZWJ sequences,
 * combining accents, CJK, Hebrew and Arabic), built through the services,
 * with two coders, memos of every kind, typed attributes, a case passage and
 * case sets. Used by the round-trip and merge tests.
 */
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { addMemo } from '../../../shared/services/memoService.js';
import { assignSource, createCase, defineAttribute, setCaseValue } from '../../../shared/services/caseService.js';
import { createCode, requireCodeByPath } from '../../../shared/services/codeService.js';
import { applyCoding } from '../../../shared/services/codingService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { importFiles } from '../../../shared/services/sourceService.js';
import { insertCaseSet, replaceMembers } from '../../../shared/store/caseSetsStore.js';
import { insertCaseSpan } from '../../../shared/store/caseSpansStore.js';
import { findSourceByName } from '../../../shared/store/sourcesStore.js';
import { codePointLength } from '../../../shared/text/positions.js';

export const TEXT_A =
  'Interview A\nQ: How did the move feel? 🙂\nA: Café mornings in Zu\u0308rich were calm; e\u0301te\u0301 felt long. ' +
  '👩‍👩‍👧 came along too.\nLater: 東京タワー at night, and 北京 in spring.\nTags like <b> & "quotes" stay as text.\n';
export const TEXT_B = 'Field notes\nשלום עולם — the greeting at the door.\nمرحبا بكم، said the host. 🌍🌏\n\tA tabbed line.\n';

export function cpRange(text: string, sub: string): { start: number; end: number } {
  const at = text.indexOf(sub);
  if (at < 0) throw new Error(`"${sub}" is not in the text`);
  const start = codePointLength(text.slice(0, at));
  return { start, end: start + codePointLength(sub) };
}

export async function buildUnicodeProject(path: string): Promise<void> {
  const project = ProjectDb.create(path, { name: 'Ünïcödé — 東京 / שלום' });
  try {
    const ana: ServiceContext = { project, coderName: 'Ana Ñúñez' };
    const kenji: ServiceContext = { project, coderName: '山田 健二' };
    const enc = new TextEncoder();
    await importFiles(ana, [
      { fileName: 'Interview Ä.txt', bytes: enc.encode(TEXT_A) },
      { fileName: 'ملاحظات.txt', bytes: enc.encode(TEXT_B) },
    ]);
    const a = findSourceByName(project.db, 'Interview Ä')!.id;
    const b = findSourceByName(project.db, 'ملاحظات')!.id;
    createCode(ana, { path: 'Émotions/Calme', color: '#4db6ac', description: 'Calm — «quiet» moments' });
    createCode(ana, { path: 'Émotions/Joie 😊', color: '#ffb74d' });
    createCode(ana, { path: 'Places\\/Cities/東京', description: 'A code whose parent name has a slash' });
    createCode(ana, { path: 'ברכות', color: '#7986cb', description: 'Greetings in Hebrew and Arabic' });
    const joy = requireCodeByPath(project.db, 'Émotions/Joie 😊');
    const c1 = applyCoding(ana, { sourceId: a, ...cpRange(TEXT_A, '👩‍👩‍👧'), codeId: joy });
    applyCoding(kenji, { sourceId: a, ...cpRange(TEXT_A, '👩‍👩‍👧 came along'), codeId: joy });
    applyCoding(ana, { sourceId: a, ...cpRange(TEXT_A, 'Zu\u0308rich'), codePath: 'Émotions/Calme' });
    applyCoding(kenji, { sourceId: a, ...cpRange(TEXT_A, '東京タワー'), codePath: 'Places\\/Cities/東京' });
    applyCoding(ana, { sourceId: b, ...cpRange(TEXT_B, 'שלום עולם'), codePath: 'ברכות' });
    applyCoding(kenji, { sourceId: b, ...cpRange(TEXT_B, 'مرحبا بكم'), codePath: 'ברכות' });
    applyCoding(ana, { sourceId: b, ...cpRange(TEXT_B, '🌍🌏'), codePath: 'Places\\/Cities' });

    addMemo(ana, { target: 'project', title: 'Plan 📝', body: 'Two coders, three scripts.\nSecond line & <markup>.' });
    addMemo(kenji, { target: 'source', sourceId: b, body: 'ノート: right-to-left source' });
    addMemo(ana, { target: 'code', codeId: joy, title: 'Definition', body: 'Joy, incl. 👩‍👩‍👧' });
    addMemo(ana, { target: 'coding', codingId: c1.id, body: 'Family emoji as one grapheme' });
    addMemo(kenji, { target: 'span', sourceId: b, ...cpRange(TEXT_B, 'said the host'), body: 'Annotation on Arabic text' });

    assignSource(ana, { sourceId: a, caseName: 'Zoë' });
    assignSource(ana, { sourceId: b, caseName: 'דוד' });
    const empty = createCase(ana, { name: 'Case without sources', description: 'No transcript yet' });
    const zoe = project.db.prepare(`SELECT id FROM cases WHERE name = 'Zoë'`).pluck().get() as number;
    const david = project.db.prepare(`SELECT id FROM cases WHERE name = 'דוד'`).pluck().get() as number;
    addMemo(kenji, { target: 'case', caseId: zoe, title: 'Über Zoë', body: 'Met in 東京.' });
    const attrs = {
      city: defineAttribute(ana, { name: 'City', type: 'text', description: 'Where they live' }),
      age: defineAttribute(ana, { name: 'Age', type: 'number' }),
      score: defineAttribute(ana, { name: 'Score', type: 'number' }),
      since: defineAttribute(ana, { name: 'Since', type: 'date' }),
      member: defineAttribute(ana, { name: 'Member', type: 'boolean' }),
      stage: defineAttribute(ana, { name: 'Stage', type: 'choice', choices: ['Früh', 'Etabliert'], description: 'Firm stage' }),
    };
    const set = (caseId: number, attributeId: number, raw: string) => setCaseValue(ana, { caseId, attributeId, raw });
    const values: [number, number, string][] = [
      [zoe, attrs.city, 'Zürich'], [zoe, attrs.age, '34'], [zoe, attrs.score, '3.5'], [zoe, attrs.since, '2019-04-01'], [zoe, attrs.member, 'yes'], [zoe, attrs.stage, 'Früh'],
      [david, attrs.city, 'תל אביב'], [david, attrs.age, '41'], [david, attrs.score, '-0.25'], [david, attrs.since, 'Not applicable'], [david, attrs.member, 'no'],
      [david, attrs.stage, 'Not applicable'],
    ];
    for (const [caseId, attributeId, raw] of values) set(caseId, attributeId, raw);
    set(empty, attrs.city, 'n/a');

    project.history.step('Case passage and sets', () => {
      insertCaseSpan(project.db, { caseId: empty, sourceId: b, ...cpRange(TEXT_B, 'A tabbed line.') });
      const hand = insertCaseSet(project.db, { name: 'Hand-picked ✋', description: 'Chosen by hand', rule: null });
      replaceMembers(project.db, hand, [zoe, empty]);
      insertCaseSet(project.db, { name: 'Members', description: '', rule: { op: 'and', conditions: [{ attribute: 'Member', operator: '=', value: 'true' }] } });
    });
  } finally {
    project.close();
  }
}
