/**
 * Settings every connection to a project file gets before it reads anything
 * from the file (a file is untrusted input until its schema has been checked).
 */
import type Database from 'better-sqlite3';

export function hardenConnection(db: Database.Database): void {
  // Defensive mode (SQLITE_DBCONFIG_DEFENSIVE): no writable_schema, no edits of
  // sqlite_schema or shadow tables from SQL. better-sqlite3 turns it on for every
  // connection and exposes it only through unsafeMode: false keeps it on, explicitly.
  db.unsafeMode(false);
  // Functions and virtual tables that are not marked innocuous may not run from
  // anything stored in the file (views, triggers, CHECK and DEFAULT expressions).
  db.pragma('trusted_schema = OFF');
  // Damaged pages are reported as damage instead of being read past.
  db.pragma('cell_size_check = ON');
}
