/**
 * The renderer's query cache (@tanstack/react-query): one entry per read
 * method and arguments, fresh until a change the contract says can alter it
 * (shared/api/affects.ts). A change refetches the mounted reads it affects
 * and marks the others stale for their next mount; what the mutation's own
 * result already says is written into the cache instead (cachePatches.ts).
 */
import { hashKey, QueryClient, type Query } from '@tanstack/react-query';
import { EVERYTHING, keysOf, readIsAffected, type DataKey } from '../../shared/api/affects.js';
import { isMethodName, METHODS, type ArgsOf, type MethodName } from '../../shared/api/contract.js';

export type ApiQueryKey<K extends MethodName = MethodName> = readonly [K, ArgsOf<K>];

export function apiQueryKey<K extends MethodName>(method: K, args: ArgsOf<K>): ApiQueryKey<K> {
  return [method, args];
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Fresh until a change invalidates it: the contract says which changes can.
        staleTime: Infinity,
        // A closed document's text (megabytes for a long transcript) should not linger.
        gcTime: 60_000,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

/** The keys a cached read depends on (EVERYTHING when its method declares none). */
export function readKeysOf(query: Pick<Query, 'queryKey'>): readonly DataKey[] | typeof EVERYTHING | null {
  const [method, args] = query.queryKey as readonly unknown[];
  if (!isMethodName(method)) return null;
  return keysOf(METHODS[method].reads as ((a: unknown) => readonly DataKey[]) | readonly DataKey[] | undefined, args);
}

/** The cached reads a change to `changed` can have altered. */
export function affectedQueries(client: QueryClient, changed: readonly DataKey[] | typeof EVERYTHING): Query[] {
  return client.getQueryCache().findAll({ predicate: (q) => isAffected(q, changed) });
}

function isAffected(query: Query, changed: readonly DataKey[] | typeof EVERYTHING): boolean {
  const reads = readKeysOf(query);
  return reads !== null && readIsAffected(reads, changed);
}

/**
 * Refetches the mounted reads a change altered, except those already brought up to date
 * (`updated`); the rest refetch when next shown. Does not wait for them.
 */
export function invalidateChanged(client: QueryClient, changed: readonly DataKey[] | typeof EVERYTHING, updated: readonly ApiQueryKey[] = []): void {
  if (changed !== EVERYTHING && changed.length === 0) return;
  const skip = new Set(updated.map((k) => hashKey(k)));
  void client.invalidateQueries({ predicate: (q) => !skip.has(q.queryHash) && isAffected(q, changed) });
}
