/**
 * Only Quarry's own schema runs. A project file is untrusted input: before
 * Quarry writes to it, reads it for a merge, or shows it, the file's
 * `sqlite_schema` must be exactly the canonical schema of its format number —
 * the same tables, indexes, virtual tables and triggers with the same SQL, and
 * nothing else. A trigger, view or table that Quarry did not create would run
 * inside Quarry the moment a row is written or read; the file is refused
 * instead, with the findings, and the user is offered a cleaned copy.
 */
import type Database from 'better-sqlite3';
import { CURRENT_SCHEMA_VERSION } from '../migrations/index.js';
import { QuarryError } from '../../errors.js';
import { canonicalSchema } from './canonicalSchema.js';
import { objectKey, readSchemaObjects, SQLITE_INTERNAL_TABLES, type SchemaObject, type SchemaObjectType } from './schemaObjects.js';

export type SchemaFindingKind = 'extra' | 'missing' | 'altered' | 'replaced' | 'format';

export interface SchemaFinding {
  kind: SchemaFindingKind;
  /** What was found (for 'replaced': what stands where Quarry's object should be). */
  type?: SchemaObjectType;
  name?: string;
  /** In plain words, for the message and the start screen. */
  text: string;
}

/** A name from the file as it may be shown: control characters made visible, long names cut. */
function shown(name: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return `“${visible.length > 60 ? `${visible.slice(0, 57)}…` : visible}”`;
}

const ARTICLE: Record<SchemaObjectType, string> = { table: 'a table', index: 'an index', view: 'a view', trigger: 'a trigger' };

function onTable(o: SchemaObject): string {
  return (o.type === 'trigger' || o.type === 'index') && o.tblName !== o.name ? ` on ${shown(o.tblName)}` : '';
}

/** The version whose tables the file holds: the highest version that introduced a table present in it. */
function impliedVersion(found: readonly SchemaObject[]): number {
  const present = new Set(found.map(objectKey));
  const tableSql = new Map(found.filter((o) => o.type === 'table').map((o) => [o.name, o.sql]));
  let implied = 0;
  let before = new Set<string>();
  let tablesBefore = new Map<string, string | null>();
  for (let v = 1; v <= CURRENT_SCHEMA_VERSION; v++) {
    // A version may add only columns and triggers (0008 does): its new triggers and indexes count as well as its tables.
    const objects = [...canonicalSchema(v).dataTables.map((t) => `table ${t.name}`), ...canonicalSchema(v).objects.filter((o) => o.type !== 'table').map(objectKey)];
    // Or only rebuild a table (0010 does): a file holding the table as that version defines it is of that version.
    const tables = new Map(canonicalSchema(v).objects.filter((o) => o.type === 'table').map((o) => [o.name, o.sql]));
    const redefined = [...tables].some(([name, sql]) => tablesBefore.has(name) && tablesBefore.get(name) !== sql && tableSql.get(name) === sql);
    if (redefined || objects.some((k) => !before.has(k) && present.has(k))) implied = v;
    before = new Set(objects);
    tablesBefore = tables;
  }
  return implied;
}

function compareObjects(found: SchemaObject[], expected: SchemaObject[]): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const want = new Map(expected.map((o) => [objectKey(o), o]));
  const wantByName = new Map(expected.map((o) => [o.name, o]));
  const seen = new Set<string>();
  for (const o of found) {
    const key = objectKey(o);
    const canonical = want.get(key);
    if (canonical) {
      seen.add(key);
      if (canonical.sql !== o.sql || canonical.tblName !== o.tblName) {
        findings.push({ kind: 'altered', type: o.type, name: o.name, text: `the ${o.type} ${shown(o.name)} has been changed` });
      }
      continue;
    }
    if (o.type === 'table' && SQLITE_INTERNAL_TABLES.get(o.name) === o.sql) continue;
    const displaced = wantByName.get(o.name);
    if (displaced) {
      findings.push({ kind: 'replaced', type: o.type, name: o.name, text: `${ARTICLE[o.type]} ${shown(o.name)} in place of Quarry's ${displaced.type}` });
    } else {
      findings.push({ kind: 'extra', type: o.type, name: o.name, text: `${ARTICLE[o.type]} ${shown(o.name)}${onTable(o)} that Quarry did not create` });
    }
  }
  const foundNames = new Set(found.map((f) => f.name));
  const goneTables = new Set(expected.filter((o) => o.type === 'table' && !seen.has(objectKey(o))).map((o) => o.name));
  for (const [key, o] of want) {
    if (seen.has(key) || foundNames.has(o.name)) continue;
    // A missing table's indexes and triggers went with it: naming the table says it all.
    if (o.type !== 'table' && goneTables.has(o.tblName)) continue;
    findings.push({ kind: 'missing', type: o.type, name: o.name, text: `Quarry's ${o.type} ${shown(o.name)} is missing` });
  }
  return findings;
}

/** Everything in the file's schema that differs from Quarry's schema for its format number; empty when it is Quarry's own. */
export function inspectSchema(db: Database.Database): SchemaFinding[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  const found = readSchemaObjects(db);
  // The common case — Quarry's own file — needs only its own version's schema.
  if (version >= 1 && version <= CURRENT_SCHEMA_VERSION && compareObjects(found, canonicalSchema(version).objects).length === 0) return [];
  const implied = impliedVersion(found);
  const findings: SchemaFinding[] = [];
  let compareWith = version;
  if (version < 1) {
    findings.push({ kind: 'format', text: `its format number is ${version}, which no Quarry project has` });
    compareWith = Math.max(implied, 1);
  } else if (implied > version) {
    findings.push({ kind: 'format', text: `its format number (${version}) is lower than its tables imply (${implied})` });
    compareWith = implied;
  }
  if (compareWith > CURRENT_SCHEMA_VERSION) return findings; // refused as newer before it gets here
  return [...findings, ...compareObjects(found, canonicalSchema(compareWith).objects)];
}

const LISTED = 5;

/** Throws `untrusted_file` (with the findings and the offer of a cleaned copy) unless the schema is Quarry's own. */
export function assertQuarrySchema(db: Database.Database, fileName: string): void {
  const findings = inspectSchema(db);
  if (findings.length === 0) return;
  const listed = findings.slice(0, LISTED).map((f) => f.text);
  const more = findings.length > LISTED ? `, and ${findings.length - LISTED} more` : '';
  throw new QuarryError(
    'untrusted_file',
    `${fileName} holds things Quarry did not put there, so Quarry will not use it: ${listed.join('; ')}${more}. ` +
      `It may have been made or changed by another program. The file was not changed. ` +
      `You can open a cleaned copy instead: Quarry copies the project's data into a new file beside it and leaves this one as it is.`,
    { file: fileName, findings, cleanedCopy: true },
  );
}
