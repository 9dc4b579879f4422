/**
 * The single entry point both transports call: checks the method name and
 * its arguments, runs the handler, and turns every failure into a typed
 * result with a user-facing message (never a stack trace or SQL).
 */
import { z } from 'zod';
import { QuarryError, toErrorPayload } from '../errors.js';
import { isMethodName, METHODS, type MethodName, type ResultOf } from './contract.js';
import { HANDLERS } from './handlers/index.js';
import type { Handler } from './handlers/handlerTypes.js';
import type { ApiResult } from './result.js';
import type { Session } from './session.js';

export type Dispatch = (method: unknown, args: unknown) => Promise<ApiResult<unknown>>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function createDispatcher(session: Session, log: (err: unknown) => void = (e) => console.error(e)): Dispatch {
  return async (method, args) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'bad_request', message: `Unknown operation “${String(method).slice(0, 80)}”.` } };
    }
    const spec = METHODS[method];
    const parsed = spec.args.safeParse(args ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'bad_request', message: `Invalid arguments for ${method}: ${describeIssues(parsed.error)}` } };
    }
    try {
      if (spec.mutates && session.project?.readOnly) {
        throw new QuarryError('read_only', 'This project is open read-only; changes cannot be saved.');
      }
      const handler = HANDLERS[method] as Handler<MethodName>;
      const value = await handler(parsed.data as never, session);
      return { ok: true, value: value as ResultOf<typeof method> };
    } catch (err) {
      if (!(err instanceof QuarryError)) log(err);
      return { ok: false, error: toErrorPayload(err) };
    }
  };
}
