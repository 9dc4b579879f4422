/**
 * A project on its way into a REFI-QDA file with its bulk read a source at
 * a time. The small parts (users, codes, cases, variables, notes, sets,
 * each source's metadata and recording) are a model in memory; each
 * source's text and selections are read when that source is written and
 * dropped after, so an export of a million codings never holds more than
 * one source's selections (issue 16). A model already in memory (an
 * import's, a test's) is streamed the same way (streamOfModel).
 */
import type { RefiProject, RefiSelection, RefiTextSource } from './refiModel.js';

/** One source's bulk: its text and its selections in the order the file lists them. */
export interface SourceContent {
  text: string;
  selections: RefiSelection[];
}

/** What an export profile's change list counts of one source's selections. */
export interface SelectionCounts {
  selections: number;
  /** Notes its codings refer to. */
  codingNotes: string[];
  /** Coding memos a note+description profile copies into Descriptions (of selections without one). */
  copied: number;
}

export interface RefiExportStream {
  /** Everything but the sources' bulk: every source's `text` is '' and its `selections` empty here. */
  project: RefiProject;
  /** The bulk of `project.sources[index]`, read afresh on each call. */
  content(index: number): SourceContent;
  /** Only the text of `project.sources[index]` (the package's text files come after project.qde). */
  text(index: number): string;
  /** The counts of `project.sources[index]`'s selections without building them (a database counts them with SQL); else they are counted from content(). */
  counts?(index: number): SelectionCounts;
}

/** The counts of selections already built. */
export function countSelections(selections: readonly RefiSelection[]): SelectionCounts {
  const codingNotes: string[] = [];
  let copied = 0;
  for (const sel of selections) {
    let n = 0;
    for (const c of sel.codings) {
      n += c.noteGuids.length;
      codingNotes.push(...c.noteGuids);
    }
    if (n > 0 && sel.description === undefined) copied += n;
  }
  return { selections: selections.length, codingNotes, copied };
}

/** A source without its bulk. */
export const withoutBulk = (s: RefiTextSource): RefiTextSource => ({ ...s, text: '', selections: [] });

export function streamOfModel(model: RefiProject): RefiExportStream {
  return {
    project: { ...model, sources: model.sources.map(withoutBulk) },
    content: (i) => ({ text: model.sources[i]!.text, selections: model.sources[i]!.selections }),
    text: (i) => model.sources[i]!.text,
  };
}

/** The whole model (every source's bulk read at once): for callers that want a model, never for a large export. */
export function modelOfStream(stream: RefiExportStream): RefiProject {
  return { ...stream.project, sources: stream.project.sources.map((s, i) => ({ ...s, ...stream.content(i) })) };
}
