import type Database from 'better-sqlite3';
import type { ProjectCounts } from '../domain/types.js';
import { stmt } from './statements.js';

export function getMeta(db: Database.Database, key: string): string | null {
  const row = stmt(db, `SELECT value FROM project_meta WHERE key = ?`).get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Database.Database, key: string, value: string): void {
  stmt(db, `INSERT INTO project_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value);
}

export function countAll(db: Database.Database): ProjectCounts {
  return stmt(
    db,
    `SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM cases) AS cases,
            (SELECT count(*) FROM codes) AS codes, (SELECT count(*) FROM codings) AS codings,
            (SELECT count(*) FROM memos) AS memos`,
  ).get() as ProjectCounts;
}
