import { acceptVersion } from '../../services/agreementAccept.js';
import { compareCoding, sourceDisagreements } from '../../services/agreementService.js';
import type { agreementMethods } from '../methods/agreementMethods.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';

export const agreementHandlers: HandlersFor<keyof typeof agreementMethods> = {
  'agreement.compare': (a, s) => compareCoding(s.ctx().project.db, defined(a)),
  'agreement.disagreements': (a, s) => sourceDisagreements(s.ctx().project.db, defined(a)),
  'agreement.accept': (a, s) => acceptVersion(s.ctx(), a),
};
