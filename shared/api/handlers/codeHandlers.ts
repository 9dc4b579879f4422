import {
  codeTreeFor,
  createCode,
  deleteCodePreview,
  deleteCodeTree,
  mergeCodes,
  moveCodeTo,
  updateCodeDetails,
} from '../../services/codeService.js';
import { applyCodingWithCounts } from '../../services/codingCountChange.js';
import { inVivoCoding, passages, recodeCoding, removeCoding, resizeCoding, uncodeSelection } from '../../services/codingService.js';
import type { codeMethods } from '../methods/codeMethods.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';


export const codeHandlers: HandlersFor<keyof typeof codeMethods> = {
  'codes.tree': (a, s) => codeTreeFor(s.ctx().project.db, a.coder),
  'codes.create': (a, s) => ({ id: createCode(s.ctx(), defined(a)) }),
  'codes.update': (a, s) => {
    updateCodeDetails(s.ctx(), defined(a));
    return null;
  },
  'codes.move': (a, s) => {
    moveCodeTo(s.ctx(), defined(a));
    return null;
  },
  'codes.merge': (a, s) => mergeCodes(s.ctx(), a),
  'codes.deletePreview': (a, s) => deleteCodePreview(s.ctx().project.db, a.id),
  'codes.delete': (a, s) => deleteCodeTree(s.ctx(), a.id),
  'codings.apply': (a, s) => applyCodingWithCounts(s.ctx(), defined(a)),
  'codings.inVivo': (a, s) => inVivoCoding(s.ctx(), defined(a)),
  'codings.remove': (a, s) => {
    removeCoding(s.ctx(), a.id);
    return null;
  },
  'codings.uncodeSelection': (a, s) => ({ removed: uncodeSelection(s.ctx(), a) }),
  'codings.resize': (a, s) => resizeCoding(s.ctx(), a),
  'codings.recode': (a, s) => recodeCoding(s.ctx(), a),
  'codings.passages': (a, s) => {
    const q = defined({ codeId: a.codeId, includeChildren: a.includeChildren, sourceId: a.sourceId, coderName: a.coder });
    return passages(s.ctx().project.db, q);
  },
};
