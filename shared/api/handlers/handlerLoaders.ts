/**
 * Each method's handler module, loaded the first time one of its methods is
 * called. The dispatcher goes through here rather than through HANDLERS (which
 * loads every handler and so every service and library at once): a short run —
 * `quarry info`, one call — then loads only what it uses. HANDLERS (index.ts)
 * stays the typed proof that every method has exactly one handler; a unit test
 * checks that each domain below holds exactly its methods' handlers.
 */
import type { MethodName } from '../contract.js';
import { agreementMethods } from '../methods/agreementMethods.js';
import { autoCodeMethods } from '../methods/autoCodeMethods.js';
import { caseMethods } from '../methods/caseMethods.js';
import { codeMethods } from '../methods/codeMethods.js';
import { coderMethods } from '../methods/coderMethods.js';
import { dataSafetyMethods } from '../methods/dataSafetyMethods.js';
import { exportMethods } from '../methods/exportMethods.js';
import { fileMethods } from '../methods/fileMethods.js';
import { frameworkMethods } from '../methods/frameworkMethods.js';
import { mediaMethods } from '../methods/mediaMethods.js';
import { memoMethods } from '../methods/memoMethods.js';
import { mergeMethods } from '../methods/mergeMethods.js';
import { projectMethods } from '../methods/projectMethods.js';
import { queryMethods } from '../methods/queryMethods.js';
import { refiMethods } from '../methods/refiMethods.js';
import { setMethods } from '../methods/setMethods.js';
import { sourceMethods } from '../methods/sourceMethods.js';
import type { Handler } from './handlerTypes.js';

type HandlerMap = Record<string, Handler<MethodName>>;
type Loader = () => Promise<HandlerMap>;

/** [a methods map, the module that implements it]: the same pairs index.ts joins. */
export const HANDLER_DOMAINS: readonly (readonly [object, Loader])[] = [
  [projectMethods, async () => (await import('./projectHandlers.js')).projectHandlers as unknown as HandlerMap],
  [sourceMethods, async () => (await import('./sourceHandlers.js')).sourceHandlers as unknown as HandlerMap],
  [codeMethods, async () => (await import('./codeHandlers.js')).codeHandlers as unknown as HandlerMap],
  [memoMethods, async () => (await import('./memoHandlers.js')).memoHandlers as unknown as HandlerMap],
  [autoCodeMethods, async () => (await import('./autoCodeHandlers.js')).autoCodeHandlers as unknown as HandlerMap],
  [caseMethods, async () => (await import('./caseHandlers.js')).caseHandlers as unknown as HandlerMap],
  [coderMethods, async () => (await import('./coderHandlers.js')).coderHandlers as unknown as HandlerMap],
  [agreementMethods, async () => (await import('./agreementHandlers.js')).agreementHandlers as unknown as HandlerMap],
  [mergeMethods, async () => (await import('./mergeHandlers.js')).mergeHandlers as unknown as HandlerMap],
  [refiMethods, async () => (await import('./refiHandlers.js')).refiHandlers as unknown as HandlerMap],
  [exportMethods, async () => (await import('./exportHandlers.js')).exportHandlers as unknown as HandlerMap],
  [queryMethods, async () => (await import('./queryHandlers.js')).queryHandlers as unknown as HandlerMap],
  [frameworkMethods, async () => (await import('./frameworkHandlers.js')).frameworkHandlers as unknown as HandlerMap],
  [dataSafetyMethods, async () => (await import('./dataSafetyHandlers.js')).dataSafetyHandlers as unknown as HandlerMap],
  [fileMethods, async () => (await import('./fileHandlers.js')).fileHandlers as unknown as HandlerMap],
  [mediaMethods, async () => (await import('./mediaHandlers.js')).mediaHandlers as unknown as HandlerMap],
  [setMethods, async () => (await import('./setHandlers.js')).setHandlers as unknown as HandlerMap],
];

const loaderOf = new Map<string, Loader>();
for (const [methods, load] of HANDLER_DOMAINS) for (const name of Object.keys(methods)) loaderOf.set(name, load);

const loaded = new Map<string, Handler<MethodName>>();

/** The handler if its module is loaded already: the dispatcher then runs it without waiting a turn. */
export function loadedHandler<K extends MethodName>(method: K): Handler<K> | undefined {
  return loaded.get(method) as Handler<K> | undefined;
}

/** The handler of a method; one not registered above (a domain added without a line here) is found in HANDLERS. */
export async function loadHandler<K extends MethodName>(method: K): Promise<Handler<K>> {
  const load = loaderOf.get(method);
  const handlers = load ? await load() : undefined;
  for (const [name, h] of Object.entries(handlers ?? {})) loaded.set(name, h);
  let handler = loaded.get(method);
  if (!handler) {
    handler = (await import('./index.js')).HANDLERS[method] as Handler<MethodName>;
    loaded.set(method, handler);
  }
  return handler as unknown as Handler<K>;
}
