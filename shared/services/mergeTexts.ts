/**
 * The texts a merge brings in, checked against their recorded lengths: a
 * source whose text is damaged is left out with what hangs off it, and the
 * merge planned again. Written once for both places that plan a merge (the
 * reader process, and the app when the project changed meanwhile).
 */
import type { MergeSkipped } from '../domain/mergeTypes.js';
import type { MergePlan } from '../domain/mergePlanTypes.js';
import { withoutSources } from '../foreign/checkSnapshot.js';
import type { ProjectSnapshot } from '../store/snapshotStore.js';
import { codePointLength } from '../text/positions.js';

export interface PlannedMerge {
  plan: MergePlan;
  /** Their project as planned (without damaged sources). */
  theirs: ProjectSnapshot;
  /** Texts of the sources the plan adds, by their id in the other file. */
  texts: Map<number, string>;
}

/** The sources (and transcripts brought to a recording of mine) a plan needs the texts of. */
export const textsWanted = (plan: MergePlan): { theirId: number; name: string; characters: number }[] => [...plan.sources, ...plan.transcripts];

/** The texts the plan brings in that are not the length recorded for them. */
function damagedSources(plan: MergePlan, texts: Map<number, string>): { theirId: number; name: string; characters: number }[] {
  return textsWanted(plan).filter((s) => {
    const text = texts.get(s.theirId);
    return typeof text !== 'string' || codePointLength(text) !== s.characters;
  });
}

/** Re-plans (with `replan`) without the damaged sources (each reported in `skipped`); the plan as it was when none is damaged. */
export function withoutDamagedTexts(planned: PlannedMerge, replan: (theirs: ProjectSnapshot) => MergePlan, skipped: MergeSkipped[]): PlannedMerge {
  const damaged = damagedSources(planned.plan, planned.texts);
  if (damaged.length === 0) return planned;
  for (const s of damaged) skipped.push({ kind: 'source', name: s.name, reason: `its text in the file is damaged (it is not ${s.characters} characters long)` });
  const theirs = withoutSources(planned.theirs, new Set(damaged.map((s) => s.theirId)));
  return { plan: replan(theirs), theirs, texts: planned.texts };
}
