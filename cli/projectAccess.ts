import { isAbsolute, resolve } from 'node:path';
import { ProjectDb } from '../shared/db/projectDb.js';
import type { ServiceContext } from '../shared/services/context.js';
import type { CliIo } from './io.js';

export function coderName(io: CliIo, explicit?: string): string {
  return explicit?.trim() || io.env.QUARRY_CODER?.trim() || io.env.USER || io.env.USERNAME || 'quarry-cli';
}

export const abs = (io: CliIo, p: string): string => (isAbsolute(p) ? p : resolve(io.cwd, p));

/** Opens read-only without the lock: reading is safe beside a running app (WAL). */
export function withReadProject<T>(io: CliIo, path: string, fn: (ctx: ServiceContext) => T): T {
  const { project } = ProjectDb.open(abs(io, path), { readOnly: true, lock: false });
  try {
    return fn({ project, coderName: coderName(io) });
  } finally {
    project.close();
  }
}

export async function withWriteProject<T>(io: CliIo, path: string, coder: string | undefined, fn: (ctx: ServiceContext) => T | Promise<T>): Promise<T> {
  const { project } = ProjectDb.open(abs(io, path));
  try {
    return await fn({ project, coderName: coderName(io, coder) });
  } finally {
    project.close();
  }
}
