/**
 * The neutral model → project.qde text, with child elements in exactly the
 * order of the XSD sequences (Project-mrt2019.xsd). Source texts go to
 * separate files (sources/<GUID>.txt, referenced as internal://<GUID>.txt);
 * notes are written inline as <PlainTextContent>, unless they hold characters
 * XML cannot carry, in which case they get a file too. The model is assumed to be
 * checked as it is written (ExportCheck).
 */
import { PROJECT_NS, type RefiCode, type RefiCoding, type RefiProject, type RefiRecording, type RefiSelection, type RefiTextSource, type RefiVariableType, type RefiVariableValue } from './refiModel.js';
import { syncPointsFor } from './transcriptSync.js';
import { derivedGuid, normalizeGuid } from './refiGuid.js';
import { normalizeColor, toXsdDateTime, valueElementFor } from './refiValues.js';
import { stripForbiddenXmlChars, XmlWriter } from './xmlWriter.js';
import type { ProfileText } from './profileText.js';
import { ExportCheck } from './refiExportCheck.js';
import { streamOfModel, type RefiExportStream } from './refiExportStream.js';

/** How a profile lays the package out (exportProfiles.ts); none: the spec, as Quarry has always written it. */
export interface SerializeOptions {
  /** A source's (or transcript's) text file and offsets. */
  textOf?: (text: string) => ProfileText;
  /** Notes whose text goes in a file named by plainTextPath rather than inline. */
  noteInFile?: (noteGuid: string) => boolean;
}

type Position = (cp: number) => number;
const same: Position = (cp) => cp;

export interface SerializedProject {
  qde: string;
  /** Package entry name → UTF-8 text. */
  files: [string, string][];
}

/** The origin Quarry writes: readers pick the position unit by it, so it must name Quarry. */
export function exportOrigin(origin: string | undefined): string {
  return origin !== undefined && /^\s*quarry\b/i.test(origin) ? origin : 'Quarry';
}

export function annotationSelectionGuid(noteGuid: string): string {
  return derivedGuid('annotation', normalizeGuid(noteGuid));
}

const g = normalizeGuid;
const opt = (v: string | undefined): string | undefined => (v === undefined ? undefined : g(v));

function writeRefs(w: XmlWriter, element: string, guids: string[]): void {
  for (const guid of guids) w.empty(element, [['targetGUID', g(guid)]]);
}

function writeDescription(w: XmlWriter, description: string | undefined): void {
  if (description !== undefined) w.text('Description', description);
}

function writeCode(w: XmlWriter, code: RefiCode): void {
  const attrs: [string, string | boolean | undefined][] = [
    ['guid', g(code.guid)],
    ['name', code.name],
    ['isCodable', code.isCodable],
    ['color', normalizeColor(code.color)],
  ];
  w.element('Code', attrs, code.description !== undefined || code.noteGuids.length > 0 || code.children.length > 0, () => {
    writeDescription(w, code.description);
    writeRefs(w, 'NoteRef', code.noteGuids);
    for (const child of code.children) writeCode(w, child);
  });
}

function writeValues(w: XmlWriter, values: RefiVariableValue[], types: Map<string, RefiVariableType>): void {
  for (const v of values) {
    w.open('VariableValue');
    w.empty('VariableRef', [['targetGUID', g(v.variableGuid)]]);
    const el = valueElementFor(types.get(g(v.variableGuid)) ?? 'Text', v.value);
    if (el) w.text(el.element, el.text);
    w.close('VariableValue');
  }
}

function writeCoding(w: XmlWriter, c: RefiCoding): void {
  w.open('Coding', [
    ['guid', g(c.guid)],
    ['creatingUser', opt(c.creatingUserGuid)],
    ['creationDateTime', toXsdDateTime(c.creationDateTime)],
  ]);
  w.empty('CodeRef', [['targetGUID', g(c.codeGuid)]]);
  writeRefs(w, 'NoteRef', c.noteGuids);
  w.close('Coding');
}

type SelectionEnds = [[string, string | number], [string, string | number]];

/** A PlainTextSelection (by positions) or, in a transcript, a TranscriptSelection (by SyncPoints). */
function writeSelection(w: XmlWriter, s: RefiSelection, pos: Position = same, element = 'PlainTextSelection', ends: SelectionEnds = [['startPosition', pos(s.start)], ['endPosition', pos(s.end)]]): void {
  const attrs: [string, string | number | undefined][] = [
    ['guid', g(s.guid)],
    ['name', s.name],
    ...ends,
    ['creatingUser', opt(s.creatingUserGuid)],
    ['creationDateTime', toXsdDateTime(s.creationDateTime)],
    ['modifyingUser', opt(s.modifyingUserGuid)],
    ['modifiedDateTime', toXsdDateTime(s.modifiedDateTime)],
  ];
  w.element(element, attrs, s.description !== undefined || s.codings.length > 0 || s.noteGuids.length > 0, () => {
    writeDescription(w, s.description);
    for (const c of s.codings) writeCoding(w, c);
    writeRefs(w, 'NoteRef', s.noteGuids);
  });
}

/** A recording: AudioSource/VideoSource → Transcript (its text in a file) → SyncPoints and TranscriptSelections. */
function writeRecordedSource(w: XmlWriter, src: RefiTextSource, rec: RefiRecording, annotations: RefiSelection[], types: Map<string, RefiVariableType>, pos: Position): void {
  const element = rec.kind === 'video' ? 'VideoSource' : 'AudioSource';
  const selections = [...src.selections, ...annotations];
  const { points, at } = syncPointsFor(g(rec.transcriptGuid), rec.lines, selections.flatMap((sel) => [sel.start, sel.end]));
  w.open(element, [
    ['guid', g(src.guid)],
    ['name', src.name],
    ['path', rec.bytes || rec.pieces ? `internal://${g(src.guid)}.${rec.ext}` : undefined],
    ['creatingUser', opt(src.creatingUserGuid)],
    ['creationDateTime', toXsdDateTime(src.creationDateTime)],
    ['modifyingUser', opt(src.modifyingUserGuid)],
    ['modifiedDateTime', toXsdDateTime(src.modifiedDateTime)],
  ]);
  writeDescription(w, src.description);
  w.element('Transcript', [['guid', g(rec.transcriptGuid)], ['name', src.name], ['plainTextPath', `internal://${g(rec.transcriptGuid)}.txt`]], points.length > 0, () => {
    for (const p of points) w.empty('SyncPoint', [['guid', p.guid], ['timeStamp', p.timeMs], ['position', pos(p.position)]]);
    for (const sel of selections) {
      writeSelection(w, sel, same, 'TranscriptSelection', [['fromSyncPoint', at.get(sel.start)!.guid], ['toSyncPoint', at.get(sel.end)!.guid]]);
    }
  });
  writeRefs(w, 'NoteRef', src.noteGuids);
  writeValues(w, src.values, types);
  w.close(element);
}

function writeSource(w: XmlWriter, src: RefiTextSource, annotations: RefiSelection[], types: Map<string, RefiVariableType>, pos: Position): void {
  if (src.recording) return writeRecordedSource(w, src, src.recording, annotations, types, pos);
  const attrs: [string, string | undefined][] = [
    ['guid', g(src.guid)],
    ['name', src.name],
    ['plainTextPath', `internal://${g(src.guid)}.txt`],
    ['creatingUser', opt(src.creatingUserGuid)],
    ['creationDateTime', toXsdDateTime(src.creationDateTime)],
    ['modifyingUser', opt(src.modifyingUserGuid)],
    ['modifiedDateTime', toXsdDateTime(src.modifiedDateTime)],
  ];
  const selections = [...src.selections, ...annotations];
  w.element('TextSource', attrs, src.description !== undefined || selections.length > 0 || src.noteGuids.length > 0 || src.values.length > 0, () => {
    writeDescription(w, src.description);
    for (const s of selections) writeSelection(w, s, pos);
    writeRefs(w, 'NoteRef', src.noteGuids);
    writeValues(w, src.values, types);
  });
}

export function serializeProject(project: RefiProject, options: SerializeOptions = {}): SerializedProject {
  const pieces: string[] = [];
  const files = serializeProjectTo(project, (text) => pieces.push(text), options);
  return { qde: pieces.join(''), files };
}

/** A model in memory: project.qde to `sink`, and the package's other entries (see serializeStreamTo). */
export function serializeProjectTo(project: RefiProject, sink: (text: string) => void, options: SerializeOptions = {}): [string, string][] {
  return [...serializeStreamTo(streamOfModel(project), sink, options)];
}

/** Told after each source is written: how many of how many. */
export type SourceProgress = (done: number, total: number) => void;

/**
 * Writes project.qde to `sink` in pieces as it goes (see XmlWriter), reading
 * each source's text and selections only while that source is written, and
 * checking each as it comes (ExportCheck: a problem throws before the
 * package is complete, so nothing is placed). Returns the package's other
 * entries, produced one at a time when iterated (after project.qde): source
 * texts, then notes too odd for the XML.
 */
export function serializeStreamTo(stream: RefiExportStream, sink: (text: string) => void, options: SerializeOptions = {}, progress?: SourceProgress): Iterable<[string, string]> {
  const { project } = stream;
  const check = new ExportCheck(project);
  const w = new XmlWriter(sink);
  const types = new Map(project.variables.map((v) => [g(v.guid), v.type]));
  const annotations = new Map<string, RefiSelection[]>();
  for (const note of project.notes) {
    if (!note.selection) continue;
    const list = annotations.get(g(note.selection.sourceGuid)) ?? [];
    const anchor: RefiSelection = { guid: annotationSelectionGuid(note.guid), start: note.selection.start, end: note.selection.end, codings: [], noteGuids: [note.guid] };
    if (note.creatingUserGuid !== undefined) anchor.creatingUserGuid = note.creatingUserGuid;
    if (note.creationDateTime !== undefined) anchor.creationDateTime = note.creationDateTime;
    list.push(anchor);
    annotations.set(g(note.selection.sourceGuid), list);
  }

  w.open('Project', [
    ['xmlns', PROJECT_NS],
    ['name', project.name],
    ['origin', exportOrigin(project.origin)],
    ['creatingUserGUID', opt(project.creatingUserGuid)],
    ['creationDateTime', toXsdDateTime(project.creationDateTime)],
    ['modifyingUserGUID', opt(project.modifyingUserGuid)],
    ['modifiedDateTime', toXsdDateTime(project.modifiedDateTime)],
  ]);
  if (project.users.length > 0) {
    w.open('Users');
    for (const u of project.users) w.empty('User', [['guid', g(u.guid)], ['name', u.name], ['id', u.id]]);
    w.close('Users');
  }
  if (project.codes.length > 0) {
    w.open('CodeBook');
    w.open('Codes');
    for (const c of project.codes) writeCode(w, c);
    w.close('Codes');
    w.close('CodeBook');
  }
  if (project.variables.length > 0) {
    w.open('Variables');
    for (const v of project.variables) {
      w.element('Variable', [['guid', g(v.guid)], ['name', v.name], ['typeOfVariable', v.type]], v.description !== undefined, () => writeDescription(w, v.description));
    }
    w.close('Variables');
  }
  if (project.cases.length > 0) {
    w.open('Cases');
    for (const c of project.cases) {
      const hasChildren = c.description !== undefined || c.codeGuids.length + c.values.length + c.sourceGuids.length + c.selectionGuids.length > 0;
      w.element('Case', [['guid', g(c.guid)], ['name', c.name]], hasChildren, () => {
        writeDescription(w, c.description);
        writeRefs(w, 'CodeRef', c.codeGuids);
        writeValues(w, c.values, types);
        writeRefs(w, 'SourceRef', c.sourceGuids);
        writeRefs(w, 'SelectionRef', c.selectionGuids);
      });
    }
    w.close('Cases');
  }
  if (project.sources.length > 0) {
    w.open('Sources');
    project.sources.forEach((s, i) => {
      const { text, selections } = stream.content(i);
      check.source(s, text, selections);
      const position = options.textOf ? options.textOf(text).position : same;
      writeSource(w, { ...s, text, selections }, annotations.get(g(s.guid)) ?? [], types, position);
      progress?.(i + 1, project.sources.length);
    });
    w.close('Sources');
  }
  check.finish();
  const noteFiles: [string, string][] = [];
  if (project.notes.length > 0) {
    w.open('Notes');
    for (const n of project.notes) {
      const inline = !options.noteInFile?.(g(n.guid)) && stripForbiddenXmlChars(n.text) === n.text;
      w.open('Note', [
        ['guid', g(n.guid)],
        ['name', n.name],
        ['plainTextPath', inline ? undefined : `internal://${g(n.guid)}.txt`],
        ['creatingUser', opt(n.creatingUserGuid)],
        ['creationDateTime', toXsdDateTime(n.creationDateTime)],
        ['modifyingUser', opt(n.modifyingUserGuid)],
        ['modifiedDateTime', toXsdDateTime(n.modifiedDateTime)],
      ]);
      // XML cannot carry some control characters; a note holding any goes to a file so that nothing is lost.
      if (inline) w.text('PlainTextContent', n.text);
      else noteFiles.push([`sources/${g(n.guid)}.txt`, n.text]);
      w.close('Note');
    }
    w.close('Notes');
  }
  if (project.sets.length > 0) {
    w.open('Sets');
    for (const s of project.sets) {
      const hasChildren = s.description !== undefined || s.memberCodeGuids.length + s.memberSourceGuids.length + s.memberNoteGuids.length > 0;
      w.element('Set', [['guid', g(s.guid)], ['name', s.name]], hasChildren, () => {
        writeDescription(w, s.description);
        writeRefs(w, 'MemberCode', s.memberCodeGuids);
        writeRefs(w, 'MemberSource', s.memberSourceGuids);
        writeRefs(w, 'MemberNote', s.memberNoteGuids);
      });
    }
    w.close('Sets');
  }
  writeDescription(w, project.description);
  writeRefs(w, 'NoteRef', project.projectNoteGuids);
  w.close('Project');

  w.end();
  return (function* (): Iterable<[string, string]> {
    for (const [i, s] of project.sources.entries()) {
      const text = stream.text(i);
      yield [`sources/${g(s.recording ? s.recording.transcriptGuid : s.guid)}.txt`, options.textOf ? options.textOf(text).text : text];
    }
    yield* noteFiles;
  })();
}
