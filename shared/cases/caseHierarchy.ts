/**
 * Cases nested in cases (pupils in schools, respondents in firms) and what
 * nesting means for values: an attribute of classification K, asked of a
 * case, is read from the nearest case up the chain (the case itself first)
 * that is of K or holds a value of its own — so a pupil's sources are
 * "in a rural school" when the pupil's school is rural. A project without
 * nesting reads every case's own value, exactly as before.
 */
import type { AttributeValue } from './attributeTypes.js';

export interface CaseNode {
  id: number;
  parentId: number | null;
  classificationId: number | null;
}

export class CaseHierarchy {
  private readonly nodes: Map<number, CaseNode>;
  private readonly kids = new Map<number, number[]>();

  constructor(rows: Iterable<CaseNode>) {
    this.nodes = new Map([...rows].map((r) => [r.id, r]));
    for (const n of this.nodes.values()) {
      if (n.parentId === null || !this.nodes.has(n.parentId)) continue;
      const list = this.kids.get(n.parentId) ?? [];
      list.push(n.id);
      this.kids.set(n.parentId, list);
    }
  }

  classificationOf(id: number): number | null {
    return this.nodes.get(id)?.classificationId ?? null;
  }

  parentOf(id: number): number | null {
    return this.nodes.get(id)?.parentId ?? null;
  }

  /** The case, its parent, grandparent… (stops at a cycle another program may have written). */
  chain(id: number): number[] {
    const out: number[] = [];
    for (let at: number | null = id; at !== null && this.nodes.has(at) && !out.includes(at); at = this.parentOf(at)) out.push(at);
    return out;
  }

  /** The case and everything nested under it. */
  subtree(id: number): number[] {
    const out = [id];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      for (const k of this.kids.get(out[i]!) ?? []) {
        if (!seen.has(k)) {
          seen.add(k);
          out.push(k);
        }
      }
    }
    return out;
  }

  children(id: number | null): number[] {
    if (id === null) return [...this.nodes.values()].filter((n) => n.parentId === null || !this.nodes.has(n.parentId)).map((n) => n.id);
    return this.kids.get(id) ?? [];
  }

  /** The cases of a classification a case counts toward: itself or its ancestors of that classification. */
  unitsOf(id: number, classificationId: number): number[] {
    return this.chain(id).filter((c) => this.classificationOf(c) === classificationId);
  }

  /** Would putting `id` under `parentId` make a case its own ancestor? */
  wouldCycle(id: number, parentId: number): boolean {
    return this.chain(parentId).includes(id);
  }

  /** The value an attribute of `classificationId` has for a case, following the chain (see above). */
  effectiveValue(id: number, classificationId: number | null, stored: (caseId: number) => AttributeValue | undefined): AttributeValue | undefined {
    for (const c of this.chain(id)) {
      const v = stored(c);
      if (v !== undefined || (classificationId !== null && this.classificationOf(c) === classificationId)) return v;
    }
    return undefined;
  }
}
