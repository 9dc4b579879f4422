/**
 * Saved query definitions: any query (text search, coding, matrix,
 * co-occurrence, word frequency) stored under a name and re-run later
 * against the project as it is then. Definitions are validated when saved
 * (parseDefinition) and again when read, so a stored definition that no
 * longer fits (a deleted code) fails with the query's own message.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { mutate, type ServiceContext } from '../services/context.js';
import {
  deleteSavedQuery,
  findSavedQueryByName,
  getSavedQueryRow,
  insertSavedQuery,
  listSavedQueryRows,
  updateSavedQuery,
  type SavedQueryRow,
} from '../store/savedQueryStore.js';
import { runCodingQuery } from './codingQuery.js';
import { runCooccurrence } from './cooccurrence.js';
import { runMatrixQuery } from './matrixQuery.js';
import { searchText } from './textSearch.js';
import { SAVED_QUERY_KINDS } from './queryKindRegistry.js';
import type { QueryKindTypes, SavedQuery, SavedQueryDefinition, SavedQueryKind, SavedQueryRun } from './types.js';
import { wordFrequency } from './wordFrequency.js';

export { SAVED_QUERY_KINDS };

function decode(r: SavedQueryRow): SavedQuery {
  return {
    id: r.id,
    guid: r.guid,
    name: r.name,
    kind: r.kind,
    definition: JSON.parse(r.definition),
    createdAt: r.createdAt,
    modifiedAt: r.modifiedAt,
  } as SavedQuery;
}

export function listSavedQueries(db: Database.Database): SavedQuery[] {
  return listSavedQueryRows(db).map(decode);
}

export function getSavedQuery(db: Database.Database, id: number): SavedQuery {
  const r = getSavedQueryRow(db, id);
  if (!r) throw new QuarryError('not_found', 'That saved query no longer exists.');
  return decode(r);
}

export function saveQuery(ctx: ServiceContext, args: SavedQueryDefinition & { id?: number; name: string }): SavedQuery {
  const name = args.name.trim();
  if (!name) throw new QuarryError('bad_request', 'A saved query needs a name.');
  if (name.length > 200) throw new QuarryError('bad_request', 'Saved query names are limited to 200 characters.');
  if (!(SAVED_QUERY_KINDS as readonly string[]).includes(args.kind)) throw new QuarryError('bad_request', `“${String(args.kind)}” is not a kind of query.`);
  const id = mutate(ctx, args.id === undefined ? 'Save query' : 'Edit saved query', (db) => {
    const clash = findSavedQueryByName(db, name);
    if (clash && clash.id !== args.id) throw new QuarryError('conflict', `There is already a saved query called “${clash.name}”.`);
    const row = { name, kind: args.kind, definition: JSON.stringify(args.definition) };
    if (args.id === undefined) return insertSavedQuery(db, row);
    if (!getSavedQueryRow(db, args.id)) throw new QuarryError('not_found', 'That saved query no longer exists.');
    updateSavedQuery(db, args.id, row);
    return args.id;
  });
  return getSavedQuery(ctx.project.db, id);
}

export function removeSavedQuery(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Delete saved query', (db) => {
    if (!getSavedQueryRow(db, id)) throw new QuarryError('not_found', 'That saved query no longer exists.');
    deleteSavedQuery(db, id);
  });
}

type Runners = { [K in SavedQueryKind]: (db: Database.Database, definition: QueryKindTypes[K]['definition']) => QueryKindTypes[K]['result'] };

/** How each kind of query runs; a record over the registry's kinds, so a new kind needs its runner here. */
const RUNNERS: Runners = {
  text: searchText,
  coding: runCodingQuery,
  matrix: runMatrixQuery,
  cooccurrence: runCooccurrence,
  wordFrequency: wordFrequency,
};

function runKind<K extends SavedQueryKind>(db: Database.Database, kind: K, definition: QueryKindTypes[K]['definition']): SavedQueryRun {
  return { kind, result: RUNNERS[kind](db, definition) } as SavedQueryRun;
}

/** Runs any query definition (saved or not). */
export function runDefinition(db: Database.Database, q: SavedQueryDefinition): SavedQueryRun {
  return runKind(db, q.kind, q.definition);
}

export function runSavedQuery(db: Database.Database, id: number): SavedQueryRun {
  return runDefinition(db, getSavedQuery(db, id));
}
