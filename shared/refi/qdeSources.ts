/**
 * Reads the <Sources> and <Notes> of a project.qde into raw text sources:
 * text as the file holds it (BOM removed, line endings untouched) and
 * selection offsets as written, in whatever unit the exporter used. The
 * conversion to code points over normalised text happens later, once the
 * unit is known (refiPositions.ts).
 */
import { decodeWindows1252 } from '../importers/textDecoding.js';
import { formatLimit, MAX_DOCUMENT_BYTES } from '../limits.js';
import type { RefiCoding, RefiNote, RefiVariableValue } from './refiModel.js';
import type { RefiContainer } from './refiPackage.js';
import { guidOf, readVariableValues, refOf, refsOf, descriptionOf, type ReadContext } from './refiElements.js';
import { derivedGuid } from './refiGuid.js';
import { attrOf, childrenNamed, countDescendants, firstChild, type XmlElement } from './xmlTree.js';
import type { StagedRaw } from './stagedSelections.js';

export interface RawSelection {
  guid: string;
  name?: string;
  start: number;
  end: number;
  /** A coding of the whole source, turned into a selection spanning all its text. */
  wholeSource: boolean;
  creatingUserGuid?: string;
  creationDateTime?: string;
  modifyingUserGuid?: string;
  modifiedDateTime?: string;
  description?: string;
  codings: RefiCoding[];
  noteGuids: string[];
}

export interface RawTextSource {
  guid: string;
  name: string;
  /** Decoded text without BOM; line endings as in the file. */
  rawText: string;
  originalExt?: string;
  description?: string;
  creatingUserGuid?: string;
  creationDateTime?: string;
  modifyingUserGuid?: string;
  modifiedDateTime?: string;
  selections: RawSelection[];
  noteGuids: string[];
  values: RefiVariableValue[];
  /** An AudioSource/VideoSource: its transcript's SyncPoints (positions as written) and the recording. */
  recording?: RawRecording;
  /** Its selections once put in the import's spool (`selections` is then empty). */
  staged?: StagedRaw;
}

export interface RawRecording {
  kind: 'audio' | 'video';
  transcriptGuid: string;
  ext: string;
  syncPoints: { position: number; timeMs: number }[];
  bytes?: Uint8Array;
}

export interface SourceReadEnv {
  ctx: ReadContext;
  container: RefiContainer;
  /** GUIDs of the codes in the codebook, to drop codings that point nowhere. */
  codeGuids: Set<string>;
}

/** Decodes a plain-text file: a BOM decides, else UTF-8, else Windows-1252 (every byte one character). */
function decodeTextFile(env: SourceReadEnv, bytes: Uint8Array, path: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // strips a UTF-8 BOM
  } catch {
    env.ctx.warnings.push(`The text file "${path}" is not UTF-8 as REFI-QDA requires; Quarry read it as Windows-1252.`);
    return decodeWindows1252(bytes);
  }
}

/** The text of a TextSourceType element, or why there is none. */
export function readTextOf(env: SourceReadEnv, el: XmlElement): { text: string } | { missing: string } {
  const inline = firstChild(el, 'PlainTextContent');
  if (inline) {
    const size = Buffer.byteLength(inline.text, 'utf8');
    if (size > MAX_DOCUMENT_BYTES) return { missing: `its text is ${formatLimit(size)}, more than the ${formatLimit(MAX_DOCUMENT_BYTES)} Quarry imports as one document` };
    return { text: inline.text.charCodeAt(0) === 0xfeff ? inline.text.slice(1) : inline.text };
  }
  const path = attrOf(el, 'plainTextPath');
  if (!path) {
    const rich = attrOf(el, 'richTextPath');
    return { missing: rich ? `it has only a formatted file ("${rich}") and no plain-text version, which REFI-QDA requires` : 'it has neither text nor a plainTextPath' };
  }
  const file = env.container.readFile(path);
  if ('missing' in file) return file;
  return { text: decodeTextFile(env, file.bytes, path) };
}

function extOf(path: string | undefined): string | undefined {
  const m = path ? /\.([A-Za-z0-9]{1,10})$/.exec(path) : null;
  return m ? (m[1] as string).toLowerCase() : undefined;
}

function skipCodings(env: SourceReadEnv, el: XmlElement, reason: string): void {
  const n = countDescendants(el, 'Coding');
  for (let i = 0; i < n; i++) env.ctx.skipped.push({ kind: 'coding', reason });
}

function skipDirectCodings(env: SourceReadEnv, el: XmlElement, reason: string): void {
  for (let i = childrenNamed(el, 'Coding').length; i > 0; i--) env.ctx.skipped.push({ kind: 'coding', reason });
}

function readCodings(env: SourceReadEnv, el: XmlElement, owner: string): RefiCoding[] {
  const codings: RefiCoding[] = [];
  for (const c of childrenNamed(el, 'Coding')) {
    const codeGuid = refOf(firstChild(c, 'CodeRef') ?? c, 'targetGUID');
    if (!codeGuid || !env.codeGuids.has(codeGuid)) {
      env.ctx.skipped.push({ kind: 'coding', name: owner, reason: codeGuid ? `it refers to the code ${codeGuid}, which is not in the codebook` : 'it names no code' });
      continue;
    }
    const guid = guidOf(env.ctx, c);
    const noteGuids = refsOf(c, 'NoteRef');
    const user = refOf(c, 'creatingUser');
    const when = attrOf(c, 'creationDateTime')?.trim();
    // One literal per combination: a property added later would cost each of a million codings a second block of memory.
    if (user && when) codings.push({ guid, codeGuid, noteGuids, creatingUserGuid: user, creationDateTime: when });
    else if (user) codings.push({ guid, codeGuid, noteGuids, creatingUserGuid: user });
    else if (when) codings.push({ guid, codeGuid, noteGuids, creationDateTime: when });
    else codings.push({ guid, codeGuid, noteGuids });
  }
  // Exactly as long as it is: a list grown by push keeps room for 17.
  return codings.slice();
}

function readSelection(env: SourceReadEnv, el: XmlElement, sourceName: string, at?: { start: number; end: number }): RawSelection | undefined {
  const name = attrOf(el, 'name');
  const start = at ? at.start : Number(attrOf(el, 'startPosition'));
  const end = at ? at.end : Number(attrOf(el, 'endPosition'));
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
    env.ctx.skipped.push({ kind: 'selection', name: name ?? sourceName, reason: `in "${sourceName}", its start or end position is not a whole number` });
    skipCodings(env, el, 'its selection was skipped');
    return undefined;
  }
  const sel: RawSelection = { guid: guidOf(env.ctx, el), start, end, wholeSource: false, codings: readCodings(env, el, name ?? sourceName), noteGuids: refsOf(el, 'NoteRef') };
  if (name) sel.name = name;
  const user = refOf(el, 'creatingUser');
  if (user) sel.creatingUserGuid = user;
  const when = attrOf(el, 'creationDateTime');
  if (when) sel.creationDateTime = when.trim();
  Object.assign(sel, readModified(el));
  const description = descriptionOf(env.ctx, el);
  if (description !== undefined) sel.description = description;
  return sel;
}

/** modifyingUser / modifiedDateTime of a source, selection or note, when the file has them. */
function readModified(el: XmlElement): { modifyingUserGuid?: string; modifiedDateTime?: string } {
  const out: { modifyingUserGuid?: string; modifiedDateTime?: string } = {};
  const user = refOf(el, 'modifyingUser');
  if (user) out.modifyingUserGuid = user;
  const when = attrOf(el, 'modifiedDateTime');
  if (when) out.modifiedDateTime = when.trim();
  return out;
}

/** A nameless source (qc writes none) is called after its file: "internal://board_2017.txt" → "board_2017". */
function nameFromPath(path: string | undefined): string | undefined {
  const file = path?.replace(/^[a-z]+:\/\/+/iu, '').split(/[\\/]/u).pop()?.replace(/\.[^.]*$/u, '').trim();
  return file ? file : undefined;
}

/**
 * Reads one TextSourceType element (a TextSource, or a PDF's Representation)
 * as a text source. `identity` supplies the GUID, name and attributes that
 * sets and cases refer to (the PDFSource itself, for a representation);
 * `extraCodingsFrom` are further elements whose direct <Coding>s code the
 * whole text (the PDFSource's own).
 */
function readTextSource(env: SourceReadEnv, el: XmlElement, identity: XmlElement, extraCodingsFrom: XmlElement[], originalExt: string | undefined): RawTextSource | undefined {
  const guid = guidOf(env.ctx, identity);
  const name = attrOf(identity, 'name') ?? nameFromPath(attrOf(el, 'plainTextPath')) ?? guid;
  const text = readTextOf(env, el);
  if ('missing' in text) {
    env.ctx.skipped.push({ kind: 'source', name, reason: text.missing });
    skipCodings(env, el, 'its source was skipped');
    for (const owner of extraCodingsFrom) skipDirectCodings(env, owner, 'its source was skipped');
    return undefined;
  }
  const src: RawTextSource = { guid, name, rawText: text.text, selections: [], noteGuids: refsOf(identity, 'NoteRef'), values: readVariableValues(env.ctx, identity, name) };
  if (originalExt) src.originalExt = originalExt;
  const description = descriptionOf(env.ctx, identity);
  if (description !== undefined) src.description = description;
  const user = refOf(identity, 'creatingUser');
  if (user) src.creatingUserGuid = user;
  const when = attrOf(identity, 'creationDateTime');
  if (when) src.creationDateTime = when.trim();
  Object.assign(src, readModified(identity));
  for (const s of childrenNamed(el, 'PlainTextSelection')) {
    const sel = readSelection(env, s, name);
    if (sel) src.selections.push(sel);
  }
  // A <Coding> directly on a source codes all of it.
  for (const owner of [el, ...extraCodingsFrom]) {
    for (const coding of readCodings(env, owner, name)) {
      src.selections.push({ guid: derivedGuid('whole-source', guid, coding.guid), start: 0, end: 0, wholeSource: true, codings: [coding], noteGuids: [] });
    }
  }
  return src;
}

const MEDIA_REASON: Record<string, string> = {
  PictureSource: 'it is a picture; Quarry imports text sources only',
  AudioSource: 'it is an audio recording without a transcript; Quarry imports recordings with their transcript',
  VideoSource: 'it is a video without a transcript; Quarry imports recordings with their transcript',
};

/**
 * An AudioSource/VideoSource with a Transcript: the transcript's text and
 * TranscriptSelections (their SyncPoints' positions) become a text source,
 * its SyncPoints the lines' times, and the recording file (when the package
 * has it) the source's recording. Selections of the recording by time
 * (AudioSelection/VideoSelection) have no text and are reported.
 */
function readRecordedSource(env: SourceReadEnv, el: XmlElement, transcript: XmlElement): RawTextSource | undefined {
  const name = attrOf(el, 'name') ?? guidOf(env.ctx, el);
  for (const t of childrenNamed(el, 'Transcript').slice(1)) {
    env.ctx.skipped.push({ kind: 'transcript', name: attrOf(t, 'name') ?? name, reason: `it is a further transcript of "${name}"; Quarry keeps the first` });
    skipCodings(env, t, 'its transcript was skipped');
  }
  for (const timeSel of [...childrenNamed(el, 'AudioSelection'), ...childrenNamed(el, 'VideoSelection')]) {
    env.ctx.skipped.push({ kind: 'selection', name: attrOf(timeSel, 'name') ?? name, reason: `it marks a stretch of the recording "${name}" by time only; Quarry codes the transcript` });
    skipCodings(env, timeSel, 'it codes the recording by time only');
  }
  const src = readTextSource(env, transcript, el, [el], undefined);
  if (!src) return undefined;
  const points = new Map<string, { position: number; timeMs: number }>();
  for (const sp of childrenNamed(transcript, 'SyncPoint')) {
    const position = Number(attrOf(sp, 'position'));
    const timeMs = Number(attrOf(sp, 'timeStamp'));
    const guid = attrOf(sp, 'guid');
    if (guid && Number.isSafeInteger(position) && Number.isSafeInteger(timeMs) && timeMs >= 0) points.set(guid.toLowerCase().replace(/[{}]/g, ''), { position, timeMs });
  }
  for (const ts of childrenNamed(transcript, 'TranscriptSelection')) {
    const from = points.get((attrOf(ts, 'fromSyncPoint') ?? '').toLowerCase().replace(/[{}]/g, ''));
    const to = points.get((attrOf(ts, 'toSyncPoint') ?? '').toLowerCase().replace(/[{}]/g, ''));
    if (!from || !to) {
      env.ctx.skipped.push({ kind: 'selection', name: attrOf(ts, 'name') ?? name, reason: `in "${name}", it refers to a sync point that is not in the transcript` });
      skipCodings(env, ts, 'its selection was skipped');
      continue;
    }
    const sel = readSelection(env, ts, name, { start: from.position, end: to.position });
    if (sel) src.selections.push(sel);
  }
  const path = attrOf(el, 'path');
  const ext = extOf(path) ?? (el.name === 'VideoSource' ? 'mp4' : 'mp3');
  const recording: RawRecording = { kind: el.name === 'VideoSource' ? 'video' : 'audio', transcriptGuid: guidOf(env.ctx, transcript), ext, syncPoints: [...points.values()] };
  const file = path?.startsWith('internal://') ? env.container.readFile(path) : null;
  if (file && 'bytes' in file) recording.bytes = file.bytes;
  else env.ctx.warnings.push(`The recording of "${name}" is not in the package${path ? ` (${path})` : ''}; its transcript and times were imported without it.`);
  src.recording = recording;
  return src;
}

/** One child of <Sources> → a raw text source, or undefined (with the reason in the context's skipped list). */
export function readSource(env: SourceReadEnv, el: XmlElement): RawTextSource | undefined {
  const name = attrOf(el, 'name') ?? attrOf(el, 'guid') ?? el.name;
  if (el.name === 'TextSource') return readTextSource(env, el, el, [], extOf(attrOf(el, 'richTextPath')));
  if (el.name === 'PDFSource') {
    const rep = firstChild(el, 'Representation');
    for (const area of childrenNamed(el, 'PDFSelection')) {
      env.ctx.skipped.push({ kind: 'selection', name: attrOf(area, 'name') ?? name, reason: `it marks an area of a PDF page in "${name}"; Quarry keeps only selections in the PDF's text` });
      skipCodings(env, area, 'it codes an area of a PDF page');
    }
    if (!rep) {
      env.ctx.skipped.push({ kind: 'source', name, reason: 'it is a PDF without a text representation; Quarry imports text only' });
      skipDirectCodings(env, el, 'its source was skipped');
      return undefined;
    }
    return readTextSource(env, rep, el, [el], 'pdf');
  }
  if ((el.name === 'AudioSource' || el.name === 'VideoSource') && firstChild(el, 'Transcript')) return readRecordedSource(env, el, firstChild(el, 'Transcript')!);
  if (MEDIA_REASON[el.name]) {
    env.ctx.skipped.push({ kind: 'source', name, reason: MEDIA_REASON[el.name] as string });
    skipCodings(env, el, 'it codes a picture, audio or video source, which Quarry does not import');
  } else {
    env.ctx.skipped.push({ kind: 'source', name, reason: `<${el.name}> is not a source type of REFI-QDA 1.0` });
    skipCodings(env, el, 'its source is of an unknown type');
  }
  return undefined;
}

export function readNotes(env: SourceReadEnv, notesEl: XmlElement | undefined): RefiNote[] {
  const notes: RefiNote[] = [];
  for (const el of childrenNamed(notesEl, 'Note')) {
    const guid = guidOf(env.ctx, el);
    const name = attrOf(el, 'name');
    const text = readTextOf(env, el);
    if ('missing' in text) {
      env.ctx.skipped.push({ kind: 'note', name: name ?? guid, reason: text.missing });
      skipCodings(env, el, 'its note was skipped');
      continue;
    }
    const note: RefiNote = { guid, text: text.text.replace(/\r\n?/g, '\n') };
    if (name) note.name = name;
    const user = refOf(el, 'creatingUser');
    if (user) note.creatingUserGuid = user;
    const when = attrOf(el, 'creationDateTime');
    if (when) note.creationDateTime = when.trim();
    Object.assign(note, readModified(el));
    const description = descriptionOf(env.ctx, el);
    if (description !== undefined) {
      env.ctx.skipped.push({ kind: 'description', name: name ?? guid, reason: 'Quarry notes have no separate description; the note was imported without it' });
    }
    const innerSelections = childrenNamed(el, 'PlainTextSelection').length;
    if (innerSelections > 0) {
      env.ctx.skipped.push({ kind: 'selection', name: name ?? guid, reason: `the note has ${innerSelections} selection(s) of its own; Quarry does not code inside notes` });
    }
    skipCodings(env, el, 'it codes text inside a note; Quarry does not code inside notes');
    notes.push(note);
  }
  return notes;
}
