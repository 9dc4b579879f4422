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
import { withCodingsChange } from '../../services/codingsChange.js';
import { getCoding } from '../../store/codingsStore.js';
import type { codeMethods } from '../methods/codeMethods.js';
import type { Session } from '../session.js';
import type { CodingsChange } from '../../domain/types.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';

/** A change to coding `id`, with what it did to its source's codings (the service says when the coding is gone). */
function ofCoding<T>(s: Session, id: number, run: () => T): { result: T; change?: CodingsChange } {
  const db = s.ctx().project.db;
  const coding = getCoding(db, id);
  return coding ? withCodingsChange(db, coding.sourceId, run) : { result: run() };
}

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
  'codings.inVivo': (a, s) => {
    const { result, change } = withCodingsChange(s.ctx().project.db, a.sourceId, () => inVivoCoding(s.ctx(), defined(a)));
    return { ...result, ...(change ? { change } : {}) };
  },
  'codings.remove': (a, s) => {
    const { change } = ofCoding(s, a.id, () => removeCoding(s.ctx(), a.id));
    return change ? { change } : {};
  },
  'codings.uncodeSelection': (a, s) => {
    const { result, change } = withCodingsChange(s.ctx().project.db, a.sourceId, () => uncodeSelection(s.ctx(), a));
    return { removed: result, ...(change ? { change } : {}) };
  },
  'codings.resize': (a, s) => {
    const { result, change } = ofCoding(s, a.id, () => resizeCoding(s.ctx(), a));
    return { ...result, ...(change ? { change } : {}) };
  },
  'codings.recode': (a, s) => {
    const { result, change } = ofCoding(s, a.id, () => recodeCoding(s.ctx(), a));
    return { ...result, ...(change ? { change } : {}) };
  },
  'codings.passages': (a, s) => {
    const q = defined({ codeId: a.codeId, includeChildren: a.includeChildren, sourceId: a.sourceId, coderName: a.coder });
    return passages(s.ctx().project.db, q);
  },
};
