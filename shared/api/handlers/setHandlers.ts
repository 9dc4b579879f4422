import type { setMethods } from '../methods/setMethods.js';
import { changeMembers, createItemSet, listItemSetInfo, removeItemSet, updateItemSetMeta } from '../../services/itemSetService.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';

export const setHandlers: HandlersFor<keyof typeof setMethods> = {
  'sets.list': (a, s) => listItemSetInfo(s.ctx().project.db, a.kind),
  'sets.create': (a, s) => createItemSet(s.ctx(), defined(a)),
  'sets.update': (a, s) => updateItemSetMeta(s.ctx(), defined(a)),
  'sets.addMembers': (a, s) => changeMembers(s.ctx(), { id: a.id, add: a.memberIds }),
  'sets.removeMembers': (a, s) => changeMembers(s.ctx(), { id: a.id, remove: a.memberIds }),
  'sets.delete': (a, s) => {
    removeItemSet(s.ctx(), a.id);
    return null;
  },
};
