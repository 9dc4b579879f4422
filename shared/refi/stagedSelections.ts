/**
 * A REFI-QDA import's selections, one source at a time (issues 16 and 19:
 * import a million codings in bounded memory).
 *
 * The reader stages each source's selections in a spool as soon as it has
 * read them (stageSelections), keeping only what choosing the position unit
 * needs (SourceFit). Converting them to code points, giving a duplicated
 * GUID a new one, turning note anchors into annotations and dropping
 * references to what was not imported (refiLinks.ts), and the import plan's
 * own checks, then happen per source when the planner takes it (take).
 *
 * What a step says about one source — skipped items, warnings — goes into a
 * slot made where reading every source at once would have said it, so the
 * report is item for item what it always was. Facts that cross sources are
 * gathered first by a pre-pass over the few sources that have them: how
 * often each note is referred to (an anchor is an annotation only when it is
 * its note's one reference), which selections cases refer to, and which
 * folder codes are applied.
 */
import { QuarryError } from '../errors.js';
import { GuidSet } from './guidSet.js';
import { derivedGuid } from './refiGuid.js';
import { fixGuid } from './importGuid.js';
import { DeferredInserts } from './deferredInserts.js';
import type { RefiCode, RefiNote, RefiSelection, RefiSkipped, RefiTextSource } from './refiModel.js';
import type { RawSelection, RawTextSource } from './qdeSources.js';
import { convertSelections, convertSourceText, sourceFit, type PositionModel, type SourceFit } from './refiPositions.js';
import type { SelectionSpool, SpoolRef } from './selectionSpool.js';
import { importWorkDone } from './importMemory.js';
import { decodeRawSelections, encodeRawSelections, type RawSelectionsRecord } from './spoolRecords.js';

/** What stays of a raw source's selections once they are in the spool. */
export interface StagedRaw {
  ref: SpoolRef;
  fit: SourceFit;
  /** A selection or coding of it refers to a note. */
  noteRefs: boolean;
  /** The codes its codings apply (distinct, as the file wrote them). */
  codeGuids: string[];
}

export function stageSelections(raw: RawTextSource, spool: SelectionSpool, origin: string | undefined): void {
  if (raw.staged) return;
  const fit = sourceFit(raw, origin);
  let noteRefs = false;
  const codes = new Set<string>();
  for (const sel of raw.selections) {
    if (sel.noteGuids.length > 0) noteRefs = true;
    for (const c of sel.codings) {
      codes.add(c.codeGuid);
      if (c.noteGuids.length > 0) noteRefs = true;
    }
  }
  raw.staged = { ref: spool.put(encodeRawSelections(raw.selections)), fit, noteRefs, codeGuids: [...codes] };
  importWorkDone(raw.selections.length);
  raw.selections = [];
}

type Prune = (skipped: RefiSkipped[], refs: string[], owner: string) => string[];

interface Entry {
  raw: RawTextSource;
  source: RefiTextSource;
  /** Where converting its selections reports what it skips. */
  convertSkips: RefiSkipped[];
  dupWarnings?: string[];
  linkSkips?: RefiSkipped[];
  prune?: Prune;
  /** Folder codes its kept codings apply (pre-pass). */
  folderCodes?: string[];
  done: boolean;
}

export class StagedSelections {
  readonly skips = new DeferredInserts<RefiSkipped>();
  readonly warnings = new DeferredInserts<string>();
  /** The model sources, each knowing its staged index; their selections stay empty. */
  readonly sources: RefiTextSource[];
  private readonly entries: Entry[];
  private seen = new GuidSet();
  private noteRefCount: Map<string, number> | undefined;
  private notes = new Map<string, RefiNote>();
  private caseSelections = new Set<string>();
  private next = 0;
  private order: number[] = [];

  constructor(
    skipped: RefiSkipped[],
    private readonly spool: SelectionSpool,
    private readonly model: PositionModel,
    raws: RawTextSource[],
  ) {
    // Converting every source's selections came right after reading: each source's skipped items go there.
    this.entries = raws.map((raw, i) => {
      const source = convertSourceText(raw, model);
      source.staged = i;
      return { raw, source, convertSkips: this.skips.slot(skipped), done: false };
    });
    this.sources = this.entries.map((e) => e.source);
  }

  private rawSelections(e: Entry): RawSelection[] {
    return e.raw.staged ? decodeRawSelections(this.spool.get<RawSelectionsRecord>(e.raw.staged.ref)) : e.raw.selections;
  }

  private convert(e: Entry, skipped: RefiSkipped[]): RefiSelection[] {
    return convertSelections(skipped, e.raw, e.source.text, this.rawSelections(e), this.model);
  }

  /** A source another with its GUID came before: its selections are converted (and what that skips told) and each coding reported. */
  dropDuplicate(source: RefiTextSource, codingSkips: RefiSkipped[]): void {
    const e = this.entries[source.staged!]!;
    e.done = true;
    for (const sel of this.convert(e, e.convertSkips)) for (let i = 0; i < sel.codings.length; i++) codingSkips.push({ kind: 'coding', name: source.name, reason: 'its source was skipped' });
  }

  /** The kept sources, in order: where each one's duplicate-GUID warnings go. */
  keep(sources: RefiTextSource[], warnings: string[]): void {
    this.order = sources.map((s) => s.staged!);
    for (const i of this.order) this.entries[i]!.dupWarnings = this.warnings.slot(warnings);
  }

  /**
   * The facts that cross sources, from the kept sources that have them:
   * how many kept selections and codings refer to each note, which of the
   * selections cases refer to are there, and the folder codes kept codings
   * apply. Returns the case-referenced selections that are there.
   */
  prePass(notes: RefiNote[], caseSelectionRefs: Set<string>, codes: RefiCode[]): Set<string> {
    const folders = new Set<string>();
    const collect = (list: RefiCode[]): void => list.forEach((c) => (c.isCodable || folders.add(fixGuid(c.guid)), collect(c.children)));
    collect(codes);
    this.notes = new Map(notes.map((n) => [n.guid, n]));
    const counts = new Map<string, number>();
    const count = (guids: string[]): void => guids.forEach((g) => counts.set(g, (counts.get(g) ?? 0) + 1));
    const present = new Set<string>();
    for (const i of this.order) {
      const e = this.entries[i]!;
      const staged = e.raw.staged;
      const usesFolder = folders.size > 0 && (staged ? staged.codeGuids.some((g) => folders.has(fixGuid(g))) : true);
      if (staged && !staged.noteRefs && !usesFolder && caseSelectionRefs.size === 0) continue;
      const used = new Set<string>();
      for (const sel of this.convert(e, [])) {
        count(sel.noteGuids);
        for (const c of sel.codings) {
          count(c.noteGuids);
          if (folders.has(fixGuid(c.codeGuid))) used.add(fixGuid(c.codeGuid));
        }
        if (caseSelectionRefs.has(sel.guid)) present.add(sel.guid);
      }
      e.folderCodes = [...used];
    }
    this.noteRefCount = counts;
    return present;
  }

  /** Where a kept source's selection-level reference checks report. */
  pruneLater(source: RefiTextSource, skipped: RefiSkipped[], prune: Prune): void {
    const e = this.entries[source.staged!]!;
    e.linkSkips = this.skips.slot(skipped);
    e.prune = prune;
  }

  /** Case selection references, as the file had them (an anchor a case refers to stays a selection). */
  setCaseSelections(guids: Set<string>): void {
    this.caseSelections = guids;
  }

  /** Folder codes applied by the kept codings of these sources. */
  folderCodesOf(sources: RefiTextSource[]): Set<string> {
    return new Set(sources.flatMap((s) => (s.staged === undefined ? [] : (this.entries[s.staged]!.folderCodes ?? []))));
  }

  /**
   * A kept source's selections, converted and linked, as reading them all
   * at once gave them. Sources are taken in order; one the planner passes
   * over (it dropped it) is still read when a later one is taken, so its
   * GUIDs, warnings and skipped items count as they always did.
   */
  take(source: RefiTextSource): RefiSelection[] {
    const target = source.staged!;
    for (;;) {
      const i = this.order[this.next];
      if (i === undefined) throw new QuarryError('internal', `REFI-QDA import: the staged source ${target} was taken out of order.`);
      this.next++;
      const sels = this.link(this.entries[i]!);
      if (i === target) return sels;
    }
  }

  /** Reads the kept sources nobody took (what they report still counts). */
  finish(): void {
    while (this.next < this.order.length) this.link(this.entries[this.order[this.next++]!]!);
    // Every selection is read: their GUIDs (16 MB a million) are no longer needed.
    this.seen = new GuidSet();
  }

  private link(e: Entry): RefiSelection[] {
    if (e.done) return [];
    e.done = true;
    const s = e.source;
    const selections = this.convert(e, e.convertSkips);
    importWorkDone(selections.length);
    for (const sel of selections) {
      if (!this.seen.add(sel.guid)) {
        const fresh = derivedGuid('duplicate-selection', s.guid, sel.guid, String(sel.start), String(sel.end));
        e.dupWarnings?.push(`Two selections share the GUID ${sel.guid}; Quarry gave the one in "${s.name}" at ${sel.start}–${sel.end} the new GUID ${fresh}.`);
        sel.guid = fresh;
        this.seen.add(fresh);
      }
    }
    const kept = this.noteRefCount && this.noteRefCount.size > 0 ? selections.filter((sel) => !this.anchorsNote(s, sel)) : selections;
    const prune = e.prune;
    if (prune && e.linkSkips) {
      for (const sel of kept) {
        sel.noteGuids = prune(e.linkSkips, sel.noteGuids, sel.name ?? s.name);
        for (const c of sel.codings) c.noteGuids = prune(e.linkSkips, c.noteGuids, sel.name ?? s.name);
      }
    }
    return kept;
  }

  /** A selection that only anchors a note (refiLinks.ts extractAnnotations): the note takes its range. */
  private anchorsNote(s: RefiTextSource, sel: RefiSelection): boolean {
    const noteGuid = sel.noteGuids[0];
    const note = noteGuid === undefined ? undefined : this.notes.get(noteGuid);
    const bare = sel.codings.length === 0 && sel.name === undefined && sel.description === undefined && sel.noteGuids.length === 1;
    if (!bare || !note || note.selection || this.noteRefCount?.get(note.guid) !== 1 || this.caseSelections.has(sel.guid)) return false;
    note.selection = { sourceGuid: s.guid, start: sel.start, end: sel.end };
    return true;
  }
}
