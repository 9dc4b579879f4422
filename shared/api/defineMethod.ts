import type { z } from 'zod';
import type { Affects, Reads } from './affects.js';

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
  /** For a method that invalidates: the data it changes (see affects.ts). */
  affects?: Affects<z.input<A>>;
  /** For a read: the data its answer depends on; undefined means anything. */
  reads?: Reads<z.input<A>>;
}

/** A read: it may say what it reads; it changes nothing. */
interface ReadOptions<A extends z.ZodType> {
  mutates?: false;
  invalidates?: false;
  long?: boolean;
  reads?: Reads<z.input<A>>;
}

/** A change: it must say what it affects, so the views refetch exactly that. */
type ChangeOptions<A extends z.ZodType> = { long?: boolean; affects: Affects<z.input<A>> } & (
  | { mutates: true; invalidates?: boolean }
  | { mutates?: false; invalidates: true }
);

export function method<R>() {
  return <A extends z.ZodType>(args: A, opts: ReadOptions<A> | ChangeOptions<A> = {}): MethodSpec<A, R> => ({
    args,
    mutates: opts.mutates ?? false,
    invalidates: opts.invalidates ?? opts.mutates ?? false,
    long: opts.long ?? false,
    ...('affects' in opts ? { affects: opts.affects } : {}),
    ...('reads' in opts && opts.reads ? { reads: opts.reads } : {}),
  });
}
