/**
 * The dispatcher of the desktop app and browser mode: every handler is loaded
 * up front (HANDLERS), so each call runs its checks and starts its handler in
 * the caller's turn. The CLI, which makes one or two calls per run, uses
 * lazyDispatcher.ts instead: the same dispatch, with handlers loaded on demand.
 */
import { HANDLERS } from './handlers/index.js';
import { createDispatcherWith, type Dispatch } from './dispatchCore.js';
import type { Session } from './session.js';

export type { Dispatch } from './dispatchCore.js';

export function createDispatcher(session: Session, log?: (err: unknown) => void): Dispatch {
  return createDispatcherWith(session, { loaded: (method) => HANDLERS[method], load: async (method) => HANDLERS[method] }, log);
}
