/**
 * Matches a co-author's project against mine and plans what to bring in.
 * Pure over two snapshots. Matching: coders by GUID then name; codes by
 * GUID, then by name under the matched parent (the same path); sources by
 * content hash (the same text, whatever its name); cases by GUID then name;
 * attributes by GUID then name. Differences the user must decide are
 * conflicts, each with a default that loses nothing where possible.
 */
import { hasChoices } from '../cases/attributeTypeRegistry.js';
import { randomUUID } from 'node:crypto';
import type { MergeChoice, MergeConflict } from '../domain/mergeTypes.js';
import type { ProjectSnapshot, SnapCode, SnapCue, SnapMedia, SnapSource } from '../store/snapshotStore.js';
import type { AttributeRow } from '../store/attributesStore.js';
import type { MergeMatch } from '../domain/mergeTypes.js';
import { newCaseClassification, planCaseTree, planClassifications } from './mergeCaseTree.js';
import { formatTimecode } from '../transcripts/timecode.js';
import { planRows } from './mergePlanRows.js';
import { emptySummary, type MergePlan, type NewAttribute, type Ref } from '../domain/mergePlanTypes.js';
import type { MatchedRefs } from '../store/mergeCodingsStore.js';

export type Decisions = Record<string, MergeChoice>;

/** Lookups shared by the planning steps. */
export class MergeContext {
  readonly plan: MergePlan = {
    summary: emptySummary(), conflicts: [], users: [], codes: [], codeUpdates: [], classifications: [], cases: [], caseUpdates: [], caseTree: [],
    attributes: [], attributeUpdates: [], sources: [], sourceUpdates: [], caseLinks: [], codings: [], memos: [], values: [],
    sourceAttributes: [], sourceAttributeUpdates: [], sourceValues: [], caseSpans: [], caseSets: [], setMembers: [], itemSets: [], itemSetMembers: [],
    media: [], cues: [], transcripts: [],
  };
  readonly users = new Map<number, Ref>();
  readonly codes = new Map<number, Ref>();
  readonly cases = new Map<number, Ref>();
  readonly attributes = new Map<number, Ref | null>();
  readonly sourceAttributes = new Map<number, Ref | null>();
  readonly classifications = new Map<number, Ref>();
  /** Their source id → mine, or null when the user kept their different text out. */
  readonly sources = new Map<number, Ref | null>();
  readonly label: string;
  readonly myMedia: Map<number, SnapMedia>;
  readonly theirMedia: Map<number, SnapMedia>;
  /** My sources that have timed lines. */
  readonly myCued: Set<number>;
  readonly theirCues = new Map<number, SnapCue[]>();
  /** My folder codes their file has as codable → their entry in summary.codes.flagsKept. */
  readonly myFolders = new Map<number, number>();

  constructor(readonly mine: ProjectSnapshot, readonly theirs: ProjectSnapshot, readonly decisions: Decisions) {
    this.label = (theirs.name || 'co-author').slice(0, 40);
    this.myMedia = new Map(mine.media.map((x) => [x.sourceId, x]));
    this.theirMedia = new Map(theirs.media.map((x) => [x.sourceId, x]));
    this.myCued = new Set(mine.cues.map((x) => x.sourceId));
    for (const c of theirs.cues) {
      const list = this.theirCues.get(c.sourceId);
      if (list) list.push(c);
      else this.theirCues.set(c.sourceId, [c]);
    }
  }

  decide(conflict: MergeConflict): MergeChoice {
    this.plan.conflicts.push(conflict);
    const wanted = this.decisions[conflict.id];
    return wanted !== undefined && conflict.choices.includes(wanted) ? wanted : conflict.default;
  }

  /** A GUID for a new row: theirs, unless my project already uses it in that table. */
  guidFor(guid: string, taken: Iterable<{ guid: string }>): string {
    for (const t of taken) if (t.guid === guid) return randomUUID();
    return guid;
  }
}

function uniqueName(wanted: string, taken: (name: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken(`${wanted} (${i})`)) return `${wanted} (${i})`;
}

function planUsers(m: MergeContext): void {
  const added = new Set<string>();
  for (const u of m.theirs.users) {
    const mine = m.mine.users.find((x) => x.guid === u.guid) ?? m.mine.users.find((x) => x.name === u.name);
    if (mine) {
      m.users.set(u.id, { id: mine.id });
      m.plan.summary.coders.matched.push({ mine: mine.name, theirs: u.name, by: mine.guid === u.guid ? 'guid' : 'name' });
      continue;
    }
    const name = uniqueName(u.name, (n) => added.has(n) || m.mine.users.some((x) => x.name === n));
    added.add(name);
    const key = `user:${u.id}`;
    m.plan.users.push({ key, guid: m.guidFor(u.guid, m.mine.users), name, initials: u.initials, color: u.color });
    m.users.set(u.id, { key });
    m.plan.summary.coders.added.push(name);
  }
}

function pathOf(codes: readonly SnapCode[], id: number): string {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const names: string[] = [];
  for (let c = byId.get(id); c; c = c.parentId === null ? undefined : byId.get(c.parentId)) names.unshift(c.name.replace(/\\/g, '\\\\').replace(/\//g, '\\/'));
  return names.join('/');
}

function planCodeDetails(m: MergeContext, mine: SnapCode, theirs: SnapCode, path: string): void {
  let description = mine.description;
  let color = mine.color;
  const t = theirs.description.trim();
  if (t && !mine.description.trim()) description = theirs.description;
  else if (t && !mine.description.includes(theirs.description)) {
    const choice = m.decide({
      id: `code-description:${theirs.guid}`,
      kind: 'code description',
      subject: path,
      mine: mine.description,
      theirs: theirs.description,
      choices: ['mine', 'theirs', 'both'],
      default: 'both',
      explain: { mine: 'keep my description', theirs: 'use their description', both: 'keep mine and add theirs below it' },
    });
    if (choice === 'theirs') description = theirs.description;
    if (choice === 'both') description = `${mine.description}\n\n${theirs.description}`;
  }
  // A colour where I have none is theirs to give, like a description where I have none; no colour in theirs takes nothing away.
  if (mine.color === null) color = theirs.color;
  else if (theirs.color !== null && theirs.color.toLowerCase() !== mine.color.toLowerCase()) {
    const choice = m.decide({
      id: `code-colour:${theirs.guid}`,
      kind: 'code colour',
      subject: path,
      mine: mine.color,
      theirs: theirs.color,
      choices: ['mine', 'theirs'],
      default: 'mine',
      explain: { mine: 'keep my colour', theirs: 'use their colour' },
    });
    if (choice === 'theirs') color = theirs.color;
  }
  if (description !== mine.description || color !== mine.color) {
    m.plan.codeUpdates.push({ id: mine.id, color, description });
    m.plan.summary.codes.updated.push(path);
  }
}

/** A matched code's flags stay mine; a difference is listed, never applied silently. */
function differentFlags(m: MergeContext, mine: SnapCode, theirs: SnapCode, path: string): void {
  const codes = m.plan.summary.codes;
  const kept = (codes.flagsKept ??= []);
  if ((mine.isCodable === 0) !== (theirs.isCodable === 0)) {
    kept.push(mine.isCodable === 0 ? `${path}: a folder here, codable in their file` : `${path}: codable here, a folder in their file`);
    if (mine.isCodable === 0) m.myFolders.set(mine.id, kept.length - 1);
  }
  // Colours are planCodeDetails': a code without one takes theirs, different ones are a conflict.
  if (kept.length === 0) delete codes.flagsKept;
}

/** A folder of mine that their new codings land on must become codable to hold them (mergeStore's makeCodable): its entry says so. */
function foldersMadeCodable(m: MergeContext): void {
  const landing = new Map<number, number>();
  for (const c of m.plan.codings) if ('id' in c.code && m.myFolders.has(c.code.id)) landing.set(c.code.id, (landing.get(c.code.id) ?? 0) + 1);
  const kept = m.plan.summary.codes.flagsKept ?? [];
  for (const [id, n] of landing) kept[m.myFolders.get(id)!] += ` (it becomes codable: ${n} of their codings are on it)`;
}

function planCodes(m: MergeContext): void {
  // Parents before children: their snapshot is ordered by sort order, so walk the tree.
  const children = new Map<number | null, SnapCode[]>();
  for (const c of m.theirs.codes) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  const walk = (parentId: number | null, parentRef: Ref | null): void => {
    for (const c of children.get(parentId) ?? []) {
      const path = pathOf(m.theirs.codes, c.id);
      let mine = m.mine.codes.find((x) => x.guid === c.guid);
      let by: 'guid' | 'path' = 'guid';
      if (!mine && (parentRef === null || 'id' in parentRef)) {
        const parentMine = parentRef === null ? null : parentRef.id;
        mine = m.mine.codes.find((x) => x.parentId === parentMine && x.name === c.name);
        by = 'path';
      }
      let ref: Ref;
      if (mine) {
        ref = { id: mine.id };
        m.plan.summary.codes.matched.push({ mine: pathOf(m.mine.codes, mine.id), theirs: path, by });
        planCodeDetails(m, mine, c, path);
        differentFlags(m, mine, c, path);
      } else {
        ref = { key: `code:${c.id}` };
        const flags = { isCodable: c.isCodable !== 0 };
        m.plan.codes.push({ key: ref.key, guid: m.guidFor(c.guid, m.mine.codes), parent: parentRef, name: c.name, color: c.color, description: c.description, ...flags });
        m.plan.summary.codes.added.push(path);
      }
      m.codes.set(c.id, ref);
      walk(c.id, ref);
    }
  };
  walk(null, null);
}

function planCases(m: MergeContext): void {
  for (const c of m.theirs.cases) {
    const mine = m.mine.cases.find((x) => x.guid === c.guid) ?? m.mine.cases.find((x) => x.name === c.name);
    if (!mine) {
      const key = `case:${c.id}`;
      const name = uniqueName(c.name, (n) => m.mine.cases.some((x) => x.name === n) || m.plan.cases.some((x) => x.name === n));
      m.plan.cases.push({ key, guid: m.guidFor(c.guid, m.mine.cases), name, description: c.description, ...newCaseClassification(m, c.classificationId) });
      m.cases.set(c.id, { key });
      m.plan.summary.cases.added.push(name);
      continue;
    }
    m.cases.set(c.id, { id: mine.id });
    m.plan.summary.cases.matched.push({ mine: mine.name, theirs: c.name, by: mine.guid === c.guid ? 'guid' : 'name' });
    const t = c.description.trim();
    if (!t || mine.description.includes(c.description)) continue;
    let description = c.description;
    if (mine.description.trim()) {
      const choice = m.decide({
        id: `case-description:${c.guid}`,
        kind: 'case description',
        subject: mine.name,
        mine: mine.description,
        theirs: c.description,
        choices: ['mine', 'theirs', 'both'],
        default: 'both',
        explain: { mine: 'keep my description', theirs: 'use their description', both: 'keep mine and add theirs below it' },
      });
      if (choice === 'mine') continue;
      if (choice === 'both') description = `${mine.description}\n\n${c.description}`;
    }
    m.plan.caseUpdates.push({ id: mine.id, description });
  }
}

/** Case attributes or source attributes: the two sheets merge the same way, each on its own. */
interface AttributeSide {
  theirs: AttributeRow[];
  mine: AttributeRow[];
  refs: Map<number, Ref | null>;
  added: NewAttribute[];
  updates: MergePlan['attributeUpdates'];
  summary: { added: string[]; matched: MergeMatch[] };
  /** Conflict id prefix and kind. */
  prefix: string;
  kind: 'attribute type' | 'source attribute type';
  /** Whether my attribute and theirs may be one by name: a case attribute matches only within the same classification (Firm's Size is not School's). */
  sameOwner: (mine: AttributeRow, theirs: AttributeRow) => boolean;
}

function planAttributeSide(m: MergeContext, side: AttributeSide): void {
  for (const a of side.theirs) {
    const mine = side.mine.find((x) => x.guid === a.guid) ?? side.mine.find((x) => x.name.toLowerCase() === a.name.toLowerCase() && side.sameOwner(x, a));
    const addNew = (name: string): void => {
      const key = `${side.prefix}:${a.id}`;
      const attr: NewAttribute = { key, guid: m.guidFor(a.guid, side.mine), name, type: a.type, choices: [...a.choices], description: a.description };
      if (side.prefix === 'attribute') attr.classification = a.classificationId == null ? null : (m.classifications.get(a.classificationId) ?? null);
      side.added.push(attr);
      side.refs.set(a.id, { key });
      side.summary.added.push(name);
    };
    if (!mine) {
      addNew(a.name);
      continue;
    }
    side.summary.matched.push({ mine: mine.name, theirs: a.name, by: mine.guid === a.guid ? 'guid' : 'name' });
    if (mine.type !== a.type) {
      const name = uniqueName(`${a.name} (${m.label})`, (n) => side.mine.some((x) => x.name.toLowerCase() === n.toLowerCase()));
      const choice = m.decide({
        id: `${side.prefix}-type:${a.guid}`,
        kind: side.kind,
        subject: mine.name,
        mine: mine.type,
        theirs: a.type,
        choices: ['mine', 'both'],
        default: 'both',
        explain: { mine: `keep my ${mine.type} attribute; their values that fit it are brought in, the others are not`, both: `also add theirs as “${name}”` },
      });
      if (choice === 'both') {
        addNew(name);
        continue;
      }
    }
    side.refs.set(a.id, { id: mine.id });
    // Both lists kept, mine first, when both types have one.
    const choices = hasChoices(mine.type) && hasChoices(a.type) ? [...mine.choices, ...a.choices.filter((c) => !mine.choices.includes(c))] : mine.choices;
    const description = !mine.description.trim() && a.description.trim() ? a.description : mine.description;
    if (choices.length !== mine.choices.length || description !== mine.description) side.updates.push({ id: mine.id, choices, description });
  }
}

function planAttributes(m: MergeContext): void {
  const p = m.plan;
  const sameClassification = (mine: AttributeRow, theirs: AttributeRow): boolean => {
    // A snapshot without classifications (an older file) matches by name alone, as before.
    if (theirs.classificationId === undefined || mine.classificationId === undefined) return true;
    const ref = theirs.classificationId === null ? null : m.classifications.get(theirs.classificationId);
    return ref === null ? mine.classificationId === null : ref !== undefined && 'id' in ref && ref.id === mine.classificationId;
  };
  planAttributeSide(m, {
    theirs: m.theirs.attributes,
    mine: m.mine.attributes,
    refs: m.attributes,
    added: p.attributes,
    updates: p.attributeUpdates,
    summary: p.summary.attributes,
    prefix: 'attribute',
    kind: 'attribute type',
    sameOwner: sameClassification,
  });
  planAttributeSide(m, {
    theirs: m.theirs.sourceAttributes,
    mine: m.mine.sourceAttributes,
    refs: m.sourceAttributes,
    added: p.sourceAttributes,
    updates: p.sourceAttributeUpdates,
    summary: p.summary.sourceAttributes,
    prefix: 'source-attribute',
    kind: 'source attribute type',
    sameOwner: () => true,
  });
}

function describeSource(s: SnapSource, media: SnapMedia | undefined): string {
  const text = `${s.characters.toLocaleString('en')} characters (from ${s.originName})`;
  return media ? `${text}, recording ${media.fileName} (${formatTimecode(media.durationMs)})` : text;
}

/**
 * Their source is mine when the text is the same and, where both have a
 * recording, the recording is the same too; an empty text (a recording
 * without its transcript yet) is the same only through its recording.
 */
function sameSource(mine: SnapSource, myMedia: SnapMedia | undefined, theirs: SnapSource, theirMedia: SnapMedia | undefined): boolean {
  if (myMedia && theirMedia) {
    if (myMedia.sha256 !== theirMedia.sha256) return false;
    // Their copy of the recording still waits for a transcript mine has: nothing to bring.
    if (theirs.characters === 0) return true;
  } else if ((myMedia || theirMedia) && theirs.characters === 0) return false;
  return mine.contentHash === theirs.contentHash && mine.characters === theirs.characters;
}

/** Their recording and times for a source of mine that lacks them (the same text); nothing of mine is replaced. */
function planMatchedExtras(m: MergeContext, mineId: number, theirs: SnapSource): void {
  const theirMedia = m.theirMedia.get(theirs.id);
  if (theirMedia && m.myMedia.has(mineId)) m.plan.summary.recordings.alreadyPresent++;
  else if (theirMedia) planMedia(m, { id: mineId }, theirMedia, theirs.name);
  if (!m.myCued.has(mineId)) planCues(m, { id: mineId }, theirs.id);
}

function planMedia(m: MergeContext, source: Ref, media: SnapMedia, name: string): void {
  const { sourceId: theirId, chunks: _c, chunkBytes: _b, lastSeq: _l, ...row } = media;
  m.plan.media.push({ ...row, source, theirId });
  m.plan.summary.recordings.added.push(media.embedded ? name : `${name} (linked)`);
}

function planCues(m: MergeContext, source: Ref, theirId: number): void {
  const cues = (m.theirCues.get(theirId) ?? []).map(({ start, end, startMs, endMs }) => ({ start, end, startMs, endMs }));
  if (cues.length === 0) return;
  m.plan.cues.push({ source, cues });
  m.plan.summary.timedLines.added += cues.length;
}

/**
 * My sources that could be the same as theirs (sameSource needs the same text, or
 * the same recording when their text is empty), in my snapshot's order: looked up,
 * not searched, so that planning thousands of sources is not thousands squared.
 */
function sameSourceCandidates(m: MergeContext): (s: SnapSource, theirMedia: SnapMedia | undefined) => SnapSource[] {
  const order = new Map(m.mine.sources.map((x, i) => [x.id, i]));
  const byHash = new Map<string, SnapSource[]>();
  const byRecording = new Map<string, SnapSource[]>();
  const add = (map: Map<string, SnapSource[]>, key: string, x: SnapSource) => map.set(key, [...(map.get(key) ?? []), x]);
  for (const x of m.mine.sources) {
    add(byHash, x.contentHash, x);
    const media = m.myMedia.get(x.id);
    if (media) add(byRecording, media.sha256, x);
  }
  return (s, theirMedia) => {
    const found = new Set(byHash.get(s.contentHash) ?? []);
    if (theirMedia && s.characters === 0) for (const x of byRecording.get(theirMedia.sha256) ?? []) found.add(x);
    return [...found].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  };
}

function planSources(m: MergeContext, otherCodings: (sourceId: number) => number): void {
  const candidates = sameSourceCandidates(m);
  for (const s of m.theirs.sources) {
    const theirMedia = m.theirMedia.get(s.id);
    const same = candidates(s, theirMedia).filter((x) => sameSource(x, m.myMedia.get(x.id), s, theirMedia));
    const mine = same.find((x) => x.name === s.name) ?? same[0];
    if (mine) {
      m.sources.set(s.id, { id: mine.id });
      m.plan.summary.sources.matched.push({ mine: mine.name, theirs: s.name, by: 'text' });
      if (!mine.description.trim() && s.description.trim()) m.plan.sourceUpdates.push({ id: mine.id, description: s.description });
      planMatchedExtras(m, mine.id, s);
      continue;
    }
    // My copy of their recording has no transcript yet, theirs has one: it is given mine (a recording's empty text holds no codings).
    const waiting = theirMedia && s.characters > 0 ? m.mine.sources.find((x) => x.characters === 0 && m.myMedia.get(x.id)?.sha256 === theirMedia.sha256) : undefined;
    if (waiting && !m.plan.transcripts.some((t) => t.id === waiting.id)) {
      m.sources.set(s.id, { id: waiting.id });
      m.plan.summary.sources.matched.push({ mine: waiting.name, theirs: s.name, by: 'recording' });
      m.plan.transcripts.push({ id: waiting.id, theirId: s.id, name: waiting.name, characters: s.characters, contentHash: s.contentHash });
      m.plan.summary.recordings.alreadyPresent++;
      planCues(m, { id: waiting.id }, s.id);
      continue;
    }
    let name = s.name;
    const clash = m.mine.sources.find((x) => x.name === s.name);
    if (clash) {
      name = uniqueName(`${s.name} (${m.label})`, (n) => m.mine.sources.some((x) => x.name === n) || m.plan.sources.some((x) => x.name === n));
      const choice = m.decide({
        id: `source:${s.guid}`,
        kind: 'source',
        subject: s.name,
        mine: describeSource(clash, m.myMedia.get(clash.id)),
        theirs: describeSource(s, theirMedia),
        choices: ['both', 'mine'],
        default: 'both',
        explain: {
          both: `import their ${theirMedia ? 'recording and text' : 'text'} as “${name}”, with their ${otherCodings(s.id)} coding(s) on it`,
          mine: `keep only mine; their ${theirMedia ? 'recording, text' : 'text'} and its ${otherCodings(s.id)} coding(s) are not brought in`,
        },
      });
      if (choice === 'mine') {
        m.sources.set(s.id, null);
        m.plan.summary.sources.notImported.push(s.name);
        continue;
      }
    }
    const key = `source:${s.id}`;
    m.plan.sources.push({
      key,
      guid: m.guidFor(s.guid, m.mine.sources),
      theirId: s.id,
      name,
      characters: s.characters,
      contentHash: s.contentHash,
      originName: s.originName,
      originType: s.originType,
      encoding: s.encoding,
      description: s.description,
      createdAt: s.createdAt,
      createdBy: s.createdBy === null ? null : (m.users.get(s.createdBy) ?? null),
    });
    m.sources.set(s.id, { key });
    m.plan.summary.sources.added.push(name);
    if (theirMedia) planMedia(m, { key }, theirMedia, name);
    planCues(m, { key }, s.id);
  }
}

/**
 * What the planner matches their coders, codes and sources to among mine
 * (nothing else planned): the codings of theirs on those are settled in SQL
 * when mine already has them (store/mergeCodingsStore.ts).
 */
export function matchedRefs(mine: ProjectSnapshot, theirs: ProjectSnapshot, decisions: Decisions = {}): MatchedRefs {
  const m = new MergeContext(mine, theirs, decisions);
  planUsers(m);
  planCodes(m);
  planSources(m, () => 0);
  const toMine = (refs: Map<number, Ref | null>) => [...refs].flatMap(([theirId, r]) => (r && 'id' in r ? [{ theirs: theirId, mine: r.id }] : []));
  const characters = new Map(theirs.sources.map((s) => [s.id, s.characters]));
  return { sources: toMine(m.sources).map((s) => ({ ...s, characters: characters.get(s.theirs)! })), codes: toMine(m.codes), users: toMine(m.users) };
}

/** The whole plan. `decisions` maps conflict ids to choices; missing ones take the conflict's default. */
export function planMerge(mine: ProjectSnapshot, theirs: ProjectSnapshot, decisions: Decisions = {}): MergePlan {
  const m = new MergeContext(mine, theirs, decisions);
  const codingsPerSource = new Map<number, number>();
  for (const c of theirs.codings) codingsPerSource.set(c.sourceId, (codingsPerSource.get(c.sourceId) ?? 0) + 1);
  planUsers(m);
  planCodes(m);
  planClassifications(m);
  planCases(m);
  planCaseTree(m);
  planAttributes(m);
  planSources(m, (id) => codingsPerSource.get(id) ?? 0);
  planRows(m);
  foldersMadeCodable(m);
  return m.plan;
}
