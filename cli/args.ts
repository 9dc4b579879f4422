import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** Strict option parsing: an unknown flag or a missing value is a usage error (exit 2). */
export function parse(argv: string[], options: Options, positionals: { min: number; max?: number; usage: string }): Parsed {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as Parsed;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${positionals.usage}`);
  }
  const n = parsed.positionals.length;
  if (n < positionals.min || (positionals.max !== undefined && n > positionals.max)) {
    throw new UsageError(`usage: ${positionals.usage}`);
  }
  return parsed;
}

export function str(p: Parsed, key: string): string | undefined {
  const v = p.values[key];
  return typeof v === 'string' ? v : undefined;
}

export function list(p: Parsed, key: string): string[] {
  const v = p.values[key];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function flag(p: Parsed, key: string): boolean {
  return p.values[key] === true;
}

export function int(value: string, what: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`${what} must be a whole number, not “${value}”.`);
  return Number(value);
}
