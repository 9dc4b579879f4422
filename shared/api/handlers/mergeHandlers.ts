import { isAbsolute, join } from 'node:path';
import { applyMerge, previewMerge } from '../../services/mergeService.js';
import type { mergeMethods } from '../methods/mergeMethods.js';
import type { Session } from '../session.js';
import type { HandlersFor } from './handlerTypes.js';

/** A bare file name means the default projects folder, as when opening a project. */
function otherPath(path: string, session: Session): string {
  const withExt = /\.quarry$/i.test(path) ? path : `${path}.quarry`;
  return isAbsolute(withExt) || /[\\/]/.test(withExt) ? withExt : join(session.projectsDir, withExt);
}

export const mergeHandlers: HandlersFor<keyof typeof mergeMethods> = {
  'merge.preview': (a, s) => previewMerge(s.ctx(), otherPath(a.path, s), a.decisions ?? {}),
  'merge.apply': (a, s) => applyMerge(s.ctx(), otherPath(a.path, s), a.decisions ?? {}),
};
