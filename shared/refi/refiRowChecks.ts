/**
 * Checks the names and choice lists a REFI-QDA file brings in with the API
 * contract's own schemas, before the import is planned: a user, code,
 * source, variable, case or set whose name the API would refuse (control
 * characters, hundreds of thousands of characters) or a variable whose
 * Quarry choice list does not fit is left out and reported — with the rows
 * that hang off it — and never stored. An empty name is not refused here:
 * the planner gives such rows a name of Quarry's, as it always has.
 */
import type { z } from 'zod';
import { choicesSchema, codeNameSchema, coderNameSchema, issueMessage, nameSchema, shownName } from '../api/methods/valueSchemas.js';
import { fixGuid } from './importGuid.js';
import { readChoices } from './quarryMarkers.js';
import type { RefiCode, RefiProject, RefiSelection, RefiSkipped, RefiTextSource, RefiVariable } from './refiModel.js';

export type Skip = (s: RefiSkipped) => void;

/** The problem with a name, or undefined when it is empty (named later) or fits. */
function nameProblem(schema: z.ZodType, name: string): string | undefined {
  if (name.trim() === '') return undefined;
  const r = schema.safeParse(name);
  return r.success ? undefined : issueMessage(r.error);
}

function checkCodes(codes: RefiCode[], skip: Skip, dropped: Set<string>): RefiCode[] {
  const out: RefiCode[] = [];
  for (const c of codes) {
    const problem = nameProblem(codeNameSchema, c.name);
    if (!problem) {
      out.push({ ...c, children: checkCodes(c.children, skip, dropped) });
      continue;
    }
    skip({ kind: 'code', name: shownName(c.name), reason: problem });
    const drop = (x: RefiCode, under: boolean): void => {
      dropped.add(fixGuid(x.guid));
      if (under) skip({ kind: 'code', name: shownName(x.name), reason: 'it sits under a code that was skipped' });
      for (const child of x.children) drop(child, true);
    };
    drop(c, false);
  }
  return out;
}

const CHOICES_MARKER = '[Quarry choices:';

function variableProblem(v: RefiVariable): string | undefined {
  const name = nameProblem(nameSchema, v.name);
  if (name) return name;
  if (v.type !== 'Text' || !v.description?.includes(CHOICES_MARKER)) return undefined;
  const { choices } = readChoices(v.description);
  if (!choices) return 'its list of choices is not a list of names';
  const r = choicesSchema.safeParse(choices);
  return r.success ? undefined : `its list of choices does not fit: ${issueMessage(r.error)}`;
}

/** A source's selections without the codings of skipped codes (and a passage left with nothing). */
function checkSelections(sourceName: string, selections: RefiSelection[], droppedCodes: Set<string>, caseSelections: Set<string>, skip: Skip): RefiSelection[] {
  return selections.flatMap((sel) => {
    const codings = sel.codings.filter((c) => !droppedCodes.has(fixGuid(c.codeGuid)));
    if (codings.length === sel.codings.length) return [sel];
    for (let i = codings.length; i < sel.codings.length; i++) skip({ kind: 'coding', name: shownName(sourceName), reason: 'its code was skipped' });
    // A passage that only carried those codings goes with them (it is not a separate loss).
    const bare = codings.length === 0 && sel.noteGuids.length === 0 && !sel.description?.trim() && !caseSelections.has(sel.guid);
    return bare ? [] : [{ ...sel, codings }];
  });
}

/** Checks a staged source's selections once they are taken; `skip` reports at the place the check was made. */
export type LaterSelectionCheck = (source: RefiTextSource, check: (selections: RefiSelection[], skip: Skip) => RefiSelection[]) => void;

/** The project without the rows whose names or choice lists do not fit; each one reported through `skip`. */
export function checkRefiRows(project: RefiProject, skip: Skip, later?: LaterSelectionCheck): RefiProject {
  const users = project.users.filter((u) => {
    const problem = nameProblem(coderNameSchema, u.name);
    if (problem) skip({ kind: 'user', name: shownName(u.name), reason: `${problem}; their codings are kept under a user of Quarry’s` });
    return !problem;
  });
  const droppedCodes = new Set<string>();
  const caseSelections = new Set(project.cases.flatMap((c) => c.selectionGuids));
  const codes = checkCodes(project.codes, skip, droppedCodes);
  const sources = project.sources.flatMap((s) => {
    const problem = nameProblem(nameSchema, s.name);
    if (problem) {
      skip({ kind: 'source', name: shownName(s.name), reason: problem });
      return [];
    }
    const check = (selections: RefiSelection[], skipTo: Skip): RefiSelection[] => checkSelections(s.name, selections, droppedCodes, caseSelections, skipTo);
    // Staged selections are checked when the planner takes them, reporting here in the list.
    if (later && s.staged !== undefined) {
      later(s, check);
      return [s];
    }
    return [{ ...s, selections: check(s.selections, skip) }];
  });
  const variables = project.variables.filter((v) => {
    const problem = variableProblem(v);
    if (problem) skip({ kind: 'variable', name: shownName(v.name), reason: `${problem}; its values were not imported` });
    return !problem;
  });
  const cases = project.cases.filter((c) => {
    const problem = nameProblem(nameSchema, c.name);
    if (problem) skip({ kind: 'case', name: shownName(c.name), reason: problem });
    return !problem;
  });
  const sets = project.sets.filter((s) => {
    const problem = nameProblem(nameSchema, s.name);
    if (problem) skip({ kind: 'set', name: shownName(s.name), reason: problem });
    return !problem;
  });
  return { ...project, users, codes, sources, variables, cases, sets };
}
