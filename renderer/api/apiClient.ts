import { METHODS, type ArgsOf, type MethodName, type QuarryApi, type ResultOf } from '../../shared/api/contract.js';
import type { ErrorPayload } from '../../shared/errors.js';
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

/**
 * The typed client the UI uses. After any method that changes the project
 * it tells subscribers, so views refetch what they show.
 */
export class ApiClient implements QuarryApi {
  private listeners = new Set<ChangeListener>();
  constructor(readonly transport: Transport) {}

  async call<K extends MethodName>(method: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
    const result = await this.transport.invoke(method, args);
    if (!result.ok) throw new ApiError(result.error);
    if (METHODS[method].invalidates) for (const l of this.listeners) l(method);
    return result.value as ResultOf<K>;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
