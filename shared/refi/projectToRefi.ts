/**
 * A Quarry project → the neutral REFI-QDA model (then writeQdpx / writeQdc).
 *
 * Every exchanged item keeps the GUID stored with it, so exporting the same
 * project twice gives the same identifiers; the few things REFI-QDA needs an
 * identifier for that Quarry does not store (the selection around a coding,
 * the set holding a case's memos) get GUIDs derived from stored ones.
 *
 * Mapping: coders → Users; codes → the CodeBook tree (colour, description);
 * sources → TextSources with their text, one PlainTextSelection per coding
 * (its Coding carries the coder and date); memos → Notes with author and
 * date, referenced from what they are about (project, source, code, coding;
 * annotations are anchored to their text); cases → Cases with their
 * sources, their passages (case spans, as selections) and VariableValues;
 * attributes → Variables (text → Text, number → Integer or Float, date →
 * Date, boolean → Boolean, choice → Text with the choices kept in the
 * description); case sets and case memos → Sets (see quarryMarkers.ts).
 * Source sets and code sets → Sets of MemberSource / MemberCode (refiSets.ts).
 */
import type Database from 'better-sqlite3';
import { attributeTypeSpec, hasChoices } from '../cases/attributeTypeRegistry.js';
import { compileRule, type CaseSetRule } from '../cases/caseSetRules.js';
import { referenceDefs } from '../cases/attributeNames.js';
import type { AttributeRow } from '../store/attributesStore.js';
import { codingsWithMemosOfSource, countCodingsOfSource, readCodingsOfSource, readSnapshot, type ProjectSnapshot, type SnapCode, type SnapCoding, type SnapMemo } from '../store/snapshotStore.js';
import { getSourceText, listSources } from '../store/sourcesStore.js';
import { listCodeRows } from '../store/codesStore.js';
import { applyStoredProvenance, storedSelectionProvenance } from './refiProvenance.js';
import { modelOfStream, type RefiExportStream, type SourceContent } from './refiExportStream.js';
import { listSourceAttributes, listSourceValues } from '../store/sourceAttributesStore.js';
import { closeSync, openSync, readSync } from 'node:fs';
import { splitFileName } from '../importers/importLimits.js';
import { linkedFilePresent, resolveLinkPath } from '../media/mediaFiles.js';
import { cuesForSource } from '../store/cuesStore.js';
import { getMedia, mediaChunks, type MediaRow } from '../store/mediaStore.js';
import type { RefiCase, RefiCode, RefiCoding, RefiNote, RefiProject, RefiRecording, RefiSelection, RefiSet, RefiTextSource, RefiVariable, RefiVariableType } from './refiModel.js';
import { derivedGuid, isRefiGuid, normalizeGuid } from './refiGuid.js';
import { normalizeColor } from './refiValues.js';
import { caseMemosDescription, caseSetDescription, withChoices } from './quarryMarkers.js';
import { markClassifications } from './refiClassifications.js';
import { itemSetsToRefi } from './refiSets.js';

export interface RefiExport {
  project: RefiProject;
  /** What the standard could not carry exactly (nothing is silently dropped). */
  warnings: string[];
}

const g = normalizeGuid;
const nonEmpty = (s: string): string | undefined => (s.trim() ? s : undefined);

/** The selection wrapped around one coding: derived from the coding's GUID, so it is stable. */
export const codingSelectionGuid = (codingGuid: string): string => derivedGuid('coding-selection', g(codingGuid));
export const caseMemoSetGuid = (caseGuid: string): string => derivedGuid('case-memos', g(caseGuid));

function variableType(a: AttributeRow, snap: ProjectSnapshot): RefiVariableType {
  const values = snap.values.flatMap((v) => (v.attributeId === a.id && v.value.kind === 'value' ? [v.value.value] : []));
  return attributeTypeSpec(a.type).refi.typeOfVariable(values);
}

function buildCodes(snap: ProjectSnapshot, memosOf: (target: 'code', id: number) => string[]): RefiCode[] {
  const children = new Map<number | null, SnapCode[]>();
  for (const c of snap.codes) {
    const list = children.get(c.parentId) ?? [];
    list.push(c);
    children.set(c.parentId, list);
  }
  const build = (parent: number | null): RefiCode[] =>
    (children.get(parent) ?? []).map((c) => {
      const code: RefiCode = { guid: g(c.guid), name: c.name, isCodable: true, children: build(c.id), noteGuids: memosOf('code', c.id) };
      const color = normalizeColor(c.color ?? undefined);
      if (color) code.color = color;
      const description = nonEmpty(c.description);
      if (description !== undefined) code.description = description;
      return code;
    });
  return build(null);
}

function note(m: SnapMemo, userGuid: Map<number, string>, sourceGuid: Map<number, string>): RefiNote {
  const n: RefiNote = { guid: g(m.guid), text: m.body, creationDateTime: m.createdAt };
  if (m.title.trim()) n.name = m.title;
  const author = m.authorId === null ? undefined : userGuid.get(m.authorId);
  if (author) n.creatingUserGuid = author;
  if (m.target === 'span' && m.sourceId !== null && m.start !== null && m.end !== null) {
    n.selection = { sourceGuid: sourceGuid.get(m.sourceId)!, start: m.start, end: m.end };
  }
  return n;
}

/** Members of a case set: its hand-picked cases, or the cases its rule matches now. */
function caseSetMembers(snap: ProjectSnapshot, set: ProjectSnapshot['caseSets'][number]): number[] {
  if (set.rule === null) return set.members;
  // Keyed by reference name: a rule names a shared attribute name as CLASSIFICATION.NAME.
  const classNames = new Map(snap.classifications.map((k) => [k.id, k.name]));
  const defs = referenceDefs(snap.attributes, (id) => classNames.get(id));
  const rule = compileRule(JSON.parse(set.rule) as CaseSetRule, defs);
  const attrByName = new Map(snap.attributes.map((a, i) => [defs[i]!.name, a.id]));
  return snap.cases
    .filter((c) =>
      rule.test((name) => {
        const attrId = attrByName.get(name);
        return snap.values.find((v) => v.caseId === c.id && v.attributeId === attrId)?.value;
      }),
    )
    .map((c) => c.id);
}

/**
 * Identifiers the schema accepts: a stored GUID that is not one (rows made
 * by scripts or older tools) is replaced by one derived from it, the same on
 * every export.
 */
const fix = <T extends { guid: string }>(table: string, rows: T[]): T[] =>
  rows.map((r) => (isRefiGuid(r.guid.trim()) ? r : { ...r, guid: derivedGuid('quarry-id', table, r.guid) }));

function exchangeable(snap: ProjectSnapshot): ProjectSnapshot {
  return {
    ...snap,
    users: fix('users', snap.users),
    codes: fix('codes', snap.codes),
    sources: fix('sources', snap.sources),
    codings: fix('codings', snap.codings),
    memos: fix('memos', snap.memos),
    cases: fix('cases', snap.cases),
    attributes: fix('attributes', snap.attributes),
    caseSpans: fix('case_spans', snap.caseSpans),
    caseSets: fix('case_sets', snap.caseSets),
    itemSets: fix('item_sets', snap.itemSets ?? []),
  };
}

/** A source's bulk in the database: its text, and its codings in the snapshot's order (start, end, id). */
export interface SnapshotBulk {
  text(sourceId: number): string;
  codings(sourceId: number): SnapCoding[];
  /** Counted without reading the codings (an export profile's change list): how many, and which have memos. */
  codingCount?(sourceId: number): number;
  codingsWithMemos?(sourceId: number): number[];
}

/** A stream of the project, and the snapshot's source id of each of the stream's sources. */
export interface RefiExportSnapshot {
  stream: RefiExportStream;
  sourceIds: number[];
  warnings: string[];
}

/** A snapshot with every coding → the whole model (tests; an export streams: snapshotToRefiStream). */
export function snapshotToRefi(stored: ProjectSnapshot, textOf: (sourceId: number) => string): RefiExport {
  const bySource = new Map<number, SnapCoding[]>();
  for (const c of stored.codings) {
    const list = bySource.get(c.sourceId) ?? [];
    list.push(c);
    bySource.set(c.sourceId, list);
  }
  const { stream, warnings } = snapshotToRefiStream({ ...stored, codings: [] }, { text: textOf, codings: (id) => bySource.get(id) ?? [] });
  return { project: modelOfStream(stream), warnings };
}

/**
 * The small parts of the project as a model, and each source's text and
 * selections (its codings, then its case passages) read from `bulk` only
 * when the stream is asked for that source. The snapshot's own codings are
 * not used (read it with `codings: false`).
 */
export function snapshotToRefiStream(stored: ProjectSnapshot, bulk: SnapshotBulk): RefiExportSnapshot {
  const snap = exchangeable(stored);
  const warnings: string[] = [];
  const userGuid = new Map(snap.users.map((u) => [u.id, g(u.guid)]));
  const sourceGuid = new Map(snap.sources.map((s) => [s.id, g(s.guid)]));
  const caseGuid = new Map(snap.cases.map((c) => [c.id, g(c.guid)]));
  const codeGuid = new Map(snap.codes.map((c) => [c.id, g(c.guid)]));
  // Memos by what they are about; annotations (span memos) are anchored to their text instead.
  const memoGuids = new Map<string, string[]>();
  const ownerKey = (m: SnapMemo): string | undefined =>
    m.target === 'project' ? 'project'
    : m.target === 'source' ? `source:${m.sourceId}`
    : m.target === 'code' ? `code:${m.codeId}`
    : m.target === 'coding' ? `coding:${m.codingId}`
    : m.target === 'case' ? `case:${m.caseId}`
    : undefined;
  for (const m of snap.memos) {
    const key = ownerKey(m);
    if (key !== undefined) memoGuids.set(key, [...(memoGuids.get(key) ?? []), g(m.guid)]);
  }
  const memosOf = (target: string, id: number): string[] => memoGuids.get(`${target}:${id}`) ?? [];

  const variables: RefiVariable[] = snap.attributes.map((a) => {
    const v: RefiVariable = { guid: g(a.guid), name: a.name, type: variableType(a, snap) };
    const description = hasChoices(a.type) ? withChoices(a.description, a.choices) : nonEmpty(a.description);
    if (description !== undefined) v.description = description;
    return v;
  });

  const spansBySource = new Map<number, RefiSelection[]>();
  const spanGuidsByCase = new Map<number, string[]>();
  for (const span of snap.caseSpans) {
    const list = spansBySource.get(span.sourceId) ?? [];
    list.push({ guid: g(span.guid), start: span.start, end: span.end, creationDateTime: span.createdAt, codings: [], noteGuids: [] });
    spansBySource.set(span.sourceId, list);
    spanGuidsByCase.set(span.caseId, [...(spanGuidsByCase.get(span.caseId) ?? []), g(span.guid)]);
  }
  /** One source's selections: one around each coding, then the case passages. */
  const selectionsOf = (sourceId: number): RefiSelection[] => {
    const selections = fix('codings', bulk.codings(sourceId)).map((c): RefiSelection => {
      const coder = userGuid.get(c.coderId);
      const coding: RefiCoding = { guid: g(c.guid), codeGuid: codeGuid.get(c.codeId)!, creationDateTime: c.createdAt, noteGuids: memosOf('coding', c.id) };
      const sel: RefiSelection = { guid: codingSelectionGuid(c.guid), start: c.start, end: c.end, creationDateTime: c.createdAt, codings: [coding], noteGuids: [] };
      if (coder) coding.creatingUserGuid = sel.creatingUserGuid = coder;
      return sel;
    });
    return [...selections, ...(spansBySource.get(sourceId) ?? [])];
  };

  const sources: RefiTextSource[] = snap.sources.map((s) => {
    const src: RefiTextSource = {
      guid: g(s.guid),
      name: s.name,
      text: '',
      creationDateTime: s.createdAt,
      selections: [],
      noteGuids: memosOf('source', s.id),
      values: [],
    };
    const description = nonEmpty(s.description);
    if (description !== undefined) src.description = description;
    const creator = s.createdBy === null ? undefined : userGuid.get(s.createdBy);
    if (creator) src.creatingUserGuid = creator;
    return src;
  });

  const cases: RefiCase[] = snap.cases.map((c) => {
    const rc: RefiCase = {
      guid: g(c.guid),
      name: c.name,
      values: snap.values
        .filter((v) => v.caseId === c.id)
        .map((v) => ({ variableGuid: g(snap.attributes.find((a) => a.id === v.attributeId)!.guid), value: v.value.kind === 'value' ? v.value.value : 'Not applicable' })),
      sourceGuids: snap.sources.filter((s) => s.caseId === c.id).map((s) => g(s.guid)),
      codeGuids: [],
      selectionGuids: spanGuidsByCase.get(c.id) ?? [],
    };
    const description = nonEmpty(c.description);
    if (description !== undefined) rc.description = description;
    return rc;
  });

  const sets: RefiSet[] = snap.caseSets.map((set) => {
    const members = caseSetMembers(snap, set);
    const memberSet = new Set(members);
    if (set.rule !== null) warnings.push(`The case set “${set.name}” is defined by a rule; other tools get its current members.`);
    return {
      guid: g(set.guid),
      name: set.name,
      description: caseSetDescription(set.description, members.map((id) => caseGuid.get(id)!), set.rule),
      memberCodeGuids: [],
      memberSourceGuids: snap.sources.filter((s) => s.caseId !== null && memberSet.has(s.caseId)).map((s) => g(s.guid)),
      memberNoteGuids: [],
    };
  });
  sets.push(...itemSetsToRefi(snap.itemSets ?? [], (kind, id) => (kind === 'sources' ? sourceGuid : codeGuid).get(id), g));
  for (const c of snap.cases) {
    const notes = memosOf('case', c.id);
    if (notes.length === 0) continue;
    sets.push({ guid: caseMemoSetGuid(c.guid), name: `Memos of case “${c.name}”`, description: caseMemosDescription(g(c.guid)), memberCodeGuids: [], memberSourceGuids: [], memberNoteGuids: notes });
  }

  const project: RefiProject = {
    name: snap.name || 'Quarry project',
    origin: 'Quarry',
    users: snap.users.map((u) => ({ guid: g(u.guid), name: u.name })),
    codes: buildCodes(snap, memosOf),
    variables,
    cases,
    sources,
    notes: snap.memos.map((m) => note(m, userGuid, sourceGuid)),
    sets,
    projectNoteGuids: memoGuids.get('project') ?? [],
  };
  if (snap.createdAt) project.creationDateTime = snap.createdAt;
  const sourceIds = snap.sources.map((s) => s.id);
  const stream: RefiExportStream = {
    project,
    content: (i) => ({ text: bulk.text(sourceIds[i]!), selections: selectionsOf(sourceIds[i]!) }),
    text: (i) => bulk.text(sourceIds[i]!),
  };
  const { codingCount, codingsWithMemos } = bulk;
  if (codingCount && codingsWithMemos) {
    // What selectionsOf would give, counted: one selection (without a Description) per coding, then the case passages.
    stream.counts = (i) => {
      const id = sourceIds[i]!;
      const codingNotes = codingsWithMemos(id).flatMap((codingId) => memosOf('coding', codingId));
      return { selections: codingCount(id) + (spansBySource.get(id)?.length ?? 0), codingNotes, copied: codingNotes.length };
    };
  }
  return { stream, sourceIds, warnings };
}

/**
 * Source attributes (Wave, Interview date) travel as Variables with
 * VariableValues on the sources, as NVivo's file classifications do
 * (refiClassifications.ts marks them so Quarry reads them back as source
 * attributes).
 */
function addSourceVariables(db: Database.Database, project: RefiProject, bySourceGuid: Map<string, RefiTextSource>): void {
  const attrs = listSourceAttributes(db);
  if (attrs.length === 0) return;
  const values = listSourceValues(db);
  const guidOf = new Map(attrs.map((a) => [a.id, isRefiGuid(a.guid.trim()) ? g(a.guid) : derivedGuid('quarry-id', 'source_attributes', a.guid)]));
  for (const a of attrs) {
    const own = values.flatMap((v) => (v.attributeId === a.id && v.value.kind === 'value' ? [v.value.value] : []));
    const type = attributeTypeSpec(a.type).refi.typeOfVariable(own);
    const v: RefiVariable = { guid: guidOf.get(a.id)!, name: a.name, type };
    const description = hasChoices(a.type) ? withChoices(a.description, a.choices) : nonEmpty(a.description);
    if (description !== undefined) v.description = description;
    project.variables.push(v);
  }
  const sourceGuid = new Map(listSources(db).map((s) => [s.id, isRefiGuid(s.guid.trim()) ? g(s.guid) : derivedGuid('quarry-id', 'sources', s.guid)]));
  for (const v of values) {
    const target = bySourceGuid.get(sourceGuid.get(v.sourceId) ?? '');
    if (target) target.values.push({ variableGuid: guidOf.get(v.attributeId)!, value: v.value.kind === 'value' ? v.value.value : 'Not applicable' });
  }
}

/**
 * Folder codes are written isCodable="false", and a code whose colour nobody
 * chose (imported without one) is written without a colour, as it came.
 */
function applyCodeFlags(db: Database.Database, codes: RefiCode[]): void {
  const flags = new Map(listCodeRows(db).map((c) => [isRefiGuid(c.guid.trim()) ? g(c.guid) : derivedGuid('quarry-id', 'codes', c.guid), c]));
  const visit = (list: RefiCode[]): void => {
    for (const code of list) {
      const row = flags.get(code.guid);
      if (row && !row.isCodable) code.isCodable = false;
      visit(code.children);
    }
  };
  visit(codes);
}

/** The open project as a REFI-QDA model, every source's bulk read at once (small projects, tests; an export streams: projectToRefiStream). */
export function projectToRefi(db: Database.Database): RefiExport {
  const { stream, warnings } = projectToRefiStream(db);
  return { project: modelOfStream(stream), warnings };
}

/**
 * The open project as a REFI-QDA stream: the small parts read now, each
 * source's text and codings (with their stored provenance) read from the
 * database only when that source is written; recordings go in a piece at a
 * time.
 */
export function projectToRefiStream(db: Database.Database): RefiExportSnapshot {
  // A linked recording's path is relative to the project file, which is the database's own file.
  const projectPath = db.name;
  const exported = snapshotToRefiStream(readSnapshot(db, { codings: false }), {
    text: (id) => getSourceText(db, id) ?? '',
    codings: (id) => readCodingsOfSource(db, id),
    codingCount: (id) => countCodingsOfSource(db, id),
    codingsWithMemos: (id) => codingsWithMemosOfSource(db, id),
  });
  const { project } = exported.stream;
  const bySourceGuid = new Map(project.sources.map((s) => [s.guid, s]));
  addSourceVariables(db, project, bySourceGuid);
  applyCodeFlags(db, project.codes);
  applyStoredProvenance(db, project);
  markClassifications(db, project);
  for (const src of listSources(db)) {
    const target = bySourceGuid.get(g(src.guid));
    const media = getMedia(db, src.id);
    if (!target || !media) continue;
    const { ext } = splitFileName(media.fileName);
    const recording: RefiRecording = { kind: media.kind, transcriptGuid: derivedGuid('transcript', g(src.guid)), ext, lines: cuesForSource(db, src.id) };
    const pieces = recordingPieces(db, projectPath, src.id, media);
    if (pieces) recording.pieces = pieces;
    else exported.warnings.push(`The recording of “${src.name}” (${media.fileName}) is missing, so the package carries its transcript and times without the recording.`);
    target.recording = recording;
  }
  const provenance = storedSelectionProvenance(db, project);
  const inner = exported.stream;
  const content = (i: number): SourceContent => {
    const c = inner.content(i);
    provenance(exported.sourceIds[i]!, c.selections);
    return c;
  };
  return { ...exported, stream: { ...inner, content } };
}

/** The recording a piece at a time (stored pieces, or the linked file read in pieces), or null when a linked file is missing. */
function recordingPieces(db: Database.Database, projectPath: string, sourceId: number, media: MediaRow): (() => Iterable<Uint8Array>) | null {
  if (media.embedded) {
    return function* () {
      for (const c of mediaChunks(db, sourceId)) yield c.bytes;
    };
  }
  if (!linkedFilePresent(projectPath, media.linkPath!, media.bytes)) return null;
  const path = resolveLinkPath(projectPath, media.linkPath!);
  return function* () {
    const fd = openSync(path, 'r');
    try {
      for (;;) {
        const piece = Buffer.allocUnsafe(LINKED_PIECE_BYTES);
        const n = readSync(fd, piece, 0, piece.length, null);
        if (n === 0) return;
        yield piece.subarray(0, n);
      }
    } finally {
      closeSync(fd);
    }
  };
}

const LINKED_PIECE_BYTES = 1024 * 1024;
