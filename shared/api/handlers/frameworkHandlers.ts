import { frameworkCellCandidates } from '../../queries/frameworkCandidates.js';
import {
  createFramework,
  deleteFramework,
  getFramework,
  getFrameworkCell,
  linkPassages,
  listFrameworks,
  setFrameworkCell,
  setFrameworkHeaders,
  unlinkPassages,
  updateFramework,
} from '../../queries/frameworkMatrix.js';
import type { frameworkMethods } from '../methods/frameworkMethods.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';

export const frameworkHandlers: HandlersFor<keyof typeof frameworkMethods> = {
  'frameworks.list': (_a, s) => listFrameworks(s.ctx().project.db),
  'frameworks.get': (a, s) => getFramework(s.ctx().project.db, a.id),
  'frameworks.create': (a, s) => createFramework(s.ctx(), { ...defined(a), rows: a.rows.map(defined), cols: a.cols.map(defined) }),
  'frameworks.update': (a, s) => updateFramework(s.ctx(), defined(a)),
  'frameworks.setHeaders': (a, s) => setFrameworkHeaders(s.ctx(), { ...a, headers: a.headers.map(defined) }),
  'frameworks.delete': (a, s) => {
    deleteFramework(s.ctx(), a.id);
    return null;
  },
  'frameworks.cell': (a, s) => getFrameworkCell(s.ctx().project.db, a),
  'frameworks.setCell': (a, s) => setFrameworkCell(s.ctx(), a),
  'frameworks.link': (a, s) => linkPassages(s.ctx(), a),
  'frameworks.unlink': (a, s) => unlinkPassages(s.ctx(), a),
  'frameworks.candidates': (a, s) => frameworkCellCandidates(s.ctx().project.db, defined(a)),
};
