/**
 * The last step of reading: references between items. Duplicated GUIDs are
 * resolved, selections that only anchor a note become annotations, and
 * references to things that were not imported (a skipped video, a note the
 * file never defines) are dropped and reported.
 */
import type { RefiCode, RefiProject, RefiSkipped, RefiVariableValue } from './refiModel.js';
import type { StagedSelections } from './stagedSelections.js';
import type { ReadContext } from './refiElements.js';
import { derivedGuid } from './refiGuid.js';

function forEachCode(codes: RefiCode[], fn: (c: RefiCode) => void): void {
  for (const c of codes) {
    fn(c);
    forEachCode(c.children, fn);
  }
}

/** The one empty list of references every selection and coding without any shares (frozen: nothing may add to it). */
const NO_REFS: string[] = Object.freeze([]) as unknown as string[];

function prune(ctx: { skipped: RefiSkipped[] }, refs: string[], valid: Set<string>, kind: string, owner: string, what: string): string[] {
  // Most of a million selections and codings refer to no note: they share one empty list.
  if (refs.length === 0) return NO_REFS;
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const r of refs) {
    if (seen.has(r)) continue; // a repeated reference adds nothing
    seen.add(r);
    if (valid.has(r)) kept.push(r);
    else ctx.skipped.push({ kind, name: owner, reason: `it refers to the ${what} ${r}, which was not imported` });
  }
  return kept;
}

function pruneValues(ctx: ReadContext, values: RefiVariableValue[], variables: Set<string>, owner: string): RefiVariableValue[] {
  return values.filter((v) => {
    if (variables.has(v.variableGuid)) return true;
    ctx.skipped.push({ kind: 'variable value', name: owner, reason: `its variable ${v.variableGuid} is not defined` });
    return false;
  });
}

function dropDuplicateGuids(ctx: ReadContext, project: RefiProject, staged: StagedSelections | undefined): void {
  const sourceSeen = new Set<string>();
  project.sources = project.sources.filter((s) => {
    if (!sourceSeen.has(s.guid)) return sourceSeen.add(s.guid);
    ctx.skipped.push({ kind: 'source', name: s.name, reason: `another source already has the GUID ${s.guid}` });
    if (staged && s.staged !== undefined) staged.dropDuplicate(s, staged.skips.slot(ctx.skipped));
    else for (const sel of s.selections) for (const _ of sel.codings) ctx.skipped.push({ kind: 'coding', name: s.name, reason: 'its source was skipped' });
    return false;
  });
  const noteSeen = new Set<string>();
  project.notes = project.notes.filter((n) => {
    if (!noteSeen.has(n.guid)) return noteSeen.add(n.guid);
    ctx.skipped.push({ kind: 'note', name: n.name ?? n.guid, reason: `another note already has the GUID ${n.guid}` });
    return false;
  });
  if (staged) {
    // Each source's selections are checked for duplicates as the planner takes it (stagedSelections.ts).
    staged.keep(project.sources, ctx.warnings);
    return;
  }
  const selectionSeen = new Set<string>();
  for (const s of project.sources) {
    for (const sel of s.selections) {
      if (selectionSeen.has(sel.guid)) {
        const fresh = derivedGuid('duplicate-selection', s.guid, sel.guid, String(sel.start), String(sel.end));
        ctx.warnings.push(`Two selections share the GUID ${sel.guid}; Quarry gave the one in "${s.name}" at ${sel.start}–${sel.end} the new GUID ${fresh}.`);
        sel.guid = fresh;
      }
      selectionSeen.add(sel.guid);
    }
  }
}

/**
 * Selections with nothing but one note (no code, name or description) are how
 * a note is anchored to text, provided no other selection or coding claims
 * that note too. (References from codes, sets or the project do not compete.)
 */
function extractAnnotations(project: RefiProject): void {
  const noteRefCount = new Map<string, number>();
  const count = (guids: string[]): void => guids.forEach((g) => noteRefCount.set(g, (noteRefCount.get(g) ?? 0) + 1));
  for (const s of project.sources) {
    for (const sel of s.selections) {
      count(sel.noteGuids);
      for (const c of sel.codings) count(c.noteGuids);
    }
  }
  const caseSelections = new Set(project.cases.flatMap((c) => c.selectionGuids));
  const notes = new Map(project.notes.map((n) => [n.guid, n]));
  for (const s of project.sources) {
    s.selections = s.selections.filter((sel) => {
      const noteGuid = sel.noteGuids[0];
      const note = noteGuid === undefined ? undefined : notes.get(noteGuid);
      const bare = sel.codings.length === 0 && sel.name === undefined && sel.description === undefined && sel.noteGuids.length === 1;
      if (!bare || !note || note.selection || noteRefCount.get(note.guid) !== 1 || caseSelections.has(sel.guid)) return true;
      note.selection = { sourceGuid: s.guid, start: sel.start, end: sel.end };
      return false;
    });
  }
}

export function linkProject(ctx: ReadContext, project: RefiProject, declaredSources: Set<string> = new Set(), staged?: StagedSelections): void {
  dropDuplicateGuids(ctx, project, staged);
  // Cases refer to few selections: only those are looked for, not every selection's GUID gathered (a million at once).
  const caseSelectionRefs = new Set(project.cases.flatMap((c) => c.selectionGuids));
  let selections = new Set<string>();
  if (staged) {
    staged.setCaseSelections(caseSelectionRefs);
    selections = staged.prePass(project.notes, caseSelectionRefs, project.codes);
  } else {
    extractAnnotations(project);
    for (const s of project.sources) for (const sel of s.selections) if (caseSelectionRefs.has(sel.guid)) selections.add(sel.guid);
  }

  const notes = new Set(project.notes.map((n) => n.guid));
  const sources = new Set(project.sources.map((s) => s.guid));
  const variables = new Set(project.variables.map((v) => v.guid));
  const codes = new Set<string>();
  forEachCode(project.codes, (c) => codes.add(c.guid));

  project.projectNoteGuids = prune(ctx, project.projectNoteGuids, notes, 'reference', project.name, 'note');
  forEachCode(project.codes, (c) => (c.noteGuids = prune(ctx, c.noteGuids, notes, 'reference', c.name, 'note')));
  for (const s of project.sources) {
    s.noteGuids = prune(ctx, s.noteGuids, notes, 'reference', s.name, 'note');
    s.values = pruneValues(ctx, s.values, variables, s.name);
    if (staged && s.staged !== undefined) {
      staged.pruneLater(s, ctx.skipped, (skipped, refs, owner) => prune({ skipped }, refs, notes, 'reference', owner, 'note'));
      continue;
    }
    for (const sel of s.selections) {
      sel.noteGuids = prune(ctx, sel.noteGuids, notes, 'reference', sel.name ?? s.name, 'note');
      for (const c of sel.codings) c.noteGuids = prune(ctx, c.noteGuids, notes, 'reference', sel.name ?? s.name, 'note');
    }
  }
  for (const c of project.cases) {
    c.values = pruneValues(ctx, c.values, variables, c.name);
    // A source reference that matches nothing is kept aside: the import plan links it by name or variables (refiCaseLinks.ts).
    const dangling = [...new Set(c.sourceGuids.filter((g) => !sources.has(g) && !declaredSources.has(g)))];
    if (dangling.length > 0) c.danglingSourceGuids = dangling;
    c.sourceGuids = prune(ctx, c.sourceGuids.filter((g) => !dangling.includes(g)), sources, 'reference', c.name, 'source');
    c.codeGuids = prune(ctx, c.codeGuids, codes, 'reference', c.name, 'code');
    c.selectionGuids = prune(ctx, c.selectionGuids, selections, 'reference', c.name, 'selection');
  }
  for (const set of project.sets) {
    set.memberCodeGuids = prune(ctx, set.memberCodeGuids, codes, 'set member', set.name, 'code');
    set.memberSourceGuids = prune(ctx, set.memberSourceGuids, sources, 'set member', set.name, 'source');
    set.memberNoteGuids = prune(ctx, set.memberNoteGuids, notes, 'set member', set.name, 'note');
  }
}
