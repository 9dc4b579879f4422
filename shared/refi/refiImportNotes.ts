/**
 * REFI-QDA Notes → Quarry memos. A Quarry memo is about exactly one thing,
 * while a note may be referred to from several places: it goes to the most
 * specific one (a coding, then a passage, a code, a source, a case, the
 * project) and the other references are reported. A note nothing refers to
 * becomes a project memo, so no note is ever dropped.
 */
import { fixGuid } from './importGuid.js';
import type { RefiNote } from './refiModel.js';
import type { Planner } from './refiImportPlan.js';
import type { PlannedMemo } from './refiImportPlanTypes.js';

export type NoteOwner =
  | { kind: 'coding'; codingGuid: string }
  | { kind: 'span'; sourceGuid: string; start: number; end: number }
  | { kind: 'code'; codeGuid: string }
  | { kind: 'source'; sourceGuid: string }
  | { kind: 'case'; caseGuid: string }
  | { kind: 'project' };

const PRIORITY: NoteOwner['kind'][] = ['coding', 'span', 'code', 'source', 'case', 'project'];

function target(owner: NoteOwner): Omit<PlannedMemo, 'guid' | 'title' | 'body' | 'fromNote'> {
  switch (owner.kind) {
    case 'coding':
      return { target: 'coding', codingGuid: owner.codingGuid };
    case 'span':
      return { target: 'span', sourceGuid: owner.sourceGuid, start: owner.start, end: owner.end };
    case 'code':
      return { target: 'code', codeGuid: owner.codeGuid };
    case 'source':
      return { target: 'source', sourceGuid: owner.sourceGuid };
    case 'case':
      return { target: 'case', caseGuid: owner.caseGuid };
    case 'project':
      return { target: 'project' };
  }
}

export function planNotes(p: Planner, notes: RefiNote[]): void {
  for (const note of notes) {
    const owners = [...(p.owners.get(note.guid) ?? [])];
    if (note.selection) {
      owners.unshift({ kind: 'span', sourceGuid: fixGuid(note.selection.sourceGuid), start: note.selection.start, end: note.selection.end });
    }
    owners.sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind));
    const usable = owners.filter((o) => o.kind !== 'span' || p.sources.has(o.sourceGuid));
    const owner = usable[0] ?? { kind: 'project' as const };
    const distinct = new Set(usable.map((o) => JSON.stringify(o)));
    if (distinct.size > 1) {
      p.skip({
        kind: 'reference',
        name: note.name ?? note.guid,
        reason: `the note is attached to ${distinct.size} items; a Quarry memo belongs to one, so it was attached to the first (a ${owner.kind}) only`,
      });
    }
    const memo: PlannedMemo = { guid: p.claim('memo', note.guid), ...target(owner), title: note.name ?? '', body: note.text, fromNote: true };
    const author = note.creatingUserGuid ? p.user(note.creatingUserGuid) : undefined;
    if (author) memo.authorGuid = author;
    if (note.creationDateTime) memo.createdAt = note.creationDateTime;
    if (note.modifiedDateTime) memo.modifiedAt = note.modifiedDateTime;
    const modifier = p.user(note.modifyingUserGuid);
    if (modifier) memo.modifiedByGuid = modifier;
    p.plan.memos.push(memo);
  }
}
