import type { Memo, MemoTarget } from '../domain/types.js';
import { QuarryError } from '../errors.js';
import { deleteMemo, getMemo, insertMemo, listMemos, updateMemo, type MemoFilter } from '../store/memosStore.js';
import { checkSpan } from './codingService.js';
import { ensureCoder } from './coderService.js';
import type { ServiceContext } from './context.js';
import { mutate } from './context.js';

export interface MemoInput {
  target: MemoTarget;
  sourceId?: number;
  codeId?: number;
  codingId?: number;
  caseId?: number;
  start?: number;
  end?: number;
  title?: string;
  body: string;
}

export function addMemo(ctx: ServiceContext, m: MemoInput): Memo {
  return mutate(ctx, m.target === 'span' ? 'Add annotation' : 'Add memo', (db) => {
    const author = ensureCoder(db, ctx.coderName);
    if (m.target === 'span') {
      if (m.sourceId === undefined || m.start === undefined || m.end === undefined) {
        throw new QuarryError('bad_request', 'An annotation needs a source and a span of text.');
      }
      checkSpan(db, m.sourceId, m.start, m.end);
    }
    const need: Record<MemoTarget, keyof MemoInput | null> = {
      project: null,
      source: 'sourceId',
      code: 'codeId',
      coding: 'codingId',
      case: 'caseId',
      span: 'sourceId',
    };
    const key = need[m.target];
    if (key && m[key] === undefined) throw new QuarryError('bad_request', `A ${m.target} memo needs ${key}.`);
    try {
      const id = insertMemo(db, {
        target: m.target,
        sourceId: m.target === 'source' || m.target === 'span' ? (m.sourceId ?? null) : null,
        codeId: m.target === 'code' ? (m.codeId ?? null) : null,
        codingId: m.target === 'coding' ? (m.codingId ?? null) : null,
        caseId: m.target === 'case' ? (m.caseId ?? null) : null,
        start: m.target === 'span' ? (m.start ?? null) : null,
        end: m.target === 'span' ? (m.end ?? null) : null,
        title: m.title ?? '',
        body: m.body,
        authorId: author.id,
      });
      return getMemo(db, id)!;
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new QuarryError('not_found', `The ${m.target} this memo belongs to no longer exists.`);
      }
      throw err;
    }
  });
}

export function editMemo(ctx: ServiceContext, args: { id: number; title?: string; body: string }): Memo {
  return mutate(ctx, 'Edit memo', (db) => {
    const memo = getMemo(db, args.id);
    if (!memo) throw new QuarryError('not_found', 'That memo no longer exists.');
    updateMemo(db, args.id, args.title ?? memo.title, args.body);
    return getMemo(db, args.id)!;
  });
}

export function removeMemo(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Delete memo', (db) => {
    if (!getMemo(db, id)) throw new QuarryError('not_found', 'That memo no longer exists.');
    deleteMemo(db, id);
  });
}

export function findMemos(ctx: ServiceContext, f: MemoFilter): Memo[] {
  return listMemos(ctx.project.db, f);
}
