/**
 * The one API contract: every operation the UI (and the CLI's scripted
 * twin) can perform. Domain method maps are joined here; the core implements
 * each exactly once (api/handlers), and both transports — Electron IPC and
 * the browser mode's HTTP bridge — carry the same calls.
 */
import type { z } from 'zod';
import type { MethodSpec } from './defineMethod.js';
import { autoCodeMethods } from './methods/autoCodeMethods.js';
import { caseMethods } from './methods/caseMethods.js';
import { codeMethods } from './methods/codeMethods.js';
import { coderMethods } from './methods/coderMethods.js';
import { agreementMethods } from './methods/agreementMethods.js';
import { mergeMethods } from './methods/mergeMethods.js';
import { refiMethods } from './methods/refiMethods.js';
import { memoMethods } from './methods/memoMethods.js';
import { projectMethods } from './methods/projectMethods.js';
import { sourceMethods } from './methods/sourceMethods.js';
import { exportMethods } from './methods/exportMethods.js';
import { queryMethods } from './methods/queryMethods.js';
import { frameworkMethods } from './methods/frameworkMethods.js';
import { dataSafetyMethods } from './methods/dataSafetyMethods.js';
import { fileMethods } from './methods/fileMethods.js';
import { mediaMethods } from './methods/mediaMethods.js';
import { setMethods } from './methods/setMethods.js';

export const METHODS = {
  ...projectMethods,
  ...sourceMethods,
  ...codeMethods,
  ...memoMethods,
  ...autoCodeMethods,
  ...caseMethods,
  ...coderMethods,
  ...agreementMethods,
  ...mergeMethods,
  ...refiMethods,
  ...exportMethods,
  ...queryMethods,
  ...frameworkMethods,
  ...dataSafetyMethods,
  ...fileMethods,
  ...mediaMethods,
  ...setMethods,
} as const;

export type Methods = typeof METHODS;
export type MethodName = keyof Methods;
export type ArgsOf<K extends MethodName> = z.input<Methods[K]['args']>;
export type ParsedArgsOf<K extends MethodName> = z.output<Methods[K]['args']>;
export type ResultOf<K extends MethodName> = Methods[K] extends MethodSpec<z.ZodType, infer R> ? R : never;

export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(METHODS, name);
}

/** What a transport gives the renderer: typed calls that resolve to values or reject with ApiError. */
export interface QuarryApi {
  call<K extends MethodName>(method: K, args: ArgsOf<K>): Promise<ResultOf<K>>;
}
