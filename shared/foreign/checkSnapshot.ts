/**
 * Checks every row read from a co-author's project file before a merge
 * plans with it, the way the API checks its arguments. A row that does not
 * fit — a colour that is not a colour, a name with control characters, a
 * choice list that is not a list, a rule that is not JSON or names a
 * missing attribute, a coding outside its text — is left out and reported
 * (kind, name, reason); so are the rows that hang off it. What is left is a
 * ProjectSnapshot the merge can trust. Never throws.
 */
import type { z } from 'zod';
import { choicesSchema, issueMessage, nameSchema, rowProblem, shownName } from '../api/methods/valueSchemas.js';
import { attributeDefOf, hasChoices } from '../cases/attributeTypeRegistry.js';
import { parseValue, type AttributeDef, type AttributeValue } from '../cases/attributeTypes.js';
import { ruleFromFile } from '../cases/ruleFromFile.js';
import { referenceDefs } from '../cases/attributeNames.js';
import type { MergeSkipped } from '../domain/mergeTypes.js';
import type { AttributeRow } from '../store/attributesStore.js';
import type { ProjectSnapshot, RawSnapshot, SnapCase, SnapCaseSet, SnapClassification, SnapCode, SnapCue, SnapMedia, SnapItemSet, SnapSource, SnapSourceValue, SnapValue } from '../store/snapshotStore.js';
import type { ItemSetKind } from '../domain/setTypes.js';
import { RECORDING_END_TOLERANCE_MS } from '../transcripts/cueChecks.js';
import { formatTimecode } from '../transcripts/timecode.js';
import { attributeRow, caseRow, caseSetRow, caseSpanRow, classificationRow, codeRow, codingRow, cueRow, itemSetRow, mediaRow, memoRow, sourceRow, sourceValueRow, userRow, valueRow } from './foreignRowSchemas.js';

export interface CheckedSnapshot {
  snapshot: ProjectSnapshot;
  skipped: MergeSkipped[];
}

/** A row's name for the report, whatever the row holds (it may not even be a string). */
function nameOf(row: unknown, fallback: string): string {
  const r = row !== null && typeof row === 'object' ? (row as { name?: unknown; fileName?: unknown }) : undefined;
  // A recording is known by the file it was imported from.
  const name = r?.name ?? r?.fileName;
  return typeof name !== 'string' || name.trim() === '' ? fallback : shownName(name);
}

function idOf(row: unknown): string {
  const id = row !== null && typeof row === 'object' ? (row as { id?: unknown }).id : undefined;
  return typeof id === 'number' ? `#${id}` : '';
}

class Checker {
  readonly skipped: MergeSkipped[] = [];

  skip(kind: string, name: string, reason: string): void {
    this.skipped.push({ kind, name, reason });
  }

  /**
   * The rows that fit the schema; the others reported. A row whose id, GUID
   * or name (each `keys` entry: what it is called, how to get it) another
   * row already has is left out: the first one is kept.
   */
  rows<S extends z.ZodType>(kind: string, rows: readonly unknown[], schema: S, keys: [string, (r: z.output<S>) => string][]): z.output<S>[] {
    const seen = keys.map(() => new Set<string>());
    const out: z.output<S>[] = [];
    for (const raw of rows) {
      const parsed = schema.safeParse(raw);
      const name = nameOf(raw, `${kind} ${idOf(raw)}`.trim());
      if (!parsed.success) {
        this.skip(kind, name, rowProblem(parsed.error));
        continue;
      }
      const row = parsed.data;
      const clash = keys.findIndex(([, key], i) => seen[i]!.has(key(row)));
      if (clash >= 0) {
        this.skip(kind, name, `another ${kind} in the file has the same ${keys[clash]![0]}`);
        continue;
      }
      keys.forEach(([, key], i) => seen[i]!.add(key(row)));
      out.push(row);
    }
    return out;
  }
}

const ID: [string, (r: { id: number }) => string] = ['id', (r) => String(r.id)];
const GUID: [string, (r: { guid: string }) => string] = ['GUID', (r) => r.guid];

const lower = (s: string) => s.toLowerCase();

/** Codes whose parent is missing (or that sit in a loop of parents) are left out, with everything under them. */
function reachableCodes(c: Checker, codes: SnapCode[]): SnapCode[] {
  const ids = new Set(codes.map((x) => x.id));
  const children = new Map<number | null, SnapCode[]>();
  for (const x of codes) {
    const parent = x.parentId !== null && ids.has(x.parentId) ? x.parentId : x.parentId === null ? null : -1;
    children.set(parent, [...(children.get(parent) ?? []), x]);
  }
  const kept = new Set<number>();
  const walk = (parent: number | null) => {
    for (const x of children.get(parent) ?? []) {
      if (kept.has(x.id)) continue;
      kept.add(x.id);
      walk(x.id);
    }
  };
  walk(null);
  for (const x of codes) if (!kept.has(x.id)) c.skip('code', x.name, 'the code it sits under is missing or was left out');
  return codes.filter((x) => kept.has(x.id));
}

function checkAttributes(c: Checker, raw: RawSnapshot['attributes'], kind = 'attribute'): AttributeRow[] {
  // A case attribute's name is unique within its classification (Firm and School may each have Size).
  const rows = c.rows(kind, raw, attributeRow, [ID, GUID, ['name', (a) => `${a.classificationId ?? ''}/${lower(a.name)}`]]);
  const out: AttributeRow[] = [];
  for (const a of rows) {
    let json: unknown;
    try {
      json = JSON.parse(a.choices);
    } catch {
      c.skip(kind, a.name, 'its list of choices is not readable');
      continue;
    }
    const choices = choicesSchema.safeParse(json);
    if (!choices.success) {
      c.skip(kind, a.name, Array.isArray(json) ? `its list of choices does not fit: ${issueMessage(choices.error)}` : 'its list of choices is not a list');
      continue;
    }
    const unique = [...new Set(choices.data)];
    if (!hasChoices(a.type) && unique.length > 0) {
      c.skip(kind, a.name, `it is a ${a.type} attribute with a list of choices`);
      continue;
    }
    out.push({ ...a, choices: unique });
  }
  return out;
}

const defOf = (a: AttributeRow): AttributeDef => attributeDefOf(a);

/** A stored value checked against its attribute like API input; undefined (reported) when it does not fit. */
function checkedValue(c: Checker, v: { kind: AttributeValue['kind']; value: string | null }, attr: AttributeRow, owner: string, kind: string): AttributeValue | undefined {
  if (v.kind !== 'value') return { kind: v.kind };
  const parsed = v.value === null ? ({ ok: false, reason: 'it has no value' } as const) : parseValue(defOf(attr), v.value);
  if (parsed.ok) return parsed.value;
  c.skip(kind, `${owner} · ${attr.name}`, parsed.reason);
  return undefined;
}

function checkValues(c: Checker, raw: RawSnapshot['values'], cases: SnapCase[], attributes: AttributeRow[]): SnapValue[] {
  const caseName = new Map(cases.map((x) => [x.id, x.name]));
  const attrs = new Map(attributes.map((a) => [a.id, a]));
  const out: SnapValue[] = [];
  for (const v of c.rows('attribute value', raw, valueRow, [['case and attribute', (v) => `${v.caseId}:${v.attributeId}`]])) {
    const attr = attrs.get(v.attributeId);
    const kase = caseName.get(v.caseId);
    if (!attr || kase === undefined) {
      c.skip('attribute value', kase ?? attr?.name ?? 'attribute value', `its ${attr ? 'case' : 'attribute'} is missing or was left out`);
      continue;
    }
    const value = checkedValue(c, v, attr, kase, 'attribute value');
    if (value) out.push({ caseId: v.caseId, attributeId: v.attributeId, value });
  }
  return out;
}

function checkSourceValues(c: Checker, raw: RawSnapshot['sourceValues'], sources: Map<number, SnapSource>, attributes: AttributeRow[]): SnapSourceValue[] {
  const attrs = new Map(attributes.map((a) => [a.id, a]));
  const out: SnapSourceValue[] = [];
  for (const v of c.rows('source attribute value', raw, sourceValueRow, [['source and attribute', (v) => `${v.sourceId}:${v.attributeId}`]])) {
    const attr = attrs.get(v.attributeId);
    const source = sources.get(v.sourceId)?.name;
    if (!attr || source === undefined) {
      c.skip('source attribute value', source ?? attr?.name ?? 'source attribute value', `its ${attr ? 'source' : 'attribute'} is missing or was left out`);
      continue;
    }
    const value = checkedValue(c, v, attr, source, 'source attribute value');
    if (value) out.push({ sourceId: v.sourceId, attributeId: v.attributeId, value });
  }
  return out;
}

/** Cases keep a parent that is in the file and not in a loop, and a classification that is in the file; otherwise they stand at the top / unclassified. */
function checkCaseTree(c: Checker, cases: SnapCase[], classifications: SnapClassification[]): SnapCase[] {
  const ids = new Set(cases.map((x) => x.id));
  const classIds = new Set(classifications.map((k) => k.id));
  const parentOf = new Map(cases.map((x) => [x.id, x.parentId !== null && ids.has(x.parentId) ? x.parentId : null]));
  return cases.map((x) => {
    let parentId = parentOf.get(x.id) ?? null;
    for (let at = parentId, n = 0; at !== null && n <= cases.length; at = parentOf.get(at) ?? null, n++) {
      if (at === x.id) {
        c.skip('case parent', x.name, 'its parent case is nested under it; it is merged at the top level');
        parentId = null;
        break;
      }
    }
    return { ...x, parentId, classificationId: x.classificationId !== null && classIds.has(x.classificationId) ? x.classificationId : null };
  });
}

function checkCaseSets(c: Checker, raw: RawSnapshot['caseSets'], cases: SnapCase[], attributes: AttributeRow[], classifications: SnapClassification[]): SnapCaseSet[] {
  const caseIds = new Set(cases.map((x) => x.id));
  // A rule names a shared attribute name as CLASSIFICATION.NAME, as in the file's own project.
  const classNames = new Map(classifications.map((k) => [k.id, k.name]));
  const defs = referenceDefs(attributes, (id) => classNames.get(id));
  const out: SnapCaseSet[] = [];
  for (const s of c.rows('case set', raw, caseSetRow, [ID, GUID, ['name', (s) => lower(s.name)]])) {
    if (s.rule === null) {
      out.push({ ...s, members: [...new Set(s.members.filter((m) => caseIds.has(m)))] });
      continue;
    }
    const checked = ruleFromFile(s.rule, defs);
    if ('problem' in checked) c.skip('case set', s.name, checked.problem);
    else out.push({ ...s, rule: JSON.stringify(checked.rule), members: [] });
  }
  return out;
}

/** The ids the file's rows of one table hold, whether or not the rows themselves fit. */
function rawIds(rows: readonly unknown[]): Set<unknown> {
  return new Set(rows.map((r) => (r !== null && typeof r === 'object' ? (r as { id?: unknown }).id : undefined)));
}

/**
 * Source sets and code sets. A member that is no source (or code) of the
 * file at all means the row was tampered with: the set is left out. A
 * member whose row was left out is dropped; the set comes without it.
 */
function checkItemSets(c: Checker, raw: readonly unknown[], inFile: Record<ItemSetKind, Set<unknown>>, kept: Record<ItemSetKind, Set<number>>): SnapItemSet[] {
  const out: SnapItemSet[] = [];
  for (const s of c.rows('set', raw, itemSetRow, [ID, GUID, ['kind and name', (s) => `${s.kind}/${lower(s.name)}`]])) {
    const stray = s.members.find((m) => !inFile[s.kind].has(m));
    if (stray !== undefined) {
      c.skip(s.kind === 'sources' ? 'source set' : 'code set', s.name, `its member #${stray} is not a ${s.kind === 'sources' ? 'source' : 'code'} of the file`);
      continue;
    }
    out.push({ ...s, members: [...new Set(s.members.filter((m) => kept[s.kind].has(m)))] });
  }
  return out;
}

function within(sources: Map<number, SnapSource>, sourceId: number, start: number, end: number): string | undefined {
  const s = sources.get(sourceId);
  if (!s) return 'its source is missing or was left out';
  if (end > s.characters) return `it ends at ${end}, after the end of “${s.name}” (${s.characters} characters)`;
  return start < end ? undefined : 'its end is not after its start';
}

/** A recording belongs to a source that was kept; a recording-only source (no text) without its recording is left out too, in checkAll. */
function checkMedia(c: Checker, raw: RawSnapshot['media'], sources: Map<number, SnapSource>): SnapMedia[] {
  return c.rows('recording', raw, mediaRow, [['source', (m) => String(m.sourceId)]]).filter((m) => {
    if (sources.has(m.sourceId)) return true;
    c.skip('recording', m.fileName, 'its source is missing or was left out');
    return false;
  });
}

/**
 * Timed lines: inside their source's text, in order, neither overlapping
 * the line before in text or in time nor running past the recording (as an
 * imported transcript must). A line that does not fit is left out alone;
 * the lines around it keep their times.
 */
function checkCues(c: Checker, raw: RawSnapshot['cues'], sources: Map<number, SnapSource>, media: Map<number, SnapMedia>): SnapCue[] {
  const rows = c.rows('timed line', raw, cueRow, [['source and position', (x) => `${x.sourceId}:${x.start}`]]);
  rows.sort((a, b) => a.sourceId - b.sourceId || a.start - b.start);
  const out: SnapCue[] = [];
  let prev: SnapCue | undefined;
  for (const x of rows) {
    const s = sources.get(x.sourceId);
    const rec = media.get(x.sourceId);
    const before = prev?.sourceId === x.sourceId ? prev : undefined;
    const problem = !s
      ? 'its source is missing or was left out'
      : x.end > s.characters
        ? `it ends at ${x.end}, after the end of the text (${s.characters} characters)`
        : before && x.start < before.end
          ? 'its text overlaps the line before it'
          : before && x.startMs < before.endMs
            ? `it starts before the line before it ends (${formatTimecode(before.endMs)})`
            : rec && x.endMs > rec.durationMs + RECORDING_END_TOLERANCE_MS
              ? `it runs to ${formatTimecode(x.endMs)}, past the end of the recording (${formatTimecode(rec.durationMs)})`
              : undefined;
    if (problem) {
      c.skip('timed line', `line at ${formatTimecode(x.startMs)}${s ? ` in “${s.name}”` : ''}`, problem);
      continue;
    }
    out.push(x);
    prev = x;
  }
  return out;
}

function checkAll(raw: RawSnapshot): CheckedSnapshot {
  const c = new Checker();
  const title = nameSchema.safeParse(raw.name);
  if (!title.success && raw.name !== '') c.skip('project name', nameOf(raw, 'project name'), rowProblem(title.error));
  const users = c.rows('coder', raw.users, userRow, [ID, GUID, ['name', (u) => u.name]]);
  const codes = reachableCodes(c, c.rows('code', raw.codes, codeRow, [ID, GUID, ['name under the same parent', (x) => `${x.parentId ?? 0}/${x.name}`]]));
  const classifications = c.rows('classification', raw.classifications ?? [], classificationRow, [ID, GUID, ['name', (x) => lower(x.name)]]);
  const cases = checkCaseTree(c, c.rows('case', raw.cases, caseRow, [ID, GUID, ['name', (x) => x.name]]), classifications);
  const caseIds = new Set(cases.map((x) => x.id));
  const userIds = new Set(users.map((x) => x.id));
  const sourceList = c.rows('source', raw.sources, sourceRow, [ID, GUID, ['name', (x) => x.name]]).map((s) => ({
    ...s,
    caseId: s.caseId !== null && caseIds.has(s.caseId) ? s.caseId : null,
    createdBy: s.createdBy !== null && userIds.has(s.createdBy) ? s.createdBy : null,
  }));
  const media = checkMedia(c, raw.media ?? [], new Map(sourceList.map((s) => [s.id, s])));
  const mediaBySource = new Map(media.map((m) => [m.sourceId, m]));
  // A recording-only source whose recording was left out would arrive as an empty source named for nothing.
  const isMediaSource = new Set((raw.media ?? []).map((m: unknown) => (m !== null && typeof m === 'object' ? (m as { sourceId?: unknown }).sourceId : undefined)));
  const sources = new Map(
    sourceList
      .filter((s) => {
        if (s.characters > 0 || !isMediaSource.has(s.id) || mediaBySource.has(s.id)) return true;
        c.skip('source', s.name, 'it is a recording whose recording was left out');
        return false;
      })
      .map((s) => [s.id, s]),
  );
  const codeIds = new Set(codes.map((x) => x.id));
  const codings = c.rows('coding', raw.codings, codingRow, [ID, GUID]).filter((x) => {
    const problem = !codeIds.has(x.codeId)
      ? 'its code is missing or was left out'
      : !userIds.has(x.coderId)
        ? 'its coder is missing or was left out'
        : within(sources, x.sourceId, x.start, x.end);
    if (problem) c.skip('coding', `coding ${idOf(x)}${sources.has(x.sourceId) ? ` in “${sources.get(x.sourceId)!.name}”` : ''}`, problem);
    return !problem;
  });
  const codingIds = new Set(codings.map((x) => x.id));
  const memos = c.rows('memo', raw.memos, memoRow, [ID, GUID]).filter((m) => {
    const missing =
      (m.sourceId !== null && !sources.has(m.sourceId)) || (m.codeId !== null && !codeIds.has(m.codeId)) ||
      (m.codingId !== null && !codingIds.has(m.codingId)) || (m.caseId !== null && !caseIds.has(m.caseId));
    const range = m.start !== null && m.end !== null && m.sourceId !== null ? within(sources, m.sourceId, m.start, m.end) : undefined;
    const problem = missing ? 'what it is about is missing or was left out' : range;
    if (problem) c.skip('memo', m.title || `memo ${idOf(m)}`, problem);
    return !problem;
  });
  const classIds = new Set(classifications.map((k) => k.id));
  const attributes = checkAttributes(c, raw.attributes).map((a) => ({ ...a, classificationId: a.classificationId != null && classIds.has(a.classificationId) ? a.classificationId : null }));
  const sourceAttributes = checkAttributes(c, raw.sourceAttributes ?? [], 'source attribute').map(({ classificationId: _k, ...a }) => a);
  const caseSpans = c.rows('case passage', raw.caseSpans, caseSpanRow, [ID, GUID]).filter((s) => {
    const problem = caseIds.has(s.caseId) ? within(sources, s.sourceId, s.start, s.end) : 'its case is missing or was left out';
    if (problem) c.skip('case passage', `passage ${idOf(s)}`, problem);
    return !problem;
  });
  const snapshot: ProjectSnapshot = {
    guid: typeof raw.guid === 'string' ? raw.guid : '',
    name: title.success ? title.data : '',
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : '',
    users: users.map((u) => ({ ...u, color: u.color.toLowerCase() })),
    codes: codes.map((x) => ({ ...x, color: x.color?.toLowerCase() ?? null, createdBy: x.createdBy !== null && userIds.has(x.createdBy) ? x.createdBy : null })),
    sources: [...sources.values()],
    codings,
    memos: memos.map((m) => ({ ...m, authorId: m.authorId !== null && userIds.has(m.authorId) ? m.authorId : null })),
    cases,
    classifications,
    attributes,
    values: checkValues(c, raw.values, cases, attributes),
    sourceAttributes,
    sourceValues: checkSourceValues(c, raw.sourceValues ?? [], sources, sourceAttributes),
    caseSpans,
    caseSets: checkCaseSets(c, raw.caseSets, cases, attributes, classifications),
    itemSets: checkItemSets(c, raw.itemSets ?? [], { sources: rawIds(raw.sources), codes: rawIds(raw.codes) }, { sources: new Set(sources.keys()), codes: codeIds }),
    media,
    cues: checkCues(c, raw.cues ?? [], sources, mediaBySource),
  };
  return { snapshot, skipped: c.skipped };
}

const EMPTY: ProjectSnapshot = { guid: '', name: '', createdAt: '', users: [], codes: [], sources: [], codings: [], memos: [], cases: [], classifications: [], attributes: [], values: [], sourceAttributes: [], sourceValues: [], caseSpans: [], caseSets: [], itemSets: [], media: [], cues: [] };

/** The rows of `raw` a merge may use, and the ones left out. Never throws: a file too broken to check gives nothing to merge. */
export function checkSnapshot(raw: RawSnapshot): CheckedSnapshot {
  try {
    return checkAll(raw);
  } catch {
    return { snapshot: EMPTY, skipped: [{ kind: 'project', name: '', reason: 'its rows could not be read; nothing from it is merged' }] };
  }
}

/** The snapshot without these sources and what hangs off them (their text turned out damaged). */
export function withoutSources(s: ProjectSnapshot, sourceIds: ReadonlySet<number>): ProjectSnapshot {
  const codings = s.codings.filter((c) => !sourceIds.has(c.sourceId));
  const codingIds = new Set(codings.map((c) => c.id));
  return {
    ...s,
    sources: s.sources.filter((x) => !sourceIds.has(x.id)),
    codings,
    memos: s.memos.filter((m) => (m.sourceId === null || !sourceIds.has(m.sourceId)) && (m.codingId === null || codingIds.has(m.codingId))),
    caseSpans: s.caseSpans.filter((x) => !sourceIds.has(x.sourceId)),
    sourceValues: s.sourceValues.filter((x) => !sourceIds.has(x.sourceId)),
    media: s.media.filter((x) => !sourceIds.has(x.sourceId)),
    cues: s.cues.filter((x) => !sourceIds.has(x.sourceId)),
  };
}
