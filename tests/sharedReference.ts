/**
 * The reference material beside the checkout (`../shared`: REFI-QDA samples and
 * schemas, the fixture spec). CI clones the project with it alongside; tests
 * that read it say so when it is absent.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const beside = resolve(import.meta.dirname, '..', '..', 'shared');
export const SHARED_DIR = existsSync(beside) ? beside : '/work/shared';
export const sharedPath = (...parts: string[]): string => join(SHARED_DIR, ...parts);
