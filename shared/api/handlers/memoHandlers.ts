import { addMemo, editMemo, findMemos, removeMemo } from '../../services/memoService.js';
import type { memoMethods } from '../methods/memoMethods.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';


export const memoHandlers: HandlersFor<keyof typeof memoMethods> = {
  'memos.list': (a, s) => findMemos(s.ctx(), defined(a)),
  'memos.add': (a, s) => addMemo(s.ctx(), defined(a)),
  'memos.update': (a, s) => editMemo(s.ctx(), defined(a)),
  'memos.delete': (a, s) => {
    removeMemo(s.ctx(), a.id);
    return null;
  },
};
