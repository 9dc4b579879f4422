/**
 * A REFI-QDA model (as projectToRefi builds it, to the spec) → what one
 * peer program reads (exportProfiles.ts), and the list of what that peer
 * will drop or see changed, for the user to read before the file is
 * written. The standard profile changes nothing and lists nothing.
 */
import type { ExportProfile } from './exportProfiles.js';
import { DEFAULT_CODE_COLOUR, profileOrigin } from './exportProfiles.js';
import type { RefiCode, RefiProject, RefiSelection, RefiSet, RefiVariable } from './refiModel.js';
import { readVariableMarkers } from './refiClassifications.js';
import { countSelections, modelOfStream, streamOfModel, type RefiExportStream, type SelectionCounts, type SourceContent } from './refiExportStream.js';
import { derivedGuid, normalizeGuid } from './refiGuid.js';
import { caseSourcesDescription, readCaseMemos, withOriginalName } from './quarryMarkers.js';
import { profileText } from './profileText.js';
import type { SerializeOptions } from './qdeSerializer.js';
import { UniqueNames } from './uniqueNames.js';

export type ExportChangeKind = 'renamed' | 'changed' | 'moved' | 'converted' | 'added' | 'dropped';

/** One thing the target program will drop or see changed. */
export interface ExportChange {
  kind: ExportChangeKind;
  /** What it is about: "code", "positions", "line endings", "coding memos"… */
  item: string;
  /** A sentence for the user. */
  detail: string;
  /** For a rename: the code's path in Quarry and the name written. */
  from?: string;
  to?: string;
  /** How many items the change covers, where it is a count. */
  count?: number;
}

export interface ProfiledExport {
  project: RefiProject;
  options: SerializeOptions;
  changes: ExportChange[];
}

export interface ProfiledStream {
  stream: RefiExportStream;
  options: SerializeOptions;
  changes: ExportChange[];
}

type MemoKind = 'project' | 'source' | 'code' | 'coding' | 'case' | 'annotation';

const MEMO_WORDS: Record<MemoKind, string> = {
  project: 'project memo',
  source: 'source memo',
  code: 'code memo',
  coding: 'coding memo',
  case: 'case memo',
  annotation: 'annotation',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const are = (n: number): string => (n === 1 ? 'is' : 'are');

function walkCodes(codes: RefiCode[], visit: (c: RefiCode, path: string[]) => void, path: string[] = []): void {
  for (const c of codes) {
    visit(c, [...path, c.name]);
    walkCodes(c.children, visit, [...path, c.name]);
  }
}

/** What the change list counts in one source (one source at a time). */
interface SourceFacts extends SelectionCounts {
  astral: boolean;
  lineBreak: boolean;
}

function sourceFacts(stream: RefiExportStream, i: number): SourceFacts {
  const content = stream.counts ? undefined : stream.content(i);
  const text = content ? content.text : stream.text(i);
  const counts = content ? countSelections(content.selections) : stream.counts!(i);
  return { ...counts, astral: /[\u{10000}-\u{10FFFF}]/u.test(text), lineBreak: text.includes('\n') };
}

/** Each note's kind, from what refers to it. */
function memoKinds(project: RefiProject, facts: SourceFacts[]): Map<string, MemoKind> {
  const kinds = new Map<string, MemoKind>();
  const mark = (guids: string[], kind: MemoKind): void => guids.forEach((guid) => kinds.set(normalizeGuid(guid), kind));
  mark(project.projectNoteGuids, 'project');
  project.sources.forEach((s, i) => {
    mark(s.noteGuids, 'source');
    mark(facts[i]!.codingNotes, 'coding');
  });
  walkCodes(project.codes, (c) => mark(c.noteGuids, 'code'));
  for (const set of project.sets) if (readCaseMemos(set.description) !== undefined) mark(set.memberNoteGuids, 'case');
  for (const n of project.notes) if (n.selection) kinds.set(normalizeGuid(n.guid), 'annotation');
  return kinds;
}

/** Code names unique across the code book: a later code of a taken name gets its parent's name after it. */
function uniqueCodeNames(codes: RefiCode[], changes: ExportChange[]): RefiCode[] {
  const all: string[] = [];
  walkCodes(codes, (c) => all.push(c.name));
  const seen = new Set<string>();
  const duplicated = new Set(all.filter((n) => (seen.has(n) ? true : (seen.add(n), false))));
  if (duplicated.size === 0) return codes;
  const names = new UniqueNames(false);
  // Names that are already unique stay as they are; they are taken first.
  for (const n of all) if (!duplicated.has(n)) names.take(n);
  const firstTaken = new Set<string>();
  const uniqueNames = (list: RefiCode[], path: string[]): RefiCode[] =>
    list.map((c) => {
      const here = [...path, c.name];
      const children = uniqueNames(c.children, here);
      if (!duplicated.has(c.name)) return { ...c, children };
      if (!firstTaken.has(c.name) && !names.has(c.name)) {
        firstTaken.add(c.name);
        names.take(c.name);
        return { ...c, children };
      }
      const wanted = path.length > 0 ? `${c.name} (${path[path.length - 1]})` : c.name;
      const name = names.take(wanted);
      changes.push({ kind: 'renamed', item: 'code', from: here.join('/'), to: name, detail: `The code “${here.join('/')}” is written as “${name}”: code names must be unique.` });
      return { ...c, name, description: withOriginalName(c.description, c.name), children };
    });
  return uniqueNames(codes, []);
}

/**
 * Variable names unique in the file: the first of a name keeps it, a later
 * one is written with its classification after it ("Size (School)"), or
 * "(sources)" for a source attribute; Quarry reads its own name back.
 */
function uniqueVariableNames(variables: RefiVariable[], changes: ExportChange[]): RefiVariable[] {
  const count = new Map<string, number>();
  for (const v of variables) count.set(v.name, (count.get(v.name) ?? 0) + 1);
  if (![...count.values()].some((n) => n > 1)) return variables;
  const names = new UniqueNames(false);
  for (const v of variables) if (count.get(v.name) === 1) names.take(v.name);
  const firstTaken = new Set<string>();
  return variables.map((v) => {
    if (count.get(v.name) === 1) return v;
    if (!firstTaken.has(v.name) && !names.has(v.name)) {
      firstTaken.add(v.name);
      names.take(v.name);
      return v;
    }
    const markers = readVariableMarkers(v.description);
    const owner = markers.sourceAttribute ? 'sources' : markers.classification;
    const name = names.take(owner ? `${v.name} (${owner})` : v.name);
    const whose = owner === 'sources' ? 'The source attribute' : owner ? `${owner}’s attribute` : 'The attribute';
    changes.push({ kind: 'renamed', item: 'variable', from: v.name, to: name, detail: `${whose} “${v.name}” is written as “${name}”: variable names must be unique.` });
    return { ...v, name, description: withOriginalName(v.description, v.name) };
  });
}

function colourEveryCode(codes: RefiCode[], changes: ExportChange[]): RefiCode[] {
  let n = 0;
  const paint = (list: RefiCode[]): RefiCode[] =>
    list.map((c) => {
      const children = paint(c.children);
      if (c.color) return { ...c, children };
      n++;
      return { ...c, color: DEFAULT_CODE_COLOUR, children };
    });
  const out = paint(codes);
  if (n > 0) changes.push({ kind: 'changed', item: 'colours', count: n, detail: `${plural(n, 'code')} without a colour get ${DEFAULT_CODE_COLOUR}.` });
  return out;
}

/** The code book alone (.qdc) for a profile: names and colours are all a codebook holds that a peer may refuse. */
export function profileCodes(codes: RefiCode[], profile: ExportProfile, changes: ExportChange[]): RefiCode[] {
  let out = codes;
  if (profile.uniqueCodeNames) out = uniqueCodeNames(out, changes);
  if (profile.colours === 'always') out = colourEveryCode(out, changes);
  return out;
}

function positionChanges(project: RefiProject, facts: SourceFacts[], profile: ExportProfile, changes: ExportChange[]): void {
  const coded = facts.filter((s) => s.selections > 0);
  const selections = (list: typeof coded): number => list.reduce((n, s) => n + s.selections, 0);
  if (profile.positions === 'utf16') {
    const astral = coded.filter((s) => s.astral);
    changes.push({
      kind: 'converted',
      item: 'positions',
      count: selections(astral),
      detail: `Offsets are counted in UTF-16 units, as ${profile.label} counts them (the spec counts code points): an emoji or other character outside the Basic Multilingual Plane counts as two. ${plural(selections(astral), 'selection')} ${are(selections(astral))} in the ${plural(astral.length, 'source')} that hold such characters.`,
    });
  }
  if (profile.lineEndings === 'crlf') {
    const broken = coded.filter((s) => s.lineBreak);
    changes.push({
      kind: 'converted',
      item: 'line endings',
      count: project.sources.length,
      detail: `Text files are written with CRLF line breaks, counted as two characters in the offsets (${plural(selections(broken), 'selection')} ${are(selections(broken))} in the ${plural(broken.length, 'source')} with line breaks).`,
    });
  }
  if (profile.bom) changes.push({ kind: 'converted', item: 'text files', detail: 'Text files start with a UTF-8 byte order mark (not counted in the offsets).' });
}

/** Lists what happens to memos; returns how each source's selections change (coding memos copied into Descriptions), if they do. */
function memoChanges(project: RefiProject, facts: SourceFacts[], profile: ExportProfile, changes: ExportChange[]): ((selections: RefiSelection[]) => RefiSelection[]) | undefined {
  const kinds = memoKinds(project, facts);
  const counts = new Map<MemoKind, number>();
  for (const kind of kinds.values()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  let describe: ((selections: RefiSelection[]) => RefiSelection[]) | undefined;
  if (profile.codingMemos === 'note+description' && (counts.get('coding') ?? 0) > 0) {
    const text = new Map(project.notes.map((n) => [normalizeGuid(n.guid), n.text]));
    describe = (selections) =>
      selections.map((sel) => {
        const bodies = sel.codings.flatMap((c) => c.noteGuids.map((guid) => text.get(normalizeGuid(guid)) ?? ''));
        if (bodies.length === 0 || sel.description !== undefined) return sel;
        return { ...sel, description: bodies.join('\n\n') };
      });
    const copied = facts.reduce((n, f) => n + f.copied, 0);
    changes.push({ kind: 'moved', item: 'coding memos', count: copied, detail: `${plural(copied, 'coding memo')} ${are(copied)} also written into their passage’s Description, where ${profile.label} reads them.` });
  }
  const projectNotes = counts.get('project') ?? 0;
  if (profile.projectNoteText === 'file' && projectNotes > 0) {
    changes.push({ kind: 'moved', item: 'project notes', count: projectNotes, detail: `${plural(projectNotes, 'project memo')} ${are(projectNotes)} written as text files (plainTextPath), where ${profile.label} reads them.` });
  }
  for (const kind of profile.ignoredMemos) {
    const n = counts.get(kind) ?? 0;
    if (n > 0) changes.push({ kind: 'dropped', item: `${MEMO_WORDS[kind]}s`, count: n, detail: `${plural(n, MEMO_WORDS[kind])}: ${profile.label} does not read them (they are in the file).` });
  }
  return describe;
}

function caseChanges(project: RefiProject, profile: ExportProfile, changes: ExportChange[]): RefiProject {
  const linked = project.cases.filter((c) => c.sourceGuids.length > 0);
  if (profile.caseLinksIgnored) {
    const links = project.cases.reduce((n, c) => n + c.sourceGuids.length + c.selectionGuids.length, 0);
    if (links > 0) changes.push({ kind: 'dropped', item: 'case links', count: links, detail: `${plural(links, 'case→source link')} (sources and passages of cases): ${profile.label} does not read them.` });
  }
  if (profile.caseLinks !== 'sourceRef+set' || linked.length === 0) return project;
  const sets: RefiSet[] = linked.map((c) => ({
    guid: derivedGuid('case-sources', normalizeGuid(c.guid)),
    name: c.name,
    description: caseSourcesDescription(normalizeGuid(c.guid)),
    memberCodeGuids: [],
    memberSourceGuids: c.sourceGuids,
    memberNoteGuids: [],
  }));
  changes.push({ kind: 'added', item: 'case sets', count: sets.length, detail: `${plural(sets.length, 'case')} ${are(sets.length)} also written as a set of their sources, the way ${profile.label} groups documents.` });
  return { ...project, sets: [...project.sets, ...sets] };
}

/** A model in memory as `profile`'s program reads it, how to lay out its files, and the list of changes. */
export function applyExportProfile(project: RefiProject, profile: ExportProfile): ProfiledExport {
  if (profile.id === 'standard') return { project, options: {}, changes: [] };
  const { stream, options, changes } = applyExportProfileToStream(streamOfModel(project), profile);
  return { project: modelOfStream(stream), options, changes };
}

/**
 * The stream as `profile`'s program reads it: the small parts changed now,
 * each source's selections as they are read; how to lay out its files; and
 * the list of changes, counted a source at a time.
 */
export function applyExportProfileToStream(stream: RefiExportStream, profile: ExportProfile): ProfiledStream {
  if (profile.id === 'standard') return { stream, options: {}, changes: [] };
  const changes: ExportChange[] = [];
  const base = stream.project;
  let out: RefiProject = { ...base, origin: profileOrigin(profile), codes: profileCodes(base.codes, profile, changes) };
  if (profile.uniqueVariableNames) out = { ...out, variables: uniqueVariableNames(out.variables, changes) };
  const facts = base.sources.map((_, i) => sourceFacts(stream, i));
  positionChanges(out, facts, profile, changes);
  const describe = memoChanges(out, facts, profile, changes);
  out = caseChanges(out, profile, changes);
  const options: SerializeOptions = { textOf: (text) => profileText(text, profile) };
  if (profile.projectNoteText === 'file') {
    const inFile = new Set(base.projectNoteGuids.map(normalizeGuid));
    options.noteInFile = (guid) => inFile.has(guid);
  }
  const content = describe
    ? (i: number): SourceContent => {
        const c = stream.content(i);
        return { text: c.text, selections: describe(c.selections) };
      }
    : stream.content;
  return { stream: { project: out, content, text: stream.text }, options, changes };
}
