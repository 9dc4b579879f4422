/**
 * The classification side of a merge: their classifications (matched by
 * GUID, then by name), which classification each case has and which case
 * it is nested under. A case of mine that has no parent (or no
 * classification) takes theirs; where both sides have a different one it
 * is a conflict, mine kept unless the user takes theirs. A parent that
 * would put a case under itself is never written.
 */
import type { Ref } from '../domain/mergePlanTypes.js';
import type { MergeContext } from './mergePlanner.js';

const refKey = (r: Ref): string => ('id' in r ? `id:${r.id}` : `key:${r.key}`);
const sameRef = (r: Ref | null | undefined, id: number | null): boolean => (r === null || r === undefined ? id === null : 'id' in r && r.id === id);

export function planClassifications(m: MergeContext): void {
  for (const k of m.theirs.classifications) {
    const mine = m.mine.classifications.find((x) => x.guid === k.guid) ?? m.mine.classifications.find((x) => x.name.toLowerCase() === k.name.toLowerCase());
    if (mine) {
      m.classifications.set(k.id, { id: mine.id });
      m.plan.summary.classifications.matched.push({ mine: mine.name, theirs: k.name, by: mine.guid === k.guid ? 'guid' : 'name' });
      continue;
    }
    const key = `classification:${k.id}`;
    m.plan.classifications.push({ key, guid: m.guidFor(k.guid, m.mine.classifications), name: k.name, description: k.description });
    m.classifications.set(k.id, { key });
    m.plan.summary.classifications.added.push(k.name);
  }
}

/** A new case's classification: theirs, mapped to mine or a new one. */
export function newCaseClassification(m: MergeContext, theirClassificationId: number | null): { classification: Ref | null } {
  return { classification: theirClassificationId === null ? null : (m.classifications.get(theirClassificationId) ?? null) };
}

export function planCaseTree(m: MergeContext): void {
  const myCases = new Map(m.mine.cases.map((c) => [c.id, c]));
  const theirCases = new Map(m.theirs.cases.map((c) => [c.id, c]));
  const myClassName = new Map(m.mine.classifications.map((k) => [k.id, k.name]));
  const theirClassName = new Map(m.theirs.classifications.map((k) => [k.id, k.name]));
  // The tree as it will be: every case's parent, by reference key, to refuse a loop.
  const parentOf = new Map<string, string | null>();
  for (const c of m.mine.cases) parentOf.set(`id:${c.id}`, c.parentId === null ? null : `id:${c.parentId}`);
  const wouldLoop = (child: string, parent: string): boolean => {
    for (let at: string | null | undefined = parent, n = 0; at && n <= parentOf.size; at = parentOf.get(at), n++) if (at === child) return true;
    return false;
  };

  for (const c of m.theirs.cases) {
    const ref = m.cases.get(c.id);
    if (!ref) continue;
    const theirParent = c.parentId === null ? null : (m.cases.get(c.parentId) ?? null);
    const mine = 'id' in ref ? myCases.get(ref.id) : undefined;
    const change: { case: Ref; parent?: Ref | null; classification?: Ref | null } = { case: ref };

    if (theirParent && !sameRef(theirParent, mine ? mine.parentId : null)) {
      let take = !mine || mine.parentId === null;
      if (!take && mine) {
        const choice = m.decide({
          id: `case-parent:${c.guid}`,
          kind: 'case parent',
          subject: mine.name,
          mine: myCases.get(mine.parentId!)?.name ?? '',
          theirs: theirCases.get(c.parentId!)?.name ?? '',
          choices: ['mine', 'theirs'],
          default: 'mine',
          explain: { mine: 'keep it where it is in my project', theirs: `move it under ${theirCases.get(c.parentId!)?.name ?? 'their parent case'}` },
        });
        take = choice === 'theirs';
      }
      if (take && !wouldLoop(refKey(ref), refKey(theirParent))) {
        parentOf.set(refKey(ref), refKey(theirParent));
        change.parent = theirParent;
        m.plan.summary.caseTree.nested++;
      }
    }

    const theirClass = c.classificationId === null ? undefined : m.classifications.get(c.classificationId);
    if (mine && theirClass && !sameRef(theirClass, mine.classificationId)) {
      let take = mine.classificationId === null;
      if (!take) {
        const choice = m.decide({
          id: `case-classification:${c.guid}`,
          kind: 'case classification',
          subject: mine.name,
          mine: myClassName.get(mine.classificationId!) ?? '',
          theirs: theirClassName.get(c.classificationId!) ?? '',
          choices: ['mine', 'theirs'],
          default: 'mine',
          explain: { mine: 'keep my classification', theirs: `classify it as ${theirClassName.get(c.classificationId!) ?? 'theirs'} (its values of my classification's attributes stay stored)` },
        });
        take = choice === 'theirs';
      }
      if (take) {
        change.classification = theirClass;
        m.plan.summary.caseTree.classified++;
      }
    }
    if (change.parent !== undefined || change.classification !== undefined) m.plan.caseTree.push(change);
  }
}
