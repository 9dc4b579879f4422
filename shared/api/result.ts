import type { ErrorPayload } from '../errors.js';

/** What crosses every transport: never a thrown error, never a stack trace. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
