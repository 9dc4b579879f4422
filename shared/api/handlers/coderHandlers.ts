import { codersOverview, joinAsCoder, saveCoder } from '../../services/coderService.js';
import { getUser } from '../../store/usersStore.js';
import type { coderMethods } from '../methods/coderMethods.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';

export const coderHandlers: HandlersFor<keyof typeof coderMethods> = {
  'coders.overview': (_a, s) => codersOverview(s.ctx()),
  'coders.choose': (a, s) => {
    const ctx = s.ctx();
    if (!ctx.project.readOnly) joinAsCoder(ctx, a.name);
    s.settings.setCoder(a.name);
    return codersOverview(s.ctx());
  },
  'coders.edit': (a, s) => {
    const ctx = s.ctx();
    const before = getUser(ctx.project.db, a.id);
    const saved = saveCoder(ctx, defined(a));
    if (before && before.name === ctx.coderName && saved.name !== before.name) s.settings.setCoder(saved.name);
    return codersOverview(s.ctx());
  },
};
