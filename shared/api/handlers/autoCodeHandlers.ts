import { previewAutoCode, runAutoCodeJob } from '../../services/autoCodeService.js';
import type { autoCodeMethods } from '../methods/autoCodeMethods.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';

export const autoCodeHandlers: HandlersFor<keyof typeof autoCodeMethods> = {
  'autoCode.preview': (a, s) => previewAutoCode(s.ctx().project.db, defined(a)),
  'autoCode.apply': (a, s) => runAutoCodeJob(s.ctx(), defined(a)),
};
