/**
 * A read REFI-QDA project → what a new Quarry project will hold
 * (refiImportPlanTypes.ts). Pure: no database. Names are made unique the way
 * Quarry needs them ("Interview (2)"), GUIDs are kept (a malformed one is
 * replaced by a stable derived one, so a later export is valid), and
 * everything that cannot be carried over is listed with its reason.
 */
import { attributeDefOf, attributeTypeFromRefi, hasChoices } from '../cases/attributeTypeRegistry.js';
import { parseValue, type AttributeDef, type AttributeValue } from '../cases/attributeTypes.js';
import { choicesSchema, nameSchema } from '../api/methods/valueSchemas.js';
import type { CaseSetRule } from '../cases/caseSetRules.js';
import { ruleFromFile } from '../cases/ruleFromFile.js';
import { codePointLength } from '../text/positions.js';
import type { RefiCode, RefiImportResult, RefiSelection, RefiSkipped, RefiTextSource } from './refiModel.js';
import { derivedGuid } from './refiGuid.js';
import { fixGuid } from './importGuid.js';
import { normalizeColor } from './refiValues.js';
import { readCaseMemos, readCaseSet, readCaseSources, readChoices, readOriginalName } from './quarryMarkers.js';
import { planNotes, type NoteOwner } from './refiImportNotes.js';
import type { PlannedAttribute, PlannedCase, PlannedCaseSet, PlannedCode, PlannedCoding, PlannedProvenance, PlannedSource, PlannedUser, RefiImportPlan } from './refiImportPlanTypes.js';
import { UniqueNames } from './uniqueNames.js';
import { checkRefiRows, type LaterSelectionCheck, type Skip } from './refiRowChecks.js';
import { GuidSet } from './guidSet.js';
import { caseLinkWarnings, caseWithSameValues, noCaseLinkRepairs, repairDanglingLinks, valuesKey, type DanglingLink } from './refiCaseLinks.js';
import { readCaseMarkers, readProjectClassifications, readVariableMarkers } from './refiClassifications.js';
import { referenceDefs } from '../cases/attributeNames.js';
import { ItemSetNames, planItemSets, type ItemSetPlanner } from './refiSets.js';

const CODER_COLORS = ['#1e88e5', '#e53935', '#43a047', '#8e24aa', '#fb8c00', '#00897b', '#6d4c41', '#3949ab'];

/** Quarry's automatic initials (first letters of the first and last word). */
function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!].map((w) => [...w][0]) : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}


/** Distinct selection provenances kept for sharing (Planner.sharedProvenance). */
const MAX_SHARED_PROVENANCES = 10_000;

class Planner {
  readonly plan: RefiImportPlan;
  /** The file's project without the rows whose names or choice lists do not fit (refiRowChecks.ts). */
  readonly input: RefiImportResult;
  private readonly claimed = new Map<string, GuidSet>();
  /** Staged sources' checks that wait for their selections (refiRowChecks.ts). */
  readonly laterChecks = new Map<number, (selections: RefiSelection[]) => RefiSelection[]>();
  /** Each planned source and its codings go here as they are planned, when the caller asks (PlanOptions.onSource). */
  onSource: PlanOptions['onSource'];
  private readonly userNames = new UniqueNames(false);
  readonly owners = new Map<string, NoteOwner[]>();
  readonly selections = new Map<string, { sourceGuid: string; start: number; end: number }>();
  readonly sources = new Map<string, PlannedSource>();
  readonly attributes = new Map<string, PlannedAttribute>();
  readonly sourceAttributes = new Map<string, PlannedAttribute>();
  /** Classification names the file lists or uses, in order (ignoring letter case). */
  readonly classificationNames = new UniqueNames(true);
  readonly cases = new Map<string, PlannedCase>();
  private readonly caseNames = new UniqueNames(false);
  private unknownCoder: string | undefined;
  readonly caseSelections: Set<string>;
  /** Each note's text by GUID. */
  readonly noteText: Map<string, string>;
  readonly valueKeys = new Set<string>();
  private readonly userGuids = new Set<string>();
  readonly caseLinks = noCaseLinkRepairs();
  /** Codes the file applies somewhere: a folder code among them must stay codable to keep its codings. */
  readonly codedCodes: Set<string>;
  /** Let each source's selections go once planned (PlanOptions). */
  consumeSelections = false;
  private readonly provenances = new Map<string, PlannedProvenance>();

  /**
   * An equal provenance planned before, if any: most selections share their
   * maker and date with many others, and planned rows are only read. Bounded,
   * like the tokenizer's shared values.
   */
  sharedProvenance(f: PlannedProvenance | undefined): PlannedProvenance | undefined {
    if (!f) return undefined;
    // A key built for each of a million codings: joined, not JSON (absent is not the same as empty).
    const key = `${f.createdByGuid ?? '\u0001'}\u0000${f.createdAt ?? '\u0001'}\u0000${f.modifiedByGuid ?? '\u0001'}\u0000${f.modifiedAt ?? '\u0001'}`;
    const known = this.provenances.get(key);
    if (known) return known;
    if (this.provenances.size < MAX_SHARED_PROVENANCES) this.provenances.set(key, f);
    return f;
  }

  constructor(input: RefiImportResult) {
    const skipped = [...input.skipped];
    const staged = input.staged;
    const later: LaterSelectionCheck | undefined = staged
      ? (source, check) => {
          const slot = staged.skips.slot(skipped);
          const skipTo: Skip = (x) => slot.push(x);
          this.laterChecks.set(source.staged!, (selections) => check(selections, skipTo));
        }
      : undefined;
    this.input = { ...input, project: checkRefiRows(input.project, (s) => skipped.push(s), later) };
    this.caseSelections = new Set(this.input.project.cases.flatMap((c) => c.selectionGuids));
    this.noteText = new Map(this.input.project.notes.map((n) => [fixGuid(n.guid), n.text]));
    // Only a folder code's being applied changes anything (it stays codable); the staged pre-pass gathered those.
    this.codedCodes = staged
      ? staged.folderCodesOf(this.input.project.sources)
      : new Set(this.input.project.sources.flatMap((s) => s.selections.flatMap((sel) => sel.codings.map((c) => fixGuid(c.codeGuid)))));
    this.plan = {
      projectName: importedProjectName(input.project.name),
      users: [], codes: [], sources: [], codings: [], memos: [], cases: [], attributes: [], values: [], classifications: [], sourceAttributes: [], sourceValues: [], caseSpans: [], caseSets: [], itemSets: [],
      caseLinks: noCaseLinkRepairs(),
      projectProvenance: {},
      skipped,
      warnings: [...input.warnings],
    };
  }

  skip(s: RefiSkipped): void {
    this.plan.skipped.push(s);
  }

  /** A GUID not yet used in `table` (a duplicate gets a stable derived one). */
  claim(table: string, raw: string): string {
    const used = this.claimed.get(table) ?? new GuidSet();
    this.claimed.set(table, used);
    let guid = fixGuid(raw);
    for (let n = 2; !used.add(guid); n++) guid = derivedGuid('duplicate', table, raw, String(n));
    return guid;
  }

  own(noteGuid: string, owner: NoteOwner): void {
    const list = this.owners.get(noteGuid) ?? [];
    list.push(owner);
    this.owners.set(noteGuid, list);
  }

  addUser(guid: string, name: string): string {
    const user: PlannedUser = { guid: this.claim('user', guid), name: this.userNames.take(name), initials: '', color: CODER_COLORS[this.plan.users.length % CODER_COLORS.length]! };
    user.initials = initialsOf(user.name);
    this.plan.users.push(user);
    this.userGuids.add(user.guid);
    return user.guid;
  }

  /** The user a reference names; a GUID the file never declares becomes a user of its own. */
  user(ref: string | undefined): string | undefined {
    if (!ref) return undefined;
    const guid = fixGuid(ref);
    if (this.userGuids.has(guid)) return guid;
    this.plan.warnings.push(`The file refers to a user ${guid} it does not list; Quarry added them as “Unknown user ${guid.slice(0, 8)}”.`);
    return this.addUser(guid, `Unknown user ${guid.slice(0, 8)}`);
  }

  coder(ref: string | undefined): string {
    const known = this.user(ref);
    if (known) return known;
    if (!this.unknownCoder) {
      this.unknownCoder = this.addUser(derivedGuid('unknown-coder', this.plan.projectName), 'Unknown coder');
      this.plan.warnings.push('Some codings name no coder; Quarry attributes them to “Unknown coder”.');
    }
    return this.unknownCoder;
  }

  newCase(guid: string, name: string, description: string, fromCase: boolean): PlannedCase {
    const c: PlannedCase = { guid: this.claim('case', guid), name: this.caseNames.take(name), description, fromCase };
    this.plan.cases.push(c);
    this.cases.set(c.guid, c);
    return c;
  }
}

function planCodes(p: Planner, codes: RefiCode[], parentGuid: string | null): void {
  const names = new UniqueNames(false);
  codes.forEach((c, i) => {
    // A code Quarry renamed for a peer that needs unique names comes back under its own name.
    const original = readOriginalName(c.description);
    const wanted = (original.name ?? c.name).trim() || 'Unnamed code';
    const name = names.take(wanted);
    if (name !== wanted) p.plan.warnings.push(`Two codes under the same parent are called “${wanted}”; Quarry named the second “${name}”.`);
    const fileColor = normalizeColor(c.color)?.toLowerCase();
    const code: PlannedCode = {
      guid: p.claim('code', c.guid),
      parentGuid,
      name,
      color: fileColor ?? null,
      isCodable: c.isCodable || p.codedCodes.has(fixGuid(c.guid)),
      description: original.description ?? '',
      sortOrder: i,
    };
    p.plan.codes.push(code);
    for (const n of c.noteGuids) p.own(n, { kind: 'code', codeGuid: code.guid });
    planCodes(p, c.children, code.guid);
  });
}

/** The selection's Description is only a copy of its codings' memos (written so for peers that read memos there). */
function copiesCodingMemos(p: Planner, sel: RefiSelection): boolean {
  const bodies = sel.codings.flatMap((c) => c.noteGuids.map((guid) => p.noteText.get(fixGuid(guid))));
  return bodies.length > 0 && bodies.every((b) => b !== undefined) && bodies.join('\n\n') === sel.description;
}

function planSources(p: Planner): void {
  const names = new UniqueNames(false);
  // Only selections a case refers to are looked up later: keeping the others' places would hold every selection's GUID.
  const caseSelections = new Set(p.input.project.cases.flatMap((c) => c.selectionGuids.map(fixGuid)));
  for (const s of p.input.project.sources) {
    // Planned source GUIDs are unique, so a coding repeated within one source is all there is to find.
    const seen = new Set<string>();
    const name = names.take(s.name.trim() || 'Untitled source');
    const src: PlannedSource = {
      guid: p.claim('source', s.guid),
      name,
      text: s.text,
      originName: `${name}.${s.originalExt ?? 'txt'}`,
      originType: s.originalExt ?? 'txt',
      description: s.description ?? '',
    };
    if (s.creationDateTime) src.createdAt = s.creationDateTime;
    if (s.modifiedDateTime) src.modifiedAt = s.modifiedDateTime;
    const modifier = p.user(s.modifyingUserGuid);
    if (modifier) src.modifiedByGuid = modifier;
    if (s.recording) src.recording = s.recording;
    const creator = s.creatingUserGuid && p.plan.users.find((u) => u.guid === fixGuid(s.creatingUserGuid!));
    if (creator) src.createdByGuid = creator.guid;
    p.plan.sources.push(src);
    p.sources.set(src.guid, src);
    for (const n of s.noteGuids) p.own(n, { kind: 'source', sourceGuid: src.guid });

    for (const sel of selectionsOf(p, s)) {
      const selGuid = fixGuid(sel.guid);
      if (caseSelections.has(selGuid)) p.selections.set(selGuid, { sourceGuid: src.guid, start: sel.start, end: sel.end });
      let first: string | undefined;
      for (const c of sel.codings) {
        const coder = p.coder(c.creatingUserGuid ?? sel.creatingUserGuid);
        const codeGuid = fixGuid(c.codeGuid);
        const key = `${src.guid}|${codeGuid}|${coder}|${sel.start}|${sel.end}`;
        if (seen.has(key)) {
          p.skip({ kind: 'coding', name, reason: `in "${name}", the passage ${sel.start}–${sel.end} was coded at the same code by the same coder twice; Quarry keeps one` });
          continue;
        }
        seen.add(key);
        const guid = p.claim('coding', c.guid);
        const created = c.creationDateTime ?? sel.creationDateTime;
        const selection = p.sharedProvenance(plannedProvenance(p, sel));
        p.plan.codings.push(plannedCoding({ guid, sourceGuid: src.guid, codeGuid, coderGuid: coder, start: sel.start, end: sel.end }, created, selection));
        first ??= guid;
        for (const n of c.noteGuids) p.own(n, { kind: 'coding', codingGuid: guid });
      }
      const anchor = first !== undefined ? ({ kind: 'coding', codingGuid: first } as const) : ({ kind: 'span', sourceGuid: src.guid, start: sel.start, end: sel.end } as const);
      // A note on the selection itself is an annotation of that text (QualCoder's, NVivo's): it keeps the range, coded or not.
      for (const n of sel.noteGuids) p.own(n, { kind: 'span', sourceGuid: src.guid, start: sel.start, end: sel.end });
      if (sel.description !== undefined && sel.description.trim() && !copiesCodingMemos(p, sel)) {
        p.plan.memos.push({
          guid: derivedGuid('selection-description', sel.guid),
          target: anchor.kind,
          ...(anchor.kind === 'coding' ? { codingGuid: anchor.codingGuid } : { sourceGuid: anchor.sourceGuid, start: anchor.start, end: anchor.end }),
          title: sel.name ?? '',
          body: sel.description,
          fromNote: false,
        });
      } else if (sel.codings.length === 0 && sel.noteGuids.length === 0 && !p.caseSelections.has(sel.guid)) {
        p.skip({ kind: 'selection', name: sel.name ?? name, reason: `in "${name}", the passage ${sel.start}–${sel.end} is marked without a code, note or description; Quarry keeps coded passages, annotations and case passages` });
      }
    }
    if (p.consumeSelections) s.selections = [];
    handOn(p, src);
  }
  // Sources the plan left out were still read: what they report keeps its place.
  p.input.staged?.finish();
}

/** A source's selections: its own, or — staged — taken now, converted, linked and checked. */
function selectionsOf(p: Planner, s: RefiTextSource): RefiSelection[] {
  const staged = p.input.staged;
  if (!staged || s.staged === undefined) return s.selections;
  const taken = staged.take(s);
  return p.laterChecks.get(s.staged)?.(taken) ?? taken;
}

/** The source and its planned codings to the caller, when it takes them as they come: a million codings are never all in the plan. */
function handOn(p: Planner, src: PlannedSource): void {
  if (!p.onSource) return;
  p.onSource(p.plan, src, p.plan.codings);
  p.plan.codingsHandedOn = (p.plan.codingsHandedOn ?? 0) + p.plan.codings.length;
  p.plan.codings = [];
}

/**
 * A planned coding in one literal per combination of its optional fields,
 * keys in the same order as ever: a property added later, or spread in,
 * would cost each of a million codings a second block of memory.
 */
function plannedCoding(base: Omit<PlannedCoding, 'createdAt' | 'selection'>, createdAt: string | undefined, selection: PlannedProvenance | undefined): PlannedCoding {
  const { guid, sourceGuid, codeGuid, coderGuid, start, end } = base;
  if (createdAt && selection) return { guid, sourceGuid, codeGuid, coderGuid, start, end, createdAt, selection };
  if (createdAt) return { guid, sourceGuid, codeGuid, coderGuid, start, end, createdAt };
  if (selection) return { guid, sourceGuid, codeGuid, coderGuid, start, end, selection };
  return { guid, sourceGuid, codeGuid, coderGuid, start, end };
}

/** Who made and last changed something and when, as the file says (users as planned); undefined when it says nothing. */
function plannedProvenance(
  p: Planner,
  f: { creatingUserGuid?: string; creationDateTime?: string; modifyingUserGuid?: string; modifiedDateTime?: string },
): PlannedProvenance | undefined {
  const out: PlannedProvenance = {};
  const creator = p.user(f.creatingUserGuid);
  if (creator) out.createdByGuid = creator;
  if (f.creationDateTime) out.createdAt = f.creationDateTime;
  const modifier = p.user(f.modifyingUserGuid);
  if (modifier) out.modifiedByGuid = modifier;
  if (f.modifiedDateTime) out.modifiedAt = f.modifiedDateTime;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A classification name from a marker, or undefined when Quarry would not accept it as a name. */
function classificationName(p: Planner, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const r = nameSchema.safeParse(raw);
  if (!r.success) {
    p.plan.warnings.push(`The classification “${raw.slice(0, 60)}” has a name Quarry cannot use; what it classified went to the first classification.`);
    return undefined;
  }
  if (!p.classificationNames.has(r.data)) {
    p.classificationNames.take(r.data);
    p.plan.classifications.push(r.data);
  }
  return p.plan.classifications.find((k) => k.toLowerCase() === r.data.toLowerCase());
}

/**
 * Variables become case attributes, or source attributes when Quarry marked
 * them so or — in another tool's file — when only sources carry their
 * values (NVivo's file classifications).
 */
function planAttributes(p: Planner): void {
  // A case attribute's name is unique within its classification (Firm and School may each have Size).
  const caseNames = new Map<string, UniqueNames>();
  const namesIn = (classification: string | undefined): UniqueNames => {
    const key = classification?.toLowerCase() ?? '';
    let pool = caseNames.get(key);
    if (!pool) caseNames.set(key, (pool = new UniqueNames(true)));
    return pool;
  };
  const sourceNames = new UniqueNames(true);
  const onCases = new Set(p.input.project.cases.flatMap((c) => c.values.map((v) => fixGuid(v.variableGuid))));
  const onSources = new Set(p.input.project.sources.flatMap((s) => s.values.map((v) => fixGuid(v.variableGuid))));
  for (const k of readProjectClassifications(p.input.project.description)) classificationName(p, k);
  for (const v of p.input.project.variables) {
    // A variable Quarry renamed for a peer that needs unique names comes back under its own name.
    const original = readOriginalName(v.description);
    const markers = readVariableMarkers(original.description);
    const { description, choices } = v.type === 'Text' ? readChoices(markers.description) : { description: markers.description ?? '', choices: undefined };
    const guid = fixGuid(v.guid);
    const onSourceSide = markers.sourceAttribute || (markers.classification === undefined && onSources.has(guid) && !onCases.has(guid));
    const classification = onSourceSide ? undefined : classificationName(p, markers.classification);
    const pool = onSourceSide ? sourceNames : namesIn(classification);
    const attr: PlannedAttribute = { guid: p.claim(onSourceSide ? 'source attribute' : 'attribute', v.guid), name: pool.take((original.name ?? v.name).trim() || 'Unnamed attribute'), type: choices ? 'choice' : attributeTypeFromRefi(v.type), choices: choices ?? [], description };
    if (v.type === 'DateTime') p.plan.warnings.push(`The variable “${v.name}” holds dates with times; Quarry keeps them as text.`);
    if (onSourceSide) {
      p.plan.sourceAttributes.push(attr);
      p.sourceAttributes.set(attr.guid, attr);
      continue;
    }
    if (classification !== undefined) attr.classification = classification;
    p.plan.attributes.push(attr);
    p.attributes.set(attr.guid, attr);
  }
}

/** A value checked like API input against its attribute (a missing choice joins the list); undefined when it is left out. */
function checkedValue(p: Planner, attr: PlannedAttribute, owner: string, raw: string | number | boolean | null): AttributeValue | undefined {
  if (raw === null) return undefined;
  const text = String(raw);
  const def: AttributeDef = attributeDefOf(attr);
  let parsed = parseValue(def, text);
  // A value missing from the list joins it, so nothing is lost — if it fits as a choice.
  if (!parsed.ok && hasChoices(attr.type) && text.trim() && choicesSchema.safeParse([...attr.choices, text.trim()]).success) {
    attr.choices.push(text.trim());
    parsed = parseValue({ ...def, choices: attr.choices }, text);
  }
  if (!parsed.ok) {
    p.skip({ kind: 'variable value', name: owner, reason: `${attr.name}: ${parsed.reason}` });
    return undefined;
  }
  return parsed.value.kind === 'unassigned' ? undefined : parsed.value;
}

function planValue(p: Planner, caseGuid: string, owner: string, variableGuid: string, raw: string | number | boolean | null): void {
  const attr = p.attributes.get(fixGuid(variableGuid));
  const value = attr && checkedValue(p, attr, owner, raw);
  if (!attr || !value) return;
  if (p.valueKeys.has(`${caseGuid}|${attr.guid}`)) {
    p.skip({ kind: 'variable value', name: owner, reason: `${attr.name}: the case already has a value for it` });
    return;
  }
  p.valueKeys.add(`${caseGuid}|${attr.guid}`);
  p.plan.values.push({ caseGuid, attributeGuid: attr.guid, value });
}

function planSourceValue(p: Planner, sourceGuid: string, owner: string, attr: PlannedAttribute, raw: string | number | boolean | null): void {
  const value = checkedValue(p, attr, owner, raw);
  if (!value) return;
  if (p.valueKeys.has(`source|${sourceGuid}|${attr.guid}`)) {
    p.skip({ kind: 'variable value', name: owner, reason: `${attr.name}: the source already has a value for it` });
    return;
  }
  p.valueKeys.add(`source|${sourceGuid}|${attr.guid}`);
  p.plan.sourceValues.push({ sourceGuid, attributeGuid: attr.guid, value });
}

/** Nests the cases a Quarry file nested; a parent that is missing or would make a loop is reported and left out. */
function planParents(p: Planner, parents: Map<string, string>): void {
  for (const [caseGuid, rawParent] of parents) {
    const c = p.cases.get(caseGuid)!;
    const parentGuid = fixGuid(rawParent);
    let loop = false;
    for (let at: string | undefined = parentGuid, n = 0; at !== undefined && n <= parents.size; at = parents.has(at) ? fixGuid(parents.get(at)!) : undefined, n++) {
      if (at === caseGuid) loop = true;
    }
    if (!p.cases.has(parentGuid) || loop) {
      p.skip({ kind: 'reference', name: c.name, reason: loop ? 'its parent case is nested under it; Quarry keeps it at the top level' : 'its parent case is not in the file; Quarry keeps it at the top level' });
      continue;
    }
    c.parentGuid = parentGuid;
  }
}

function planCases(p: Planner): void {
  const dangling: DanglingLink[] = [];
  const caseValues = new Map<string, string>();
  const listsClassifications = p.plan.classifications.length > 0;
  const parents = new Map<string, string>();
  p.input.project.cases.forEach((rc, i) => {
    const markers = readCaseMarkers(rc.description);
    const c = p.newCase(rc.guid, rc.name.trim() || `Case ${i + 1}`, markers.description, true);
    caseValues.set(c.guid, valuesKey(rc.values));
    const classification = classificationName(p, markers.classification);
    if (classification !== undefined) c.classification = classification;
    else if (listsClassifications) c.classification = null;
    if (markers.parentGuid !== undefined) parents.set(c.guid, markers.parentGuid);
    for (const v of rc.values) planValue(p, c.guid, c.name, v.variableGuid, v.value);
    for (const sg of rc.sourceGuids) {
      const src = p.sources.get(fixGuid(sg));
      if (src) attachSource(p, c, src);
      else dangling.push({ fileCase: rc, caseGuid: c.guid, caseName: c.name, ref: sg });
    }
    for (const ref of rc.danglingSourceGuids ?? []) dangling.push({ fileCase: rc, caseGuid: c.guid, caseName: c.name, ref });
    for (const selGuid of rc.selectionGuids) {
      const sel = p.selections.get(fixGuid(selGuid));
      if (sel && sel.end > sel.start) p.plan.caseSpans.push({ guid: p.claim('span', selGuid), caseGuid: c.guid, ...sel });
    }
    if (rc.codeGuids.length > 0) {
      p.skip({ kind: 'reference', name: c.name, reason: `the case refers to ${rc.codeGuids.length} code(s); a Quarry case holds sources and passages, not codes (the codes were imported)` });
    }
  });
  const candidates = p.input.project.sources.flatMap((file) => {
    const planned = p.sources.get(fixGuid(file.guid));
    return planned ? [{ planned, file }] : [];
  });
  repairDanglingLinks(dangling, candidates, p.caseLinks);
  for (const u of p.caseLinks.unmatched) {
    p.skip({ kind: 'link', name: u, reason: 'the case refers to a source that is not in the file, and no single source has its name or its variable values' });
  }
  planParents(p, parents);
  for (const s of p.input.project.sources) {
    if (s.values.length === 0) continue;
    const src = p.sources.get(fixGuid(s.guid));
    if (!src) continue;
    for (const v of s.values) {
      const sourceAttr = p.sourceAttributes.get(fixGuid(v.variableGuid));
      if (sourceAttr) planSourceValue(p, src.guid, src.name, sourceAttr, v.value);
    }
    // A case attribute's value on a source (another tool's file, NVivo's file classifications) belongs to the source's case.
    const caseSide = s.values.filter((v) => p.attributes.has(fixGuid(v.variableGuid)) && v.value !== null);
    if (caseSide.length === 0) continue;
    if (!src.caseGuid) {
      // The participant may already be a case (its link was lost): never make a second case for them.
      const same = caseWithSameValues({ ...s, values: caseSide }, caseValues);
      if (same !== undefined) {
        src.caseGuid = same;
        p.caseLinks.joinedExisting++;
        continue;
      }
      src.caseGuid = p.newCase(derivedGuid('source-case', src.guid), src.name, '', false).guid;
      p.plan.warnings.push(`“${src.name}” has attribute values but no case; Quarry made a case of the same name to hold them.`);
    }
    for (const v of caseSide) planValue(p, src.caseGuid, src.name, v.variableGuid, v.value);
  }
  p.plan.warnings.push(...caseLinkWarnings(p.caseLinks));
  p.plan.caseLinks = p.caseLinks;
}

function attachSource(p: Planner, c: PlannedCase, src: PlannedSource): void {
  if (!src.caseGuid) src.caseGuid = c.guid;
  else if (src.caseGuid !== c.guid) {
    p.plan.caseSpans.push({ guid: derivedGuid('case-source', c.guid, src.guid), caseGuid: c.guid, sourceGuid: src.guid, start: 0, end: codePointLength(src.text) });
    p.plan.warnings.push(`“${src.name}” belongs to several cases; Quarry puts it in the first and links its whole text to “${c.name}” as a case passage.`);
  }
}

/** The set's rule (null for a hand-picked set), or why it does not fit the imported attributes. */
function checkedRule(p: Planner, json: string | null): { rule: CaseSetRule | null } | { problem: string } {
  if (json === null) return { rule: null };
  // A rule names a name two classifications share as CLASSIFICATION.NAME.
  const ks = p.plan.classifications;
  const classIndex = (k: string | null | undefined) => (k ? ks.findIndex((x) => x.toLowerCase() === k.toLowerCase()) : -1);
  return ruleFromFile(json, referenceDefs(p.plan.attributes.map((a) => ({ ...a, classificationId: classIndex(a.classification) < 0 ? null : classIndex(a.classification) })), (i) => ks[i]));
}

function planSets(p: Planner): void {
  const names = new UniqueNames(true);
  const itemSetNames = new ItemSetNames();
  const codeGuids = new Set(p.plan.codes.map((c) => c.guid));
  const itemPlanner: ItemSetPlanner = {
    hasSource: (g) => p.sources.has(g),
    hasCode: (g) => codeGuids.has(g),
    claim: (table, raw) => p.claim(table, raw),
    skip: (s) => p.skip(s),
    warn: (text) => p.plan.warnings.push(text),
  };
  for (const set of p.input.project.sets) {
    // A case's sources written again as a set for peers that group documents so (exportProfiles.ts): the Case already links them.
    const sourcesOf = readCaseSources(set.description);
    if (sourcesOf !== undefined && p.cases.has(fixGuid(sourcesOf))) continue;
    const memoCase = readCaseMemos(set.description);
    if (memoCase !== undefined && p.cases.has(fixGuid(memoCase))) {
      for (const n of set.memberNoteGuids) p.own(n, { kind: 'case', caseGuid: fixGuid(memoCase) });
      continue;
    }
    const marker = readCaseSet(set.description);
    if (!marker) {
      // Other tools' sets (and Quarry's source and code sets) group sources or codes.
      p.plan.itemSets.push(...planItemSets(itemPlanner, itemSetNames, set));
      continue;
    }
    const members = marker.caseGuids.map(fixGuid).filter((g) => p.cases.has(g));
    const rule = checkedRule(p, marker?.rule ?? null);
    if ('problem' in rule) {
      p.skip({ kind: 'set', name: set.name, reason: rule.problem });
      continue;
    }
    const planned: PlannedCaseSet = {
      guid: p.claim('set', set.guid),
      name: names.take(set.name.trim() || 'Unnamed set'),
      description: marker ? marker.description : (set.description ?? ''),
      rule: rule.rule,
      memberCaseGuids: [...new Set(members)],
    };
    if (planned.rule) planned.memberCaseGuids = [];
    p.plan.caseSets.push(planned);
  }
}

/** The file's project name, or Quarry's when it is empty or would not be accepted as a name. */
export function importedProjectName(raw: string): string {
  const r = nameSchema.safeParse(raw);
  return r.success ? r.data : 'Imported project';
}

export interface PlanOptions {
  /**
   * The caller has no further use for the result's selections: each
   * source's are let go as soon as they are planned, so the model's
   * selections and the planned codings are not all alive together.
   */
  consumeSelections?: boolean;
  /**
   * Takes each source with its codings as soon as they are planned (the
   * import writes them then); the plan's `codings` stays empty and
   * `codingsHandedOn` counts them. Called in plan order.
   */
  onSource?: (plan: RefiImportPlan, source: PlannedSource, codings: PlannedCoding[]) => void;
}

export function planRefiImport(result: RefiImportResult, opts: PlanOptions = {}): RefiImportPlan {
  const p = new Planner(result);
  // The planner's checked copy holds them now; the result's own lists would keep every one alive to the end.
  if (opts.consumeSelections) for (const s of result.project.sources) s.selections = [];
  p.consumeSelections = opts.consumeSelections === true;
  p.onSource = opts.onSource;
  const project = p.input.project;
  project.users.forEach((u, i) => p.addUser(u.guid, u.name.trim() || `User ${i + 1}`));
  p.plan.projectProvenance = plannedProvenance(p, project) ?? {};
  planCodes(p, project.codes, null);
  const folders = p.plan.codes.filter((c) => !c.isCodable).length;
  if (folders > 0) p.plan.warnings.push(`${folders} code(s) are folders that cannot be applied; they stay folders in Quarry.`);
  const coded = countFolders(project.codes) - folders;
  if (coded > 0) p.plan.warnings.push(`${coded} code(s) marked as folders are applied to text in the file; Quarry keeps them as ordinary codes so no coding is lost.`);
  planSources(p);
  planAttributes(p);
  planCases(p);
  planSets(p);
  for (const g of project.projectNoteGuids) p.own(g, { kind: 'project' });
  planNotes(p, project.notes);
  if (result.staged) {
    // What the staged selections reported goes where reading them all at once put it.
    p.plan.skipped = result.staged.skips.into(p.plan.skipped);
    p.plan.warnings = result.staged.warnings.into(p.plan.warnings);
  }
  return p.plan;
}

function countFolders(codes: RefiCode[]): number {
  return codes.reduce((n, c) => n + (c.isCodable ? 0 : 1) + countFolders(c.children), 0);
}

export type { Planner };
