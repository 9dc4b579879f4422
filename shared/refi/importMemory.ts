/**
 * A bound on the import's garbage. The import holds little at any time (a
 * source's selections, the texts), but it makes garbage fast: a million
 * selections are parsed, spooled, read back and planned, and V8 lets the
 * heap grow well past what is alive before it collects — the worker's peak
 * went from 250 to 370 MB between runs of the same import. The worker
 * process hands in a collector (refiWorkerChild.ts) and the import calls
 * for a full collection after each stretch of work, so the peak is what is
 * alive plus one stretch. Elsewhere (tests, the CLI in-process) nothing
 * happens.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;
let done = 0;

/** Selections (or codings) handled between two collections: a few tens of milliseconds each, a handful per million. */
const STRETCH = 100_000;

export function setImportCollector(fn: (() => void) | undefined): void {
  collect = fn;
  done = 0;
}

/** `n` more selections or codings handled. */
export function importWorkDone(n: number): void {
  if (!collect) return;
  done += n;
  if (done < STRETCH) return;
  done = 0;
  collect();
}

/**
 * V8's full collector, for a process or thread that only runs exports and
 * imports (the REFI worker and its import-writer thread). The flag is set
 * each time before the collector is looked up in a context of its own: the
 * flag is process-wide, and the inflate thread (inflateThread.ts) turns it
 * off again after taking its own.
 */
export function exposedCollector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
