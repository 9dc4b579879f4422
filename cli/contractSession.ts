/**
 * The CLI's way into the one API contract: a project opened into a one-shot
 * Session and called through the same dispatcher the desktop app and the
 * browser-mode server use, so a command prints exactly what the method
 * returns (no second implementation of a result's shape).
 */
import { dirname } from 'node:path';
import { ProjectDb, type OpenResult } from '../shared/db/projectDb.js';
import { QuarryError } from '../shared/errors.js';
import type { ArgsOf, MethodName, ResultOf } from '../shared/api/contract.js';
import { createLazyDispatcher } from '../shared/api/lazyDispatcher.js';
import { Session } from '../shared/api/session.js';
import type { CliIo } from './io.js';
import { abs, coderName } from './projectAccess.js';

export interface CliApi {
  /** Calls a contract method; a refusal is thrown as the QuarryError the user sees. */
  call<K extends MethodName>(method: K, args: ArgsOf<K>): Promise<ResultOf<K>>;
  /** The project file as given on the command line (for messages). */
  readonly projectArg: string;
}

export interface Access {
  /** Open for writing (with the lock); otherwise read-only without the lock, safe beside a running app. */
  write?: boolean;
  /** The --coder value, if any (else $QUARRY_CODER, else the user name). */
  coder?: string | undefined;
}

/**
 * A one-shot session, with the `opened` project attached when given (else a contract call such as
 * project.create opens one), fn run against it, and the session always closed.
 */
async function inSession<T>(io: CliIo, projectArg: string, access: Access, opened: OpenResult | undefined, fn: (api: CliApi) => T | Promise<T>): Promise<T> {
  // The session's data folder is the open project's own folder (a one-shot session reads no settings
  // and writes none); with no project yet, the working folder, so a missing folder is never made.
  const folder = opened ? dirname(opened.project.path) : io.cwd;
  const session = new Session({ dataDir: folder, projectsDir: folder, platform: 'web', backupCheckMs: 0, oneShot: { coderName: coderName(io, access.coder) } });
  if (opened) {
    try {
      session.attach(opened.project, opened.upgradedFrom);
    } catch (err) {
      opened.project.close();
      throw err;
    }
  }
  // An unexpected failure keeps its own message for the CLI's "internal error" line (the transports hide it).
  let internal: unknown;
  const dispatch = createLazyDispatcher(session, (err) => (internal = err));
  const api: CliApi = {
    projectArg,
    call: async (method, args) => {
      internal = undefined;
      const r = await dispatch(method, args);
      if (r.ok) return r.value as ResultOf<typeof method>;
      if (r.error.code === 'internal' && internal !== undefined) throw internal;
      throw new QuarryError(r.error.code, r.error.message, r.error.details);
    },
  };
  try {
    return await fn(api);
  } finally {
    session.close();
  }
}

/** Opens the project, runs fn against the contract, and always closes the project. */
export function withContract<T>(io: CliIo, projectArg: string, access: Access, fn: (api: CliApi) => T | Promise<T>): Promise<T> {
  // Opened before the session exists: a missing project is refused before anything is made beside it.
  const opened = ProjectDb.open(abs(io, projectArg), access.write ? {} : { readOnly: true, lock: false });
  return inSession(io, projectArg, access, opened, fn);
}

export const readContract = <T>(io: CliIo, projectArg: string, fn: (api: CliApi) => T | Promise<T>): Promise<T> => withContract(io, projectArg, {}, fn);

/** No project open yet: fn creates it through the contract (project.create), and it is closed afterwards. */
export const withoutProject = <T>(io: CliIo, projectArg: string, fn: (api: CliApi) => T | Promise<T>): Promise<T> => inSession(io, projectArg, {}, undefined, fn);
