/**
 * The same dispatch as dispatcher.ts, with each handler module loaded on its
 * method's first call (handlers/handlerLoaders.ts): a one-shot caller — the
 * `quarry` command — then loads only what its call uses, which is most of its
 * start-up time.
 */
import { createDispatcherWith, type Dispatch } from './dispatchCore.js';
import { loadedHandler, loadHandler } from './handlers/handlerLoaders.js';
import type { Session } from './session.js';

export function createLazyDispatcher(session: Session, log?: (err: unknown) => void): Dispatch {
  return createDispatcherWith(session, { loaded: loadedHandler, load: loadHandler }, log);
}
