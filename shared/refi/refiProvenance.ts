/**
 * Keeping another tool's provenance across a Quarry round trip: the import
 * stores who made and last changed the project, sources, selections and
 * notes, and when (provenanceStore.ts, project_meta); the export writes them
 * back as they were rather than the importing user and the export's time.
 */
import type Database from 'better-sqlite3';
import { getMeta, setMeta } from '../store/metaStore.js';
import { readCodingProvenanceOfSource, readProvenance, setMemoModified, setSourceModified, type SelectionProvenance } from '../store/provenanceStore.js';
import { derivedGuid, isRefiGuid, normalizeGuid } from './refiGuid.js';
import type { PlannedProvenance, RefiImportPlan } from './refiImportPlanTypes.js';
import type { RefiProject, RefiSelection } from './refiModel.js';

const META = { creatingUser: 'refi_creating_user', created: 'refi_creation_datetime', modifyingUser: 'refi_modifying_user', modified: 'refi_modified_datetime' } as const;

/** A coding's selection provenance as stored, its users as their new ids (written with the coding itself). */
export function selectionProvenance(users: Map<string, number>, sel: PlannedProvenance): SelectionProvenance {
  const user = (guid: string | undefined): number | null => (guid === undefined ? null : (users.get(guid) ?? null));
  return { createdBy: user(sel.createdByGuid), createdAt: sel.createdAt ?? null, modifiedBy: user(sel.modifiedByGuid), modifiedAt: sel.modifiedAt ?? null };
}

/** After the plan's rows are written: the provenance of the project, sources and memos (ids are looked up by GUID). */
export function writeImportProvenance(
  db: Database.Database,
  plan: RefiImportPlan,
  ids: { users: Map<string, number>; sources: Map<string, number>; memos: Map<string, number> },
): void {
  const user = (guid: string | undefined): number | null => (guid === undefined ? null : (ids.users.get(guid) ?? null));
  const pp = plan.projectProvenance;
  if (pp.createdByGuid) setMeta(db, META.creatingUser, pp.createdByGuid);
  if (pp.createdAt) setMeta(db, META.created, pp.createdAt);
  if (pp.modifiedByGuid) setMeta(db, META.modifyingUser, pp.modifiedByGuid);
  if (pp.modifiedAt) setMeta(db, META.modified, pp.modifiedAt);
  for (const s of plan.sources) {
    const id = ids.sources.get(s.guid);
    if (id !== undefined && (s.modifiedAt || s.modifiedByGuid)) setSourceModified(db, id, s.modifiedAt ?? null, user(s.modifiedByGuid));
  }
  for (const m of plan.memos) {
    const id = ids.memos.get(m.guid);
    if (id !== undefined && m.modifiedAt) setMemoModified(db, id, m.modifiedAt, user(m.modifiedByGuid));
  }
}

/** The GUID a stored row is exported under (projectToRefi replaces one that is not a REFI GUID the same way). */
const exported = (table: string, guid: string): string => (isRefiGuid(guid.trim()) ? normalizeGuid(guid) : derivedGuid('quarry-id', table, guid));

type UserRef = (guid: string | null | undefined) => string | undefined;

/** A stored user GUID as exported, if that user is in the project. */
function userRefs(project: RefiProject): UserRef {
  const knownUsers = new Set(project.users.map((u) => u.guid));
  return (guid) => {
    if (!guid) return undefined;
    const g = exported('users', guid);
    return knownUsers.has(g) ? g : undefined;
  };
}

/** Puts the stored provenance of the project, its sources and notes on an exported model (in place); selections get theirs from storedSelectionProvenance. */
export function applyStoredProvenance(db: Database.Database, project: RefiProject): void {
  const stored = readProvenance(db);
  const userRef = userRefs(project);
  const creator = userRef(getMeta(db, META.creatingUser));
  if (creator) project.creatingUserGuid = creator;
  const created = getMeta(db, META.created);
  if (created) project.creationDateTime = created;
  const modifier = userRef(getMeta(db, META.modifyingUser));
  if (modifier) project.modifyingUserGuid = modifier;
  const modified = getMeta(db, META.modified);
  if (modified) project.modifiedDateTime = modified;

  const sources = new Map([...stored.sources].map(([g, v]) => [exported('sources', g), v]));
  const memos = new Map([...stored.memos].map(([g, v]) => [exported('memos', g), v]));
  for (const src of project.sources) {
    const s = sources.get(src.guid);
    if (!s) continue;
    const by = userRef(s.modifiedBy);
    if (by) src.modifyingUserGuid = by;
    if (s.modifiedAt) src.modifiedDateTime = s.modifiedAt;
  }
  for (const note of project.notes) {
    const m = memos.get(note.guid);
    if (!m) continue;
    const by = userRef(m.modifiedBy);
    if (by) note.modifyingUserGuid = by;
    note.modifiedDateTime = m.modifiedAt;
  }
}

/** Puts the stored provenance on one source's selections (in place), read for that source alone. */
export function storedSelectionProvenance(db: Database.Database, project: RefiProject): (sourceId: number, selections: RefiSelection[]) => void {
  const userRef = userRefs(project);
  return (sourceId, selections) => {
    const stored = readCodingProvenanceOfSource(db, sourceId);
    if (stored.size === 0) return;
    const codings = new Map([...stored].map(([g, v]) => [exported('codings', g), v]));
    for (const sel of selections) {
      // Quarry exports one selection per coding, so the selection's provenance is its coding's.
      const coding = sel.codings.length === 1 ? sel.codings[0] : undefined;
      if (!coding) continue;
      const c = codings.get(coding.guid);
      if (!c) continue;
      const createdBy = userRef(c.createdBy);
      if (createdBy) sel.creatingUserGuid = createdBy;
      if (c.createdAt) sel.creationDateTime = c.createdAt;
      const modifiedBy = userRef(c.modifiedBy);
      if (modifiedBy) sel.modifyingUserGuid = modifiedBy;
      if (c.modifiedAt) sel.modifiedDateTime = c.modifiedAt;
    }
  };
}
