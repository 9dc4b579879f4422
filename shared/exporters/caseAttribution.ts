/**
 * Attributions for quotes from a project: a label template rendered over the
 * quoted passage's case and its attribute values.
 */
import type Database from 'better-sqlite3';
import { listAttributes, listCaseRecords } from '../services/caseService.js';
import { compileLabelTemplate, DEFAULT_LABEL_TEMPLATE, type AttributionContext } from './attributionTemplate.js';

export type Attributor = (p: { case: string | null; source: string }) => string;

/** Compiles the template against the project's attributes (an unknown name is refused) and returns a labeller. */
export function projectAttributor(db: Database.Database, template = DEFAULT_LABEL_TEMPLATE): Attributor {
  const attrs = listAttributes(db);
  const compiled = compileLabelTemplate(template, attrs.map((a) => a.name));
  const byCase = new Map<string, Record<string, string>>();
  if (compiled.fields.some((f) => !['case', 'source'].includes(f.toLowerCase()))) {
    for (const c of listCaseRecords(db)) {
      const values: Record<string, string> = {};
      for (const a of attrs) {
        const v = c.values[a.id];
        // In a credit line a missing or not-applicable value is simply left out.
        values[a.name] = v?.kind === 'value' ? v.value : '';
      }
      byCase.set(c.name, values);
    }
  }
  const cache = new Map<string, string>();
  return (p) => {
    const key = `${p.case ?? ''}\u0000${p.source}`;
    let label = cache.get(key);
    if (label === undefined) {
      const ctx: AttributionContext = { case: p.case, source: p.source, attributes: (p.case !== null && byCase.get(p.case)) || {} };
      label = compiled.render(ctx).trim();
      cache.set(key, label);
    }
    return label;
  };
}

export const naturalCompare = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;
