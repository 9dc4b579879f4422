/**
 * Checks a model before export, so that Quarry never writes a file that
 * breaks the schema (non-GUID identifiers) or points nowhere (a coding of a
 * code that is not in the codebook, a selection beyond its text).
 */
import { QuarryError } from '../errors.js';
import type { RefiCode, RefiProject, RefiVariableValue } from './refiModel.js';
import { isRefiGuid, normalizeGuid } from './refiGuid.js';
import { codePointLength } from '../text/positions.js';
import { normalizeSourceText } from '../text/normalize.js';

function refuse(message: string): never {
  throw new QuarryError('bad_request', `REFI-QDA export: ${message}`);
}

function checkGuid(guid: string, what: string): string {
  if (typeof guid !== 'string' || !isRefiGuid(guid.trim())) refuse(`${what} has the identifier "${String(guid)}", which is not a GUID`);
  return normalizeGuid(guid);
}

/** Checks that GUIDs of codes (at every level) are GUIDs and unique; returns them. */
export function checkCodes(codes: RefiCode[], seen: Set<string> = new Set()): Set<string> {
  for (const c of codes) {
    const guid = checkGuid(c.guid, `the code "${c.name}"`);
    if (seen.has(guid)) refuse(`two codes share the GUID ${guid}`);
    seen.add(guid);
    checkCodes(c.children, seen);
  }
  return seen;
}

function checkRange(start: number, end: number, length: number, what: string): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) {
    refuse(`${what} runs from ${start} to ${end}, which is not a range inside its text (${length} code points)`);
  }
}

export function validateForExport(project: RefiProject): void {
  const unique = new Set<string>();
  const claim = (guid: string, what: string): string => {
    const n = checkGuid(guid, what);
    if (unique.has(n)) refuse(`the GUID ${n} is used twice (again by ${what})`);
    unique.add(n);
    return n;
  };
  const ref = (guid: string, valid: Set<string>, what: string, target: string): void => {
    const n = checkGuid(guid, what);
    if (!valid.has(n)) refuse(`${what} refers to the ${target} ${n}, which is not in the project`);
  };

  const author = (guid: string | undefined, what: string): void => {
    if (guid !== undefined) checkGuid(guid, `the author of ${what}`);
  };
  for (const u of project.users) claim(u.guid, `the user "${u.name}"`);
  const codes = checkCodes(project.codes);
  for (const c of codes) claim(c, 'a code');
  const variables = new Set(project.variables.map((v) => claim(v.guid, `the variable "${v.name}"`)));
  const notes = new Set(project.notes.map((n) => claim(n.guid, `the note "${n.name ?? n.guid}"`)));
  const sourceLengths = new Map<string, number>();
  const selections = new Set<string>();
  for (const s of project.sources) {
    const guid = claim(s.guid, `the source "${s.name}"`);
    if (normalizeSourceText(s.text) !== s.text) refuse(`the text of the source "${s.name}" is not normalised (it has a byte-order mark or CR line breaks)`);
    const length = codePointLength(s.text);
    sourceLengths.set(guid, length);
    author(s.creatingUserGuid, `the source "${s.name}"`);
    for (const sel of s.selections) {
      selections.add(claim(sel.guid, `a selection in "${s.name}"`));
      checkRange(sel.start, sel.end, length, `a selection in "${s.name}"`);
      author(sel.creatingUserGuid, `a selection in "${s.name}"`);
      for (const c of sel.codings) {
        claim(c.guid, `a coding in "${s.name}"`);
        author(c.creatingUserGuid, `a coding in "${s.name}"`);
        ref(c.codeGuid, codes, `a coding in "${s.name}"`, 'code');
        for (const n of c.noteGuids) ref(n, notes, `a coding in "${s.name}"`, 'note');
      }
      for (const n of sel.noteGuids) ref(n, notes, `a selection in "${s.name}"`, 'note');
    }
    for (const n of s.noteGuids) ref(n, notes, `the source "${s.name}"`, 'note');
  }
  const checkValues = (values: RefiVariableValue[], owner: string): void => {
    for (const v of values) ref(v.variableGuid, variables, owner, 'variable');
  };
  for (const s of project.sources) checkValues(s.values, `the source "${s.name}"`);
  for (const n of project.notes) {
    author(n.creatingUserGuid, `the note "${n.name ?? n.guid}"`);
    if (!n.selection) continue;
    const length = sourceLengths.get(checkGuid(n.selection.sourceGuid, `the note "${n.name ?? n.guid}"`));
    if (length === undefined) refuse(`the note "${n.name ?? n.guid}" is anchored to the source ${n.selection.sourceGuid}, which is not in the project`);
    checkRange(n.selection.start, n.selection.end, length, `the note "${n.name ?? n.guid}"`);
  }
  const sources = new Set(sourceLengths.keys());
  for (const c of project.cases) {
    claim(c.guid, `the case "${c.name}"`);
    checkValues(c.values, `the case "${c.name}"`);
    for (const x of c.sourceGuids) ref(x, sources, `the case "${c.name}"`, 'source');
    for (const x of c.codeGuids) ref(x, codes, `the case "${c.name}"`, 'code');
    for (const x of c.selectionGuids) ref(x, selections, `the case "${c.name}"`, 'selection');
  }
  for (const s of project.sets) {
    claim(s.guid, `the set "${s.name}"`);
    for (const x of s.memberCodeGuids) ref(x, codes, `the set "${s.name}"`, 'code');
    for (const x of s.memberSourceGuids) ref(x, sources, `the set "${s.name}"`, 'source');
    for (const x of s.memberNoteGuids) ref(x, notes, `the set "${s.name}"`, 'note');
  }
  for (const n of project.projectNoteGuids) ref(n, notes, 'the project', 'note');
  if (project.creatingUserGuid !== undefined) checkGuid(project.creatingUserGuid, 'the project creator');
}
