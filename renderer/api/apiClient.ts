import type { QueryClient } from '@tanstack/react-query';
import { EVERYTHING, keysOf, type DataKey } from '../../shared/api/affects.js';
import { METHODS, type ArgsOf, type MethodName, type QuarryApi, type ResultOf } from '../../shared/api/contract.js';
import type { ErrorPayload } from '../../shared/errors.js';
import { patchFromResult } from './cachePatches.js';
import { createQueryClient, invalidateChanged } from './queryCache.js';
import type { Transport } from './transport.js';

export class ApiError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.details = payload.details;
  }
}

export type ChangeListener = (method: MethodName) => void;
export type FailureListener = (method: MethodName, error: ApiError) => void;

/** What a change leaves to refetch: what it affects, less what its result already updated in the cache. */
export function keysToRefetch(affected: readonly DataKey[] | typeof EVERYTHING, handled: readonly DataKey[]): readonly DataKey[] | typeof EVERYTHING {
  if (affected === EVERYTHING) return EVERYTHING;
  return affected.filter((k) => !handled.includes(k));
}

/**
 * The typed client the UI uses. After a method that changes the project it
 * updates the query cache: the reads the method's result describes are
 * patched, the other reads it affects (per the contract) are refetched, and
 * subscribers are told.
 */
export class ApiClient implements QuarryApi {
  private listeners = new Set<ChangeListener>();
  private failureListeners = new Set<FailureListener>();
  constructor(
    readonly transport: Transport,
    readonly queries: QueryClient = createQueryClient(),
  ) {}

  async call<K extends MethodName>(method: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
    const result = await this.transport.invoke(method, args);
    if (!result.ok) {
      const error = new ApiError(result.error);
      if (METHODS[method].invalidates) for (const l of this.failureListeners) l(method, error);
      throw error;
    }
    const value = result.value as ResultOf<K>;
    const spec = METHODS[method];
    if (spec.invalidates) {
      const affected = keysOf(spec.affects as ((a: unknown) => readonly DataKey[]) | readonly DataKey[] | typeof EVERYTHING | undefined, args);
      const handled = patchFromResult(this.queries, method, args, value);
      invalidateChanged(this.queries, keysToRefetch(handled.changed ?? affected, handled.keys ?? []), handled.queries);
      for (const l of this.listeners) l(method);
    }
    return value;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells `listener` when a change is refused (e.g. the file changed on disk). */
  onFailedChange(listener: FailureListener): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }
}
