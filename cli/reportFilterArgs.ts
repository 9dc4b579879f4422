/**
 * The filter flags every report and query shares: --where "ATTR=VALUE"
 * (repeatable, all must hold), --set NAME, --case NAME and --source NAME
 * (both repeatable), and for reports --classification NAME. They become one
 * ReportFilter, the shape the loaders take.
 */
import { QuarryError } from '../shared/errors.js';
import type { ReportFilter } from '../shared/exporters/reportFilter.js';
import { parseCondition } from '../shared/cases/attributeCondition.js';
import { list, str, type Parsed } from './args.js';
import { UsageError } from './io.js';

export const CASE_FILTER_OPTIONS = { where: { type: 'string', multiple: true }, set: { type: 'string' } } as const;
export const CLASSIFICATION_OPTION = { classification: { type: 'string' } } as const;
export const REPORT_FILTER_OPTIONS = { ...CASE_FILTER_OPTIONS, ...CLASSIFICATION_OPTION, case: { type: 'string', multiple: true }, source: { type: 'string', multiple: true } } as const;

/** A value the command cannot read is a usage error (exit 2), not a project error. */
export function asUsage<T>(read: (spec: string) => T, spec: string): T {
  try {
    return read(spec);
  } catch (err) {
    if (err instanceof QuarryError) throw new UsageError(err.message);
    throw err;
  }
}

/** The filter the flags ask for, or undefined when they ask nothing. */
export function reportFilterOf(p: Parsed): ReportFilter | undefined {
  const where = list(p, 'where').map((w) => asUsage(parseCondition, w));
  const set = str(p, 'set');
  const cases = list(p, 'case');
  const sources = list(p, 'source');
  const classification = str(p, 'classification');
  if (where.length === 0 && set === undefined && cases.length === 0 && sources.length === 0 && classification === undefined) return undefined;
  return {
    ...(where.length ? { where } : {}),
    ...(set !== undefined ? { set } : {}),
    ...(cases.length ? { cases } : {}),
    ...(sources.length ? { sources } : {}),
    ...(classification !== undefined ? { classification } : {}),
  };
}
