/**
 * Checks a model before export, so that Quarry never writes a file that
 * breaks the schema (non-GUID identifiers) or points nowhere (a coding of a
 * code that is not in the codebook, a selection beyond its text).
 */
import { QuarryError } from '../errors.js';
import type { RefiCode, RefiProject, RefiSelection, RefiTextSource, RefiVariableValue } from './refiModel.js';
import { GuidSet } from './guidSet.js';
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

/**
 * The checks, a source at a time: construct it with the project (whose
 * sources' texts and selections may be left out), hand it each source's
 * text and selections in order (source), then finish. The checks run in the
 * order validateForExport always ran them, so the first problem found is the
 * one reported. GUIDs are held compactly (GuidSet): a million codings' worth
 * is checked without keeping their strings.
 */
export class ExportCheck {
  private readonly unique = new GuidSet();
  private readonly codes: Set<string>;
  private readonly variables: Set<string>;
  private readonly notes: Set<string>;
  private readonly sourceLengths = new Map<string, number>();
  /** Selections that cases refer to, and whether each has been seen yet (rather than every selection's GUID). */
  private readonly caseSelections = new Map<string, boolean>();

  constructor(private readonly project: RefiProject) {
    for (const u of project.users) this.claim(u.guid, `the user "${u.name}"`);
    this.codes = checkCodes(project.codes);
    for (const c of this.codes) this.claim(c, 'a code');
    this.variables = new Set(project.variables.map((v) => this.claim(v.guid, `the variable "${v.name}"`)));
    this.notes = new Set(project.notes.map((n) => this.claim(n.guid, `the note "${n.name ?? n.guid}"`)));
    for (const c of project.cases) for (const x of c.selectionGuids) if (isRefiGuid(x.trim())) this.caseSelections.set(normalizeGuid(x), false);
  }

  private claim(guid: string, what: string): string {
    const n = checkGuid(guid, what);
    if (!this.unique.add(n)) refuse(`the GUID ${n} is used twice (again by ${what})`);
    return n;
  }

  private ref(guid: string, valid: { has(guid: string): boolean }, what: string, target: string): void {
    const n = checkGuid(guid, what);
    if (!valid.has(n)) refuse(`${what} refers to the ${target} ${n}, which is not in the project`);
  }

  /** One source, with its text and selections (the next in the project's order). */
  source(s: RefiTextSource, text: string, selections: readonly RefiSelection[]): void {
    const guid = this.claim(s.guid, `the source "${s.name}"`);
    if (normalizeSourceText(text) !== text) refuse(`the text of the source "${s.name}" is not normalised (it has a byte-order mark or CR line breaks)`);
    const length = codePointLength(text);
    this.sourceLengths.set(guid, length);
    author(s.creatingUserGuid, `the source "${s.name}"`);
    for (const sel of selections) {
      const selection = this.claim(sel.guid, `a selection in "${s.name}"`);
      if (this.caseSelections.has(selection)) this.caseSelections.set(selection, true);
      checkRange(sel.start, sel.end, length, `a selection in "${s.name}"`);
      author(sel.creatingUserGuid, `a selection in "${s.name}"`);
      for (const c of sel.codings) {
        this.claim(c.guid, `a coding in "${s.name}"`);
        author(c.creatingUserGuid, `a coding in "${s.name}"`);
        this.ref(c.codeGuid, this.codes, `a coding in "${s.name}"`, 'code');
        for (const n of c.noteGuids) this.ref(n, this.notes, `a coding in "${s.name}"`, 'note');
      }
      for (const n of sel.noteGuids) this.ref(n, this.notes, `a selection in "${s.name}"`, 'note');
    }
    for (const n of s.noteGuids) this.ref(n, this.notes, `the source "${s.name}"`, 'note');
  }

  /** Everything that refers to sources and selections, once every source has been seen. */
  finish(): void {
    const { project, sourceLengths } = this;
    const checkValues = (values: RefiVariableValue[], owner: string): void => {
      for (const v of values) this.ref(v.variableGuid, this.variables, owner, 'variable');
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
      this.claim(c.guid, `the case "${c.name}"`);
      checkValues(c.values, `the case "${c.name}"`);
      for (const x of c.sourceGuids) this.ref(x, sources, `the case "${c.name}"`, 'source');
      for (const x of c.codeGuids) this.ref(x, this.codes, `the case "${c.name}"`, 'code');
      for (const x of c.selectionGuids) this.ref(x, { has: (guid) => this.caseSelections.get(guid) === true }, `the case "${c.name}"`, 'selection');
    }
    for (const s of project.sets) {
      this.claim(s.guid, `the set "${s.name}"`);
      for (const x of s.memberCodeGuids) this.ref(x, this.codes, `the set "${s.name}"`, 'code');
      for (const x of s.memberSourceGuids) this.ref(x, sources, `the set "${s.name}"`, 'source');
      for (const x of s.memberNoteGuids) this.ref(x, this.notes, `the set "${s.name}"`, 'note');
    }
    for (const n of project.projectNoteGuids) this.ref(n, this.notes, 'the project', 'note');
    if (project.creatingUserGuid !== undefined) checkGuid(project.creatingUserGuid, 'the project creator');
  }
}

function author(guid: string | undefined, what: string): void {
  if (guid !== undefined) checkGuid(guid, `the author of ${what}`);
}

/** The whole model at once (a model held in memory: an import's, a test's). */
export function validateForExport(project: RefiProject): void {
  const check = new ExportCheck(project);
  for (const s of project.sources) check.source(s, s.text, s.selections);
  check.finish();
}
