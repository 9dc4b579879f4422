/**
 * A whole project read in one go, row for row with ids and GUIDs: what the
 * REFI-QDA export maps to the standard and what a merge compares against
 * another project. Source texts are left out (read them one at a time with
 * getSourceText) so that a snapshot of a large project stays small.
 */
import type Database from 'better-sqlite3';
import type { AttributeValue } from '../cases/attributeTypes.js';
import type { MemoTarget } from '../domain/types.js';
import { listAttributes, listValues, type AttributeRow } from './attributesStore.js';
import { getMeta } from './metaStore.js';
import { listSourceAttributes, listSourceValues } from './sourceAttributesStore.js';
import type { MediaRow } from './mediaStore.js';
import type { TimedLine } from '../domain/mediaTypes.js';
import { stmt } from './statements.js';

export interface SnapUser {
  id: number;
  guid: string;
  name: string;
  initials: string;
  color: string;
  createdAt: string;
}

/** A source set or code set; members are source or code ids. */
export interface SnapItemSet {
  id: number;
  guid: string;
  kind: 'sources' | 'codes';
  name: string;
  description: string;
  members: number[];
}

export interface SnapCode {
  id: number;
  guid: string;
  parentId: number | null;
  name: string;
  /** null when the code has no colour of its own. */
  color: string | null;
  description: string;
  sortOrder: number;
  createdAt: string;
  createdBy: number | null;
  /** 0 for a folder code (never applied), as stored (schema 8 on; 1 in an older file). */
  isCodable: number;
}

export interface SnapSource {
  id: number;
  guid: string;
  name: string;
  characters: number;
  contentHash: string;
  originName: string;
  originType: string;
  encoding: string;
  description: string;
  caseId: number | null;
  createdAt: string;
  createdBy: number | null;
}

export interface SnapCoding {
  id: number;
  guid: string;
  sourceId: number;
  codeId: number;
  start: number;
  end: number;
  coderId: number;
  createdAt: string;
}

export interface SnapMemo {
  id: number;
  guid: string;
  target: MemoTarget;
  sourceId: number | null;
  codeId: number | null;
  codingId: number | null;
  caseId: number | null;
  start: number | null;
  end: number | null;
  title: string;
  body: string;
  authorId: number | null;
  createdAt: string;
  modifiedAt: string;
}

export interface SnapCase {
  id: number;
  guid: string;
  name: string;
  description: string;
  createdAt: string;
  /** The case it is nested under. */
  parentId: number | null;
  classificationId: number | null;
}

export interface SnapClassification {
  id: number;
  guid: string;
  name: string;
  description: string;
}

export interface SnapSourceValue {
  sourceId: number;
  attributeId: number;
  value: AttributeValue;
}

export interface SnapValue {
  caseId: number;
  attributeId: number;
  value: AttributeValue;
}

export interface SnapCaseSpan {
  id: number;
  guid: string;
  caseId: number;
  sourceId: number;
  start: number;
  end: number;
  createdAt: string;
}

export interface SnapCaseSet {
  id: number;
  guid: string;
  name: string;
  description: string;
  /** The stored rule JSON, or null for a hand-made set. */
  rule: string | null;
  members: number[];
}

/** A source's recording as described in its row (never its bytes); `chunks`/`chunkBytes` say what its stored pieces add up to. */
export interface SnapMedia extends MediaRow {
  chunks: number;
  chunkBytes: number;
  lastSeq: number;
}

/** One timed line of a transcript: code points [start, end) and milliseconds. */
export interface SnapCue extends TimedLine {
  sourceId: number;
}

export interface ProjectSnapshot {
  guid: string;
  name: string;
  createdAt: string;
  users: SnapUser[];
  codes: SnapCode[];
  sources: SnapSource[];
  codings: SnapCoding[];
  memos: SnapMemo[];
  cases: SnapCase[];
  classifications: SnapClassification[];
  attributes: AttributeRow[];
  values: SnapValue[];
  /** Source attributes (Wave, Interview date) and their values. */
  sourceAttributes: AttributeRow[];
  sourceValues: SnapSourceValue[];
  caseSpans: SnapCaseSpan[];
  caseSets: SnapCaseSet[];
  /** Source sets and code sets; absent in a snapshot from a reader that predates them (merge does not compare them). */
  itemSets?: SnapItemSet[];
  media: SnapMedia[];
  cues: SnapCue[];
}

/** An attribute as stored: its choice list still the JSON text of the file. */
export interface RawSnapAttribute extends Omit<AttributeRow, 'choices'> {
  choices: unknown;
}

/** A value as stored, before its kind is trusted. */
export interface RawSnapValue {
  caseId: unknown;
  attributeId: unknown;
  kind: unknown;
  value: unknown;
}

export interface RawSnapSourceValue {
  sourceId: unknown;
  attributeId: unknown;
  kind: unknown;
  value: unknown;
}

/**
 * Another project's rows exactly as its file holds them: nothing decoded, so
 * that reading a crafted file cannot fail half-way. Every row must be
 * checked (foreign/checkSnapshot.ts) before it is used.
 */
export interface RawSnapshot extends Omit<ProjectSnapshot, 'attributes' | 'values' | 'media' | 'sourceAttributes' | 'sourceValues'> {
  attributes: RawSnapAttribute[];
  values: RawSnapValue[];
  sourceAttributes: RawSnapAttribute[];
  sourceValues: RawSnapSourceValue[];
  /** `embedded` is still the file's 0 or 1. */
  media: (Omit<SnapMedia, 'embedded'> & { embedded: unknown })[];
}

const hasTable = (db: Database.Database, name: string): boolean =>
  stmt(db, `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(name) !== undefined;

/** What to leave out of a snapshot: `codings: false` reads none (an export reads them a source at a time: readCodingsOfSource; a merge settles most of them in SQL: mergeCodingsStore.ts). */
export interface SnapshotReadOptions {
  codings?: boolean;
}

export function readSnapshot(db: Database.Database, opts: SnapshotReadOptions = {}): ProjectSnapshot {
  return {
    ...readCommonRows(db, opts),
    attributes: listAttributes(db),
    values: listValues(db),
    sourceAttributes: hasTable(db, 'source_attributes') ? listSourceAttributes(db) : [],
    sourceValues: hasTable(db, 'source_attribute_values') ? listSourceValues(db) : [],
    media: readMediaRows(db).map((m) => ({ ...m, embedded: m.embedded === 1 })),
  };
}

/** Recordings' rows with what their stored pieces add up to (length() of a blob does not read it). */
function readMediaRows(db: Database.Database): RawSnapshot['media'] {
  if (!hasTable(db, 'media')) return [];
  return db
    .prepare(
      `SELECT m.source_id AS sourceId, m.kind, m.mime, m.file_name AS fileName, m.duration_ms AS durationMs, m.byte_size AS bytes, m.sha256,
              m.embedded, m.link_path AS linkPath,
              (SELECT count(*) FROM media_chunks c WHERE c.source_id = m.source_id) AS chunks,
              (SELECT coalesce(sum(length(c.bytes)), 0) FROM media_chunks c WHERE c.source_id = m.source_id) AS chunkBytes,
              (SELECT coalesce(max(c.seq), -1) FROM media_chunks c WHERE c.source_id = m.source_id) AS lastSeq
       FROM media m ORDER BY m.source_id`,
    )
    .all() as RawSnapshot['media'];
}

export function readRawSnapshot(db: Database.Database, opts: SnapshotReadOptions = {}): RawSnapshot {
  const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
  return {
    ...readCommonRows(db, opts),
    attributes: all(
      `SELECT id, guid, name, type, choices, description, sort_order AS sortOrder${hasColumn(db, 'attributes', 'classification_id') ? ', classification_id AS classificationId' : ''}
       FROM attributes ORDER BY sort_order, id`,
    ),
    values: all(`SELECT case_id AS caseId, attribute_id AS attributeId, kind, value FROM attribute_values`),
    sourceAttributes: hasTable(db, 'source_attributes') ? all(`SELECT id, guid, name, type, choices, description, sort_order AS sortOrder FROM source_attributes ORDER BY sort_order, id`) : [],
    sourceValues: hasTable(db, 'source_attribute_values') ? all(`SELECT source_id AS sourceId, attribute_id AS attributeId, kind, value FROM source_attribute_values`) : [],
    media: readMediaRows(db),
  };
}

const hasColumn = (db: Database.Database, table: string, column: string): boolean =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).includes(column);

/** Source sets and code sets (schema 8 on; an older file has none). */
function readItemSets(db: Database.Database): SnapItemSet[] {
  if (!hasTable(db, 'item_sets')) return [];
  const sets = db.prepare(`SELECT id, guid, kind, name, description FROM item_sets ORDER BY kind DESC, name COLLATE NOCASE, id`).all() as Omit<SnapItemSet, 'members'>[];
  const members = db
    .prepare(`SELECT set_id AS setId, source_id AS memberId FROM source_set_members UNION ALL SELECT set_id, code_id FROM code_set_members ORDER BY 2`)
    .all() as { setId: number; memberId: number }[];
  return sets.map((s) => ({ ...s, members: members.filter((m) => m.setId === s.id).map((m) => m.memberId) }));
}

/** A coding's columns as a snapshot names them, for `c`, a codings table (mine or an attached one's). */
export const codingColumns = (c: string): string =>
  `${c}.id, ${c}.guid, ${c}.source_id AS sourceId, ${c}.code_id AS codeId, ${c}.start_pos AS start, ${c}.end_pos AS "end", ${c}.coder_id AS coderId, ${c}.created_at AS createdAt`;

/** The order a snapshot lists codings in (the merge's checks and plan follow it). */
export const codingOrder = (c: string): string => `${c}.source_id, ${c}.start_pos, ${c}.end_pos, ${c}.id`;


/** One source's codings, in the order of the snapshot's (start, end, id). */
export function readCodingsOfSource(db: Database.Database, sourceId: number): SnapCoding[] {
  return stmt(db, `SELECT ${codingColumns('c')} FROM codings c WHERE c.source_id = ? ORDER BY c.start_pos, c.end_pos, c.id`).all(sourceId) as SnapCoding[];
}

/** How many codings one source has. */
export function countCodingsOfSource(db: Database.Database, sourceId: number): number {
  return stmt(db, `SELECT count(*) FROM codings WHERE source_id = ?`).pluck().get(sourceId) as number;
}

/** The codings of one source that have memos (each once). */
export function codingsWithMemosOfSource(db: Database.Database, sourceId: number): number[] {
  return stmt(db, `SELECT DISTINCT m.coding_id FROM memos m JOIN codings c ON c.id = m.coding_id WHERE m.target = 'coding' AND c.source_id = ? ORDER BY 1`)
    .pluck()
    .all(sourceId) as number[];
}

function readCommonRows(db: Database.Database, opts: SnapshotReadOptions): Omit<ProjectSnapshot, 'attributes' | 'values' | 'media' | 'sourceAttributes' | 'sourceValues'> {
  const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
  const caseSets = hasTable(db, 'case_sets')
    ? all<Omit<SnapCaseSet, 'members'>>(`SELECT id, guid, name, description, rule FROM case_sets ORDER BY name COLLATE NOCASE, id`)
    : [];
  const members = hasTable(db, 'case_set_members') ? all<{ setId: number; caseId: number }>(`SELECT set_id AS setId, case_id AS caseId FROM case_set_members ORDER BY case_id`) : [];
  return {
    guid: getMeta(db, 'guid') ?? '',
    name: getMeta(db, 'name') ?? '',
    createdAt: getMeta(db, 'created_at') ?? '',
    users: all(`SELECT id, guid, name, initials, color, created_at AS createdAt FROM users ORDER BY id`),
    codes: all(
      `SELECT id, guid, parent_id AS parentId, name, color, description, sort_order AS sortOrder, created_at AS createdAt, created_by AS createdBy,
              ${hasColumn(db, 'codes', 'is_codable') ? 'is_codable AS isCodable' : '1 AS isCodable'}
       FROM codes ORDER BY sort_order, name COLLATE NOCASE, id`,
    ),
    sources: all(
      `SELECT id, guid, name, char_count AS characters, content_hash AS contentHash, origin_name AS originName, origin_type AS originType,
              encoding, description, case_id AS caseId, created_at AS createdAt, created_by AS createdBy
       FROM sources ORDER BY name COLLATE NOCASE, id`,
    ),
    codings: opts.codings === false ? [] : all(`SELECT ${codingColumns('c')} FROM codings c ORDER BY ${codingOrder('c')}`),
    memos: all(
      `SELECT id, guid, target, source_id AS sourceId, code_id AS codeId, coding_id AS codingId, case_id AS caseId, start_pos AS start,
              end_pos AS "end", title, body, author_id AS authorId, created_at AS createdAt, modified_at AS modifiedAt
       FROM memos ORDER BY created_at, id`,
    ),
    cases: hasColumn(db, 'cases', 'parent_id')
      ? all(`SELECT id, guid, name, description, created_at AS createdAt, parent_id AS parentId, classification_id AS classificationId FROM cases ORDER BY name COLLATE NOCASE, id`)
      : all(`SELECT id, guid, name, description, created_at AS createdAt, NULL AS parentId, NULL AS classificationId FROM cases ORDER BY name COLLATE NOCASE, id`),
    classifications: hasTable(db, 'classifications') ? all(`SELECT id, guid, name, description FROM classifications ORDER BY sort_order, id`) : [],
    caseSpans: hasTable(db, 'case_spans')
      ? all(
          `SELECT id, guid, case_id AS caseId, source_id AS sourceId, start_pos AS start, end_pos AS "end", created_at AS createdAt
           FROM case_spans ORDER BY source_id, start_pos, id`,
        )
      : [],
    caseSets: caseSets.map((s) => ({ ...s, members: members.filter((m) => m.setId === s.id).map((m) => m.caseId) })),
    itemSets: readItemSets(db),
    cues: hasTable(db, 'source_cues')
      ? all(`SELECT source_id AS sourceId, start_pos AS start, end_pos AS "end", start_ms AS startMs, end_ms AS endMs FROM source_cues ORDER BY source_id, start_pos`)
      : [],
  };
}
