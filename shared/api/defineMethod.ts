import type { z } from 'zod';

/**
 * A method of the API: its argument schema (checked at every transport
 * boundary) and, as a phantom type, its result. Methods take one argument
 * object and return one value.
 */
export interface MethodSpec<A extends z.ZodType, R> {
  args: A;
  /** Phantom: never read at run time. */
  result?: R;
  /** True for methods that change the project (read-only projects refuse them). */
  mutates: boolean;
  /** True when views should refetch after the call (every mutation, plus opening/closing projects). */
  invalidates: boolean;
  /** A long operation: it runs as a job (args.jobId names it) with progress and Cancel. */
  long: boolean;
}

export function method<R>() {
  return <A extends z.ZodType>(args: A, opts: { mutates?: boolean; invalidates?: boolean; long?: boolean } = {}): MethodSpec<A, R> => ({
    args,
    mutates: opts.mutates ?? false,
    invalidates: opts.invalidates ?? opts.mutates ?? false,
    long: opts.long ?? false,
  });
}
