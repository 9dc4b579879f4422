/**
 * The small tables every query needs in memory — sources, cases, codes
 * with their paths and descendants, coders, case spans — read once per
 * query. Also resolves what users name (code paths, coders) into ids with
 * messages that point at the problem.
 */
import type Database from 'better-sqlite3';
import { joinPath } from '../domain/codePath.js';
import { QuarryError } from '../errors.js';
import { findCodeByPath } from '../services/codeService.js';
import { changeKey } from '../store/changeCounter.js';
import {
  caseNameRows,
  caseSpanRows,
  codeLookupRows,
  coderRows,
  sourceLookupRows,
  type CaseSpanLookupRow,
  type CodeLookupRow,
  type SourceLookupRow,
} from '../store/queryStore.js';
import type { CodeRef } from './types.js';

export interface CodeInfo extends CodeLookupRow {
  path: string;
}

const cache = new WeakMap<Database.Database, { key: string; lookup: ProjectLookup }>();

export class ProjectLookup {
  readonly sources: Map<number, SourceLookupRow>;
  readonly caseNames: Map<number, string>;
  readonly coders: Map<number, string>;
  private codeMap: Map<number, CodeInfo> | undefined;
  private order: CodeInfo[] = [];
  private readonly childIds = new Map<number | null, number[]>();
  private readonly spans = new Map<number, CaseSpanLookupRow[]>();
  private readonly descendantCache = new Map<number, number[]>();

  /** The lookup for the project as it is now (reused until anything in the project changes). */
  static of(db: Database.Database): ProjectLookup {
    const key = changeKey(db);
    const hit = cache.get(db);
    if (hit && hit.key === key) return hit.lookup;
    const lookup = new ProjectLookup(db);
    cache.set(db, { key, lookup });
    return lookup;
  }

  private constructor(readonly db: Database.Database) {
    this.sources = new Map(sourceLookupRows(db).map((s) => [s.id, s]));
    this.caseNames = new Map(caseNameRows(db).map((c) => [c.id, c.name]));
    this.coders = new Map(coderRows(db).map((c) => [c.id, c.name]));
    for (const s of caseSpanRows(db)) {
      const list = this.spans.get(s.sourceId) ?? [];
      list.push(s);
      this.spans.set(s.sourceId, list);
    }
  }

  get codes(): Map<number, CodeInfo> {
    if (!this.codeMap) this.loadCodes();
    return this.codeMap!;
  }

  /** Codes in tree (pre-)order. */
  get codeOrder(): CodeInfo[] {
    if (!this.codeMap) this.loadCodes();
    return this.order;
  }

  private loadCodes(): void {
    const rows = codeLookupRows(this.db);
    for (const r of rows) {
      const list = this.childIds.get(r.parentId) ?? [];
      list.push(r.id);
      this.childIds.set(r.parentId, list);
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    const codes = new Map<number, CodeInfo>();
    const walk = (parent: number | null, prefix: string[]) => {
      for (const id of this.childIds.get(parent) ?? []) {
        const r = byId.get(id)!;
        const info: CodeInfo = { ...r, path: joinPath([...prefix, r.name]) };
        codes.set(id, info);
        this.order.push(info);
        walk(id, [...prefix, r.name]);
      }
    };
    walk(null, []);
    this.codeMap = codes;
  }

  private rank: Map<number, number> | undefined;

  /** A source's place in name order (for sorting results the way source lists are sorted). */
  sourceRank(sourceId: number): number {
    if (!this.rank) this.rank = new Map([...this.sources.keys()].map((id, i) => [id, i]));
    return this.rank.get(sourceId) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Case spans of a source, by start. */
  caseSpansOf(sourceId: number): readonly CaseSpanLookupRow[] {
    return this.spans.get(sourceId) ?? [];
  }

  get hasCaseSpans(): boolean {
    return this.spans.size > 0;
  }

  children(codeId: number | null): number[] {
    if (!this.codeMap) this.loadCodes();
    return this.childIds.get(codeId) ?? [];
  }

  /** A code and all its descendants. */
  descendants(codeId: number): number[] {
    let ids = this.descendantCache.get(codeId);
    if (!ids) {
      ids = [codeId];
      for (let i = 0; i < ids.length; i++) ids.push(...this.children(ids[i]!));
      this.descendantCache.set(codeId, ids);
    }
    return ids;
  }

  /** The code a reference names; unknown paths and ids are errors that name them. */
  code(ref: CodeRef): CodeInfo {
    if (ref.codeId !== undefined) {
      const c = this.codes.get(ref.codeId);
      if (!c) throw new QuarryError('not_found', `There is no code with id ${ref.codeId} (it may have been deleted).`, { codeId: ref.codeId });
      return c;
    }
    const id = findCodeByPath(this.db, ref.path);
    if (id === undefined) throw new QuarryError('not_found', `There is no code “${ref.path}”.`, { code: ref.path });
    return this.codes.get(id)!;
  }

  coderId(name: string): number {
    for (const [id, n] of this.coders) if (n === name) return id;
    throw new QuarryError('not_found', `There is no coder “${name}” in this project.`, { coder: name });
  }

  caseId(name: string): number {
    for (const [id, n] of this.caseNames) if (n === name) return id;
    throw new QuarryError('not_found', `There is no case “${name}”.`, { case: name });
  }

  /**
   * The cases a passage belongs to: the cases whose case spans it touches,
   * plus the source's own case when some of it lies outside every span.
   */
  casesOf(sourceId: number, start: number, end: number): number[] {
    const own = this.sources.get(sourceId)?.caseId ?? null;
    const spans = this.spans.get(sourceId);
    if (!spans) return own === null ? [] : [own];
    const ids: number[] = [];
    let covered = 0;
    for (const s of spans) {
      if (s.start >= end || s.end <= start) continue;
      covered += Math.min(s.end, end) - Math.max(s.start, start);
      if (!ids.includes(s.caseId)) ids.push(s.caseId);
    }
    if (covered < end - start && own !== null && !ids.includes(own)) ids.push(own);
    return ids;
  }

  /** Case names for a passage, joined by ", " (null when it belongs to no case). */
  caseLabel(sourceId: number, start: number, end: number): string | null {
    const ids = this.casesOf(sourceId, start, end);
    if (ids.length === 0) return null;
    return ids.map((id) => this.caseNames.get(id) ?? '').join(', ');
  }

  /** Sources that may hold text of the given cases (their own case, or a case span). */
  sourcesOfCases(caseIds: ReadonlySet<number>): number[] {
    const out: number[] = [];
    for (const s of this.sources.values()) {
      if ((s.caseId !== null && caseIds.has(s.caseId)) || this.spans.get(s.id)?.some((sp) => caseIds.has(sp.caseId))) out.push(s.id);
    }
    return out;
  }
}
