import { isAbsolute, resolve } from 'node:path';
import type { CliIo } from './io.js';

export function coderName(io: CliIo, explicit?: string): string {
  return explicit?.trim() || io.env.QUARRY_CODER?.trim() || io.env.USER || io.env.USERNAME || 'quarry-cli';
}

export const abs = (io: CliIo, p: string): string => (isAbsolute(p) ? p : resolve(io.cwd, p));
