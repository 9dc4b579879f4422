/**
 * The single entry point both transports call: checks the method name and
 * its arguments, runs the handler, and turns every failure into a typed
 * result with a user-facing message (never a stack trace or SQL).
 *
 * Around every call it also guards the project file: before a change it
 * checks that nobody else changed the file (a sync client, another
 * program), and afterwards it records the file as Quarry left it and tells
 * the backup scheduler. Long methods run as jobs (progress, Cancel), and
 * while one holds the project other changes are refused as 'busy'.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { damageError, isDamage } from '../db/damage.js';
import { QuarryError, toErrorPayload } from '../errors.js';
import { diskProblem, errorPath } from '../fsx/diskErrors.js';
import { runWithJob } from '../jobs/jobContext.js';
import type { Job } from '../jobs/job.js';
import { isMethodName, METHODS, type MethodName, type ResultOf } from './contract.js';
import type { Handler } from './handlers/handlerTypes.js';
import type { ApiResult } from './result.js';
import type { Session } from './session.js';

export type Dispatch = (method: unknown, args: unknown) => Promise<ApiResult<unknown>>;

/** Calls that replace or close the open project: not while a long job holds it. */
const SWITCHES_PROJECT = new Set<string>([
  'project.create',
  'project.open',
  'project.openDemo',
  'project.close',
  'project.reopen',
  'backups.restore',
  'refi.importProject',
  'project.openCleanedCopy',
]);

/** Every change is one transaction, so a change the disk refused left the project as it was. */
const DISK_OUTCOME = 'The change was not saved; everything saved before it is safe.';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Where the dispatcher finds a method's handler: at hand (loaded), or after loading its module. */
export interface HandlerSource {
  loaded<K extends MethodName>(method: K): Handler<K> | undefined;
  load<K extends MethodName>(method: K): Promise<Handler<K>>;
}

export function createDispatcherWith(session: Session, handlers: HandlerSource, log: (err: unknown) => void = (e) => console.error(e)): Dispatch {
  let loading: Promise<unknown> | null = null;
  return async (method, args) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'bad_request', message: `Unknown operation “${String(method).slice(0, 80)}”.` } };
    }
    const spec = METHODS[method];
    const parsed = spec.args.safeParse(args ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'bad_request', message: `Invalid arguments for ${method}: ${describeIssues(parsed.error)}` } };
    }
    // With a lazy source (the CLI) a handler's module loads on its first call. Calls keep their
    // order: one that arrives while another's module is loading waits behind it, and with the
    // module loaded the checks below and the handler's start run in the caller's turn.
    let handler = loading ? undefined : handlers.loaded<MethodName>(method);
    if (!handler) {
      const next = () => handlers.load<MethodName>(method);
      const load: Promise<Handler<MethodName>> = (loading ?? Promise.resolve()).then(next, next);
      loading = load;
      try {
        handler = await load;
      } catch (err) {
        log(err);
        return { ok: false, error: toErrorPayload(err) };
      } finally {
        if (loading === load) loading = null;
      }
    }
    const project = session.project;
    let job: Job | undefined;
    try {
      if (spec.mutates && project?.readOnly) {
        throw new QuarryError('read_only', 'This project is open read-only; changes cannot be saved.');
      }
      const busy = project?.history.busyWith;
      if (busy && (spec.mutates || SWITCHES_PROJECT.has(method))) {
        throw new QuarryError('busy', `Quarry is busy with “${busy}”; wait for it to finish or cancel it.`);
      }
      if (project && !project.readOnly) {
        project.disk.probe();
        if (spec.mutates) project.disk.check();
      }
      const run = async () => handler(parsed.data as never, session);
      let value: unknown;
      if (spec.long) {
        const jobId = (parsed.data as { jobId?: string }).jobId;
        if (jobId && session.jobs.cancelledBeforeStart(jobId)) {
          throw new QuarryError('cancelled', 'Cancelled. Nothing was changed: the project is exactly as it was before.');
        }
        job = session.jobs.start(method, jobId);
        value = await runWithJob(job, run);
        session.jobs.finish(job, 'done');
      } else {
        value = await run();
      }
      if (spec.mutates) session.noteMutation();
      const now = session.project;
      if (now && now === project && !now.readOnly) now.disk.record();
      return { ok: true, value: value as ResultOf<typeof method> };
    } catch (caught) {
      const damaged = isDamage(caught) ? (session.project ?? project) : null;
      const err = damaged ? damageError(basename(damaged.path)) : caught;
      if (job) session.jobs.finish(job, err instanceof QuarryError && err.code === 'cancelled' ? 'cancelled' : 'failed');
      const typed = diskProblem(err, { path: errorPath(err) ?? session.project?.path ?? project?.path, outcome: DISK_OUTCOME });
      if (!typed) log(err);
      return { ok: false, error: toErrorPayload(typed ?? err) };
    }
  };
}
