import type { MethodName } from '../contract.js';
import { autoCodeHandlers } from './autoCodeHandlers.js';
import { caseHandlers } from './caseHandlers.js';
import { codeHandlers } from './codeHandlers.js';
import { coderHandlers } from './coderHandlers.js';
import { agreementHandlers } from './agreementHandlers.js';
import { mergeHandlers } from './mergeHandlers.js';
import { refiHandlers } from './refiHandlers.js';
import type { Handler } from './handlerTypes.js';
import { memoHandlers } from './memoHandlers.js';
import { projectHandlers } from './projectHandlers.js';
import { sourceHandlers } from './sourceHandlers.js';
import { exportHandlers } from './exportHandlers.js';
import { queryHandlers } from './queryHandlers.js';
import { frameworkHandlers } from './frameworkHandlers.js';
import { dataSafetyHandlers } from './dataSafetyHandlers.js';
import { fileHandlers } from './fileHandlers.js';
import { mediaHandlers } from './mediaHandlers.js';
import { setHandlers } from './setHandlers.js';

/** Every method's single implementation. A method without a handler is a type error here. */
export const HANDLERS: { [K in MethodName]: Handler<K> } = {
  ...projectHandlers,
  ...sourceHandlers,
  ...codeHandlers,
  ...memoHandlers,
  ...autoCodeHandlers,
  ...caseHandlers,
  ...coderHandlers,
  ...agreementHandlers,
  ...mergeHandlers,
  ...refiHandlers,
  ...exportHandlers,
  ...queryHandlers,
  ...frameworkHandlers,
  ...dataSafetyHandlers,
  ...fileHandlers,
  ...mediaHandlers,
  ...setHandlers,
};
