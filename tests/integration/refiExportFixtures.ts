/**
 * Projects for the REFI-QDA export oracle (refiExportDigests.test.ts) and
 * the streaming test: a newly written study with awkward text (emoji, CJK,
 * RTL, CRLF, combining accents), overlapping codings by two coders, memos
 * of every kind, annotations, cases with passages, case/source/code sets,
 * attributes of cases and sources, nested cases and a recording; and
 * `pinProject`, which fixes every GUID and timestamp so that its exports are
 * the same bytes on every run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ProjectDb } from '../../shared/db/projectDb.js';
import type { ServiceContext } from '../../shared/services/context.js';
import { importFiles } from '../../shared/services/sourceService.js';
import { applyCoding } from '../../shared/services/codingService.js';
import { addMemo } from '../../shared/services/memoService.js';
import { assignSource, defineAttribute, setCaseValue } from '../../shared/services/caseService.js';
import { addCase } from '../../shared/services/classificationsService.js';
import { assignPassageToCase } from '../../shared/services/caseSpanService.js';
import { saveCaseSet } from '../../shared/services/caseSetService.js';
import { createItemSet } from '../../shared/services/itemSetService.js';
import { createCode } from '../../shared/services/codeService.js';
import { defineSourceAttribute, setSourceAttributeValue } from '../../shared/services/sourceAttributeService.js';
import { importRecording } from '../../shared/services/mediaService.js';
import { getSourceText } from '../../shared/store/sourcesStore.js';
import { sineWav } from '../media/mediaFixtures.js';

/** Newly written texts; each stresses a different way of counting characters. */
export const AWKWARD_TEXTS: Record<string, string> = {
  'Harbour walk': 'We met by the pier 🙂 at dawn.\r\nThe ferry 🚢 was late again; nobody minded.\r\nA child waved 👋🏽 from the rail.\r\n',
  'Tea house': '茶室で話した。窓の外は雨、でも皆は笑っていた。\n그 다음에 우리는 시장에 갔다.\n最後に「また来週」と言った。\n',
  'Greetings desk': 'שלום לכולם, said the clerk.\nمساء الخير — the reply came softly.\nThen a pause, and both laughed.\n',
  'Accent notes': 'The cafe\u0301 owner spelled it re\u0301sume\u0301.\nNai\u0308ve questions were welcome.\nZ\u030Civjo and skål were said together.\n',
  'Plain minutes': 'Item one: the budget was agreed.\nItem two: the roof needs work.\nItem three: nothing else was raised.\n',
};

const cp = (text: string, needle: string): { start: number; end: number } => {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`fixture: “${needle}” is not in the text`);
  const start = [...text.slice(0, i)].length;
  return { start, end: start + [...needle].length };
};

/** Builds the awkward study at `path` (GUIDs and times are random until pinProject). */
export async function buildAwkwardProject(dir: string, path: string): Promise<void> {
  const project = ProjectDb.create(path, { name: 'Awkward “study” <élan> 🙂' });
  try {
    const ana: ServiceContext = { project, coderName: 'Ana Ribeiro' };
    const kofi: ServiceContext = { project, coderName: 'Kofi 王' };
    const files = Object.entries(AWKWARD_TEXTS).map(([name, text]) => ({ fileName: `${name}.txt`, bytes: new TextEncoder().encode(text) }));
    const ids = new Map((await importFiles(ana, files)).map((r) => [r.name!, r.sourceId!]));
    const id = (name: string): number => ids.get(name)!;
    const text = (name: string): string => getSourceText(project.db, id(name))!;
    const at = (name: string, needle: string) => ({ sourceId: id(name), ...cp(text(name), needle) });

    createCode(ana, { path: 'Moods/Joy', color: '#FFAA00', description: 'Happy moments & <laughs>' });
    createCode(ana, { path: 'Places/Joy', description: 'A second “Joy”, under Places' });
    createCode(ana, { path: 'Places/Water 🚢' });
    createCode(ana, { path: 'Language/Greeting' });
    const c1 = applyCoding(ana, { ...at('Harbour walk', 'pier 🙂 at'), codePath: 'Moods/Joy' });
    applyCoding(kofi, { ...at('Harbour walk', '🙂 at dawn.\nThe ferry 🚢'), codePath: 'Places/Water 🚢' });
    applyCoding(ana, { ...at('Harbour walk', 'waved 👋🏽'), codePath: 'Moods/Joy' });
    applyCoding(kofi, { ...at('Tea house', '窓の外は雨'), codePath: 'Places/Joy' });
    const c2 = applyCoding(ana, { ...at('Tea house', '시장에'), codePath: 'Places/Joy' });
    applyCoding(ana, { ...at('Greetings desk', 'שלום לכולם'), codePath: 'Language/Greeting' });
    applyCoding(kofi, { ...at('Greetings desk', 'مساء الخير — the reply'), codePath: 'Language/Greeting' });
    applyCoding(ana, { ...at('Accent notes', 're\u0301sume\u0301'), codePath: 'Language/Greeting' });
    applyCoding(kofi, { ...at('Accent notes', 'Nai\u0308ve questions were welcome.\nZ\u030Civjo'), codePath: 'Moods/Joy' });

    addMemo(ana, { target: 'project', title: 'Plan', body: 'Read everything twice.\nThen code.' });
    addMemo(ana, { target: 'project', body: 'A second project memo with a bell \u0007 in it.' });
    addMemo(ana, { target: 'source', sourceId: id('Tea house'), body: 'Recorded in the afternoon ☔.' });
    addMemo(kofi, { target: 'code', codeId: c1.codeId, body: 'Joy means visible delight.' });
    addMemo(ana, { target: 'coding', codingId: c1.id, body: 'The smile is in the emoji.' });
    addMemo(kofi, { target: 'coding', codingId: c2.id, title: 'Market', body: '시장 = market.' });
    addMemo(ana, { target: 'span', ...at('Greetings desk', 'both laughed'), body: 'Shared laughter.' });

    const nested = addCase(ana, { name: 'Port team', classification: 'Team' });
    const child = addCase(ana, { name: 'Ferry crew', parent: 'Port team', classification: 'Team' });
    addCase(ana, { name: 'Lone visitor' });
    const role = defineAttribute(ana, { name: 'Role', type: 'choice', choices: ['Crew', 'Guest'] });
    const years = defineAttribute(ana, { name: 'Years', type: 'number' });
    setCaseValue(ana, { caseId: nested.id, attributeId: role, raw: 'Crew' });
    setCaseValue(ana, { caseId: child.id, attributeId: role, raw: 'Guest' });
    setCaseValue(ana, { caseId: child.id, attributeId: years, raw: '12' });
    assignSource(ana, { sourceId: id('Harbour walk'), caseId: child.id });
    assignSource(ana, { sourceId: id('Plain minutes'), caseName: 'Lone visitor' });
    assignPassageToCase(ana, { ...at('Tea house', '最後に'), caseId: nested.id });
    addMemo(ana, { target: 'case', caseId: child.id, body: 'The crew spoke last.' });
    saveCaseSet(ana, { name: 'Crew by rule', rule: { op: 'and', conditions: [{ attribute: 'Role', operator: '=', value: 'Crew' }] } });
    saveCaseSet(ana, { name: 'Picked', caseIds: [child.id] });
    createItemSet(ana, { kind: 'sources', name: 'Non-Latin', memberIds: [id('Tea house'), id('Greetings desk')] });
    createItemSet(ana, { kind: 'codes', name: 'Feelings', memberIds: [c1.codeId] });
    const wave = defineSourceAttribute(ana, { name: 'Wave', type: 'number' });
    setSourceAttributeValue(ana, { sourceId: id('Tea house'), attributeId: wave, raw: '2' });

    writeFileSync(join(dir, 'Quay.wav'), sineWav(4));
    const vtt = 'WEBVTT\n\n00:00:00.250 --> 00:00:01.500\n<v Pilot>Ropes off 🪢 now.</v>\n\n00:00:01.500 --> 00:00:03.750\n<v Deckhand>Aye, all clear.</v>\n';
    const rec = await importRecording(ana, { mediaPath: join(dir, 'Quay.wav'), transcript: { fileName: 'Quay.vtt', bytes: new TextEncoder().encode(vtt) } });
    const recText = getSourceText(project.db, rec.sourceId!)!;
    applyCoding(kofi, { sourceId: rec.sourceId!, ...cp(recText, 'Ropes off 🪢'), codePath: 'Places/Water 🚢' });
    // A row made by a script: its identifier is not a GUID, so the export derives one.
    project.db.prepare(`UPDATE codes SET guid = 'code-made-by-a-script' WHERE name = 'Greeting'`).run();
  } finally {
    project.close();
  }
}

/** Every GUID and time in the file fixed (by table and row id), so its exports are the same bytes on every run. */
export function pinProject(db: Database.Database): void {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  db.transaction(() => {
    tables.forEach((table, t) => {
      const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
      const rowid = columns.includes('id') ? 'id' : 'rowid';
      if (columns.includes('guid')) {
        // In two steps: a row may already hold the GUID another row is given.
        db.prepare(`UPDATE "${table}" SET guid = 'pinning-' || ${rowid} WHERE guid LIKE '________-____-____-____-____________'`).run();
        db.prepare(`UPDATE "${table}" SET guid = printf('00000000-0000-4000-8%03x-%012x', ?, ${rowid}) WHERE guid LIKE 'pinning-%'`).run(t);
      }
      for (const c of columns.filter((c) => /_at$/.test(c))) {
        db.prepare(`UPDATE "${table}" SET "${c}" = printf('2026-01-%02dT10:00:00.000Z', 1 + (${rowid} % 28)) WHERE "${c}" IS NOT NULL`).run();
      }
    });
    const meta = db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'project_meta'`).pluck().get();
    if (meta) {
      db.prepare(`UPDATE project_meta SET value = '00000000-0000-4000-8fff-000000000001' WHERE key = 'guid'`).run();
      db.prepare(`UPDATE project_meta SET value = '2026-01-01T09:00:00.000Z' WHERE key = 'created_at'`).run();
    }
  })();
}
