import { resolveProjectPath } from '../../app/projectPath.js';
import { applyMerge, previewMerge } from '../../services/mergeService.js';
import type { mergeMethods } from '../methods/mergeMethods.js';
import type { Session } from '../session.js';
import type { HandlersFor } from './handlerTypes.js';

/** A co-author's file, read as when opening a project (see resolveProjectPath). */
const otherPath = (path: string, session: Session): string => resolveProjectPath(path, session.projectsDir, 'existing');

export const mergeHandlers: HandlersFor<keyof typeof mergeMethods> = {
  'merge.preview': (a, s) => previewMerge(s.ctx(), otherPath(a.path, s), a.decisions ?? {}),
  'merge.apply': (a, s) => applyMerge(s.ctx(), otherPath(a.path, s), a.decisions ?? {}),
};
