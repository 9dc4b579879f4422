/**
 * Attributions for quotes from a project: a label template rendered over the
 * quoted passage's case and its attribute values.
 */
import type Database from 'better-sqlite3';
import { listAttributes, listCaseRecords } from '../services/caseService.js';
import { spanTime } from '../store/cuesStore.js';
import { formatClock } from '../transcripts/timecode.js';
import { compileLabelTemplate, DEFAULT_LABEL_TEMPLATE, type AttributionContext } from './attributionTemplate.js';

/** The passage being credited; its span lets {time} find when it was said. */
export type Attributor = (p: { case: string | null; source: string; sourceId?: number; start?: number; end?: number }) => string;

/** Compiles the template against the project's attributes (an unknown name is refused) and returns a labeller. */
export function projectAttributor(db: Database.Database, template = DEFAULT_LABEL_TEMPLATE): Attributor {
  const attrs = listAttributes(db);
  const compiled = compileLabelTemplate(template, attrs.map((a) => a.name));
  const byCase = new Map<string, Record<string, string>>();
  if (compiled.fields.some((f) => !['case', 'source', 'time'].includes(f.toLowerCase()))) {
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
  const usesTime = compiled.fields.some((f) => f.toLowerCase() === 'time');
  return (p) => {
    const span = usesTime && p.sourceId !== undefined && p.start !== undefined && p.end !== undefined ? spanTime(db, p.sourceId, p.start, p.end) : null;
    const time = span ? `[${formatClock(span[0])}]` : '';
    const key = `${p.case ?? ''}\u0000${p.source}\u0000${time}`;
    let label = cache.get(key);
    if (label === undefined) {
      const ctx: AttributionContext = { case: p.case, source: p.source, attributes: (p.case !== null && byCase.get(p.case)) || {}, time };
      // An untimed passage leaves "{time}" empty: no double space where it stood.
      const rendered = compiled.render(ctx);
      label = (usesTime && time === '' ? rendered.replace(/\s{2,}/g, ' ') : rendered).trim();
      cache.set(key, label);
    }
    return label;
  };
}

export const naturalCompare = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;
