import { acceptVersion } from '../../services/agreementAccept.js';
import { sourceDisagreements } from '../../services/agreementService.js';
import { compareInWorker } from '../../refi/refiWorker.js';
import type { agreementMethods } from '../methods/agreementMethods.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';

export const agreementHandlers: HandlersFor<keyof typeof agreementMethods> = {
  // A long read of every coding: in the worker, so the app keeps answering (and Cancel kills it).
  'agreement.compare': (a, s) => {
    const { jobId: _job, ...query } = a;
    return compareInWorker(s.ctx().project.path, defined(query));
  },
  'agreement.disagreements': (a, s) => sourceDisagreements(s.ctx().project.db, defined(a)),
  'agreement.accept': (a, s) => acceptVersion(s.ctx(), a),
};
