/**
 * Attributions for quotes from a project: a label template rendered over the
 * quoted passage's case and its attribute values.
 */
import type Database from 'better-sqlite3';
import { findAttribute } from '../cases/typeInference.js';
import { namedCaseAttributes } from '../services/caseAttributeNames.js';
import { listCaseRecords } from '../services/caseService.js';
import { spanTime } from '../store/cuesStore.js';
import { formatClock } from '../transcripts/timecode.js';
import { compileLabelTemplate, DEFAULT_LABEL_TEMPLATE, type AttributionContext } from './attributionTemplate.js';

/** The passage being credited; its span lets {time} find when it was said. */
export type Attributor = (p: { case: string | null; source: string; sourceId?: number; start?: number; end?: number }) => string;

/** Compiles the template against the project's attributes (an unknown name is refused) and returns a labeller. */
export function projectAttributor(db: Database.Database, template = DEFAULT_LABEL_TEMPLATE): Attributor {
  const attrs = namedCaseAttributes(db);
  // Each placeholder names one attribute: its own name, or {School.Size} where classifications share Size (a shared bare name is refused).
  const defs = attrs.map((a) => a.def);
  const fieldIds = new Map<string, number>();
  for (const f of compileLabelTemplate(template).fields) {
    if (['case', 'source', 'time'].includes(f.toLowerCase())) continue;
    const def = findAttribute(defs, f);
    const hit = attrs.find((a) => a.def === def);
    if (hit) fieldIds.set(f, hit.row.id);
  }
  // A name that means nothing is refused with the list of what exists.
  const compiled = compileLabelTemplate(template, [...attrs.map((a) => a.ref), ...fieldIds.keys()]);
  const byCase = new Map<string, Record<string, string>>();
  if (fieldIds.size > 0) {
    for (const c of listCaseRecords(db)) {
      const values: Record<string, string> = {};
      for (const [field, id] of fieldIds) {
        const v = c.values[id];
        // In a credit line a missing or not-applicable value is simply left out.
        values[field] = v?.kind === 'value' ? v.value : '';
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
