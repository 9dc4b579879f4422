/**
 * Selection offsets in REFI-QDA files: which unit the exporter counted in,
 * and their conversion to code points over Quarry-normalised text.
 *
 * The spec (§10.2) says code points, but NVivo writes UTF-16 code units and
 * counts CRLF as two characters (checked against real NVivo 12 exports for
 * Windows and Mac), and QualCoder's importer says ATLAS.ti counts CRLF as one. So the unit is taken from the `origin` when it
 * names a tool whose habit is known, and otherwise measured: the reading that
 * keeps more selections inside their text and puts more of their ends on
 * word boundaries wins, with the spec's reading preferred on a tie.
 */
import { profileOfOrigin } from './exportProfiles.js';
import type { RefiPositionUnit, RefiSelection, RefiSkipped, RefiTextSource } from './refiModel.js';
import type { ReadContext } from './refiElements.js';
import type { RawSelection, RawTextSource } from './qdeSources.js';
import { linesFromSyncPoints } from './transcriptSync.js';
import { normalizeSourceText, rawToNormalizedOffsets } from '../text/normalize.js';
import { buildPositionIndex, type PositionIndex } from '../text/positions.js';

export interface PositionModel {
  unit: RefiPositionUnit;
  /** true: offsets count the file's CRLF as two characters; false: as one. */
  crlfAsTwo: boolean;
}

interface Prepared {
  raw: string;
  norm: string;
  rawIndex?: PositionIndex;
  normIndex?: PositionIndex;
  rawToNorm?: (u: number) => number;
}

const WORD_RE = /^[\p{L}\p{N}\p{M}_]$/u;
const ASTRAL_RE = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

function prepare(raw: string): Prepared {
  return { raw, norm: normalizeSourceText(raw) };
}

function rawIndexOf(p: Prepared): PositionIndex {
  return (p.rawIndex ??= buildPositionIndex(p.raw));
}
function normIndexOf(p: Prepared): PositionIndex {
  return (p.normIndex ??= buildPositionIndex(p.norm));
}

/** The UTF-16 offset in the reference string (raw or normalised) an offset means under a model, or undefined if outside. */
function refOffset(p: Prepared, pos: number, m: PositionModel): number | undefined {
  const ref = m.crlfAsTwo ? p.raw : p.norm;
  if (m.unit === 'utf16') return pos >= 0 && pos <= ref.length ? pos : undefined;
  const index = m.crlfAsTwo ? rawIndexOf(p) : normIndexOf(p);
  return pos >= 0 && pos <= index.length ? index.cpToUtf16(pos) : undefined;
}

/** Length of the text in the units and line-break counting of a model. */
function refLength(p: Prepared, m: PositionModel): number {
  if (m.unit === 'utf16') return (m.crlfAsTwo ? p.raw : p.norm).length;
  return (m.crlfAsTwo ? rawIndexOf(p) : normIndexOf(p)).length;
}

function isWordBoundary(s: string, u: number): boolean {
  if (u <= 0 || u >= s.length) return true;
  const hi = s.charCodeAt(u - 1);
  const lo = s.charCodeAt(u);
  if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) return false; // splits an emoji
  const lowBefore = hi >= 0xdc00 && hi <= 0xdfff && u >= 2 && s.charCodeAt(u - 2) >= 0xd800 && s.charCodeAt(u - 2) <= 0xdbff;
  const before = String.fromCodePoint(s.codePointAt(lowBefore ? u - 2 : u - 1) as number);
  const after = String.fromCodePoint(s.codePointAt(u) as number);
  return !(WORD_RE.test(before) && WORD_RE.test(after));
}

/** Maps an offset to a code point in the normalised text, or undefined when it falls outside the text. */
function toCodePoint(p: Prepared, pos: number, m: PositionModel): number | undefined {
  const u = refOffset(p, pos, m);
  if (u === undefined) return undefined;
  const normU = m.crlfAsTwo ? (p.rawToNorm ??= rawToNormalizedOffsets(p.raw))(u) : u;
  return normIndexOf(p).utf16ToCp(normU);
}

export interface Fit {
  inside: number;
  onBoundary: number;
  ends: number;
}

const MODELS: PositionModel[] = [
  { unit: 'codepoint', crlfAsTwo: true },
  { unit: 'codepoint', crlfAsTwo: false },
  { unit: 'utf16', crlfAsTwo: true },
  { unit: 'utf16', crlfAsTwo: false },
];
const modelKey = (m: PositionModel): number => (m.unit === 'utf16' ? 2 : 0) + (m.crlfAsTwo ? 0 : 1);

/**
 * What choosing the unit needs to know of one source, taken while its
 * selections are at hand (the import stages them away as it reads): whether
 * it has coded text, emoji or CRLF, and how its selections fit under each
 * reading. Fits add up over sources, so the choice is the same as measuring
 * every selection at once.
 */
export interface SourceFit {
  coded: boolean;
  astral: boolean;
  crlf: boolean;
  /** By modelKey; only for a coded source with emoji or CRLF, and only when the origin does not settle the unit. */
  fits?: Fit[];
}

function measureOne(prep: Prepared, sels: RawSelection[], m: PositionModel, fit: Fit): void {
  const ref = m.crlfAsTwo ? prep.raw : prep.norm;
  for (const s of sels) {
    if (s.wholeSource) continue;
    fit.ends += 2;
    const a = refOffset(prep, s.start, m);
    const b = refOffset(prep, s.end, m);
    if (a === undefined || b === undefined || b < a) continue;
    fit.inside += 1;
    fit.onBoundary += (isWordBoundary(ref, a) ? 1 : 0) + (isWordBoundary(ref, b) ? 1 : 0);
  }
}

/** Does the origin alone settle how positions are counted (NVivo's habit, or a profile Quarry wrote)? */
export function originSettlesUnit(origin: string | undefined): boolean {
  return profileOfOrigin(origin) !== undefined || (origin !== undefined && /nvivo/i.test(origin));
}

export function sourceFit(raw: RawTextSource, origin: string | undefined): SourceFit {
  const coded = raw.selections.some((x) => !x.wholeSource);
  const fit: SourceFit = { coded, astral: coded && ASTRAL_RE.test(raw.rawText), crlf: coded && raw.rawText.includes('\r\n') };
  if ((fit.astral || fit.crlf) && !originSettlesUnit(origin)) {
    const prep = prepare(raw.rawText);
    fit.fits = MODELS.map((m) => {
      const f: Fit = { inside: 0, onBoundary: 0, ends: 0 };
      measureOne(prep, raw.selections, m, f);
      return f;
    });
  }
  return fit;
}

function measure(sources: SourceFit[], m: PositionModel): Fit {
  const total: Fit = { inside: 0, onBoundary: 0, ends: 0 };
  for (const s of sources) {
    const f = s.fits?.[modelKey(m)];
    if (!f) continue;
    total.inside += f.inside;
    total.onBoundary += f.onBoundary;
    total.ends += f.ends;
  }
  return total;
}

function better(a: Fit, b: Fit): boolean {
  return a.inside > b.inside || (a.inside === b.inside && a.onBoundary > b.onBoundary);
}

function describeFit(f: Fit): string {
  const outside = f.ends / 2 - f.inside;
  return `${f.onBoundary} of ${f.ends}${outside > 0 ? ` (and leaves ${outside} selection(s) outside their text)` : ''}`;
}

export function choosePositionModel(origin: string | undefined, sources: SourceFit[]): { model: PositionModel; reason: string } {
  const coded = sources.filter((s) => s.coded);
  // Quarry names the profile it wrote for in the origin ("Quarry (for NVivo)"): its unit, whatever the program named.
  const profile = profileOfOrigin(origin);
  const nvivo = profile === undefined && origin !== undefined && /nvivo/i.test(origin);
  const quarry = profile !== undefined;
  const astral = coded.filter((s) => s.astral);
  const crlf = coded.filter((s) => s.crlf);

  let unit: RefiPositionUnit = 'codepoint';
  let unitReason: string;
  if (nvivo) {
    unit = 'utf16';
    unitReason = `origin "${origin}": NVivo counts offsets in UTF-16 code units (an emoji counts as 2), not in code points as the spec says (real NVivo 12 exports for Windows and Mac show this)`;
  } else if (quarry) {
    unit = profile.positions;
    unitReason =
      profile.positions === 'utf16'
        ? `origin "${origin}": Quarry wrote this file for ${profile.label}, in UTF-16 units (an emoji counts as 2)`
        : `origin "${origin}": Quarry writes code points, as the spec says`;
  } else if (coded.length === 0) {
    unitReason = 'the project has no text selections, so the unit does not matter; code points (REFI-QDA §10.2) assumed';
  } else if (astral.length === 0) {
    unitReason =
      'no coded text contains characters outside the Basic Multilingual Plane (such as emoji), so code points and UTF-16 units give the same offsets; code points (REFI-QDA §10.2) assumed';
  } else {
    // Line-break counting is not settled yet: give each unit its better reading of it.
    const bestOf = (u: RefiPositionUnit): Fit => {
      const two = measure(astral, { unit: u, crlfAsTwo: true });
      const one = measure(astral, { unit: u, crlfAsTwo: false });
      return better(one, two) ? one : two;
    };
    const cp = bestOf('codepoint');
    const u16 = bestOf('utf16');
    unit = better(u16, cp) ? 'utf16' : 'codepoint';
    const who = origin ? `"${origin}" is not a tool whose unit Quarry knows, so it measured` : 'the file names no exporting tool, so Quarry measured';
    unitReason =
      `${who} on texts with emoji or other characters outside the Basic Multilingual Plane: counting UTF-16 units puts ${describeFit(u16)} selection ends on word boundaries, ` +
      `counting code points ${describeFit(cp)}; ${unit === 'utf16' ? 'UTF-16 units' : 'code points'} assumed` +
      (unit === 'codepoint' && !better(cp, u16) ? ' (no difference, so the spec’s rule)' : '');
  }

  let crlfAsTwo = true;
  let crlfReason = '';
  if (crlf.length > 0) {
    if (nvivo) {
      crlfReason = '; the texts have CRLF line breaks, which NVivo counts as two characters';
    } else if (quarry) {
      crlfReason = '; Quarry counts every character of the text file it wrote, so a CRLF counts as two';
    } else {
      const two = measure(crlf, { unit, crlfAsTwo: true });
      const one = measure(crlf, { unit, crlfAsTwo: false });
      crlfAsTwo = !better(one, two);
      crlfReason =
        `; the texts have CRLF line breaks: counting them as two characters puts ${describeFit(two)} selection ends on word boundaries, as one ${describeFit(one)}, ` +
        `so Quarry counted them as ${crlfAsTwo ? 'two' : 'one'}`;
    }
  }
  return { model: { unit, crlfAsTwo }, reason: unitReason + crlfReason };
}

function skipSelection(skipped: RefiSkipped[], source: { name: string }, sel: RawSelection, reason: string): void {
  skipped.push({ kind: 'selection', name: sel.name ?? source.name, reason: `in "${source.name}", ${reason}` });
  for (let i = 0; i < sel.codings.length; i++) skipped.push({ kind: 'coding', name: sel.name ?? source.name, reason: 'its selection was skipped' });
}

/** A raw selection at its converted place, with the optional fields it has. */
function convertedSelection(sel: RawSelection, start: number, end: number): RefiSelection {
  const { guid, codings, noteGuids, creatingUserGuid, creationDateTime } = sel;
  const plain = sel.name === undefined && sel.modifyingUserGuid === undefined && sel.modifiedDateTime === undefined && sel.description === undefined;
  // The usual selection (who made it and when, nothing more) in one literal: a property added later would cost each of a million selections a second block of memory.
  if (plain && creatingUserGuid !== undefined && creationDateTime !== undefined) return { guid, start, end, codings, noteGuids, creatingUserGuid, creationDateTime };
  const converted: RefiSelection = { guid, start, end, codings, noteGuids };
  if (sel.name !== undefined) converted.name = sel.name;
  if (creatingUserGuid !== undefined) converted.creatingUserGuid = creatingUserGuid;
  if (creationDateTime !== undefined) converted.creationDateTime = creationDateTime;
  if (sel.modifyingUserGuid !== undefined) converted.modifyingUserGuid = sel.modifyingUserGuid;
  if (sel.modifiedDateTime !== undefined) converted.modifiedDateTime = sel.modifiedDateTime;
  if (sel.description !== undefined) converted.description = sel.description;
  return converted;
}

/** A raw source → a model source with normalised text and no selections yet (convertSelections gives them). */
export function convertSourceText(raw: RawTextSource, model: PositionModel): RefiTextSource {
  const prep = prepare(raw.rawText);
  const out: RefiTextSource = { guid: raw.guid, name: raw.name, text: prep.norm, selections: [], noteGuids: raw.noteGuids, values: raw.values };
  if (raw.originalExt !== undefined) out.originalExt = raw.originalExt;
  if (raw.description !== undefined) out.description = raw.description;
  if (raw.creatingUserGuid !== undefined) out.creatingUserGuid = raw.creatingUserGuid;
  if (raw.creationDateTime !== undefined) out.creationDateTime = raw.creationDateTime;
  if (raw.modifyingUserGuid !== undefined) out.modifyingUserGuid = raw.modifyingUserGuid;
  if (raw.modifiedDateTime !== undefined) out.modifiedDateTime = raw.modifiedDateTime;
  if (raw.recording) {
    const points = raw.recording.syncPoints.flatMap((sp) => {
      const position = toCodePoint(prep, sp.position, model);
      return position === undefined ? [] : [{ position, timeMs: sp.timeMs }];
    });
    const { syncPoints: _written, ...rest } = raw.recording;
    out.recording = { ...rest, lines: linesFromSyncPoints(prep.norm, points) };
  }
  return out;
}

/**
 * A source's raw selections → code-point selections over its normalised
 * text (`norm`, as convertSourceText gave it); unusable ones are skipped
 * into `skipped`.
 */
export function convertSelections(skipped: RefiSkipped[], source: { name: string; rawText: string }, norm: string, selections: RawSelection[], model: PositionModel): RefiSelection[] {
  const prep: Prepared = { raw: source.rawText, norm };
  const out: RefiSelection[] = [];
  for (const sel of selections) {
    let start: number | undefined = 0;
    let end: number | undefined = normIndexOf(prep).length;
    if (!sel.wholeSource) {
      if (sel.end < sel.start) {
        skipSelection(skipped, source, sel, `it ends (${sel.end}) before it starts (${sel.start})`);
        continue;
      }
      start = toCodePoint(prep, sel.start, model);
      end = toCodePoint(prep, sel.end, model);
      if (start === undefined || end === undefined) {
        skipSelection(skipped, source, sel, `it runs from ${sel.start} to ${sel.end}, outside the text (${refLength(prep, model)} characters)`);
        continue;
      }
    }
    if (end <= start) {
      skipSelection(skipped, source, sel, 'it selects no text');
      continue;
    }
    out.push(convertedSelection(sel, start, end));
  }
  return out;
}

/** Raw sources → model sources with code-point offsets over normalised text; unusable selections are skipped. Empties each raw source's selections as it goes. */
export function convertSources(ctx: ReadContext, sources: RawTextSource[], model: PositionModel): RefiTextSource[] {
  return sources.map((raw) => {
    const out = convertSourceText(raw, model);
    out.selections = convertSelections(ctx.skipped, raw, out.text, raw.selections, model);
    // The raw selections are done with: dropping them now keeps one source's worth of both kinds alive, not every source's.
    raw.selections = [];
    return out;
  });
}
