/**
 * The project's stop-word list (migration 0003 seeds it with an English
 * list): words a word frequency query leaves out. Stored lower case;
 * edits are undoable like any other change.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { mutate, type ServiceContext } from '../services/context.js';
import { clearStopWords, deleteStopWord, insertStopWord, listStopWordRows } from '../store/savedQueryStore.js';
import { ENGLISH_STOP_WORDS } from './englishStopWords.js';

export function listStopWords(db: Database.Database): string[] {
  return listStopWordRows(db);
}

function clean(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const word = w.trim().toLowerCase();
    if (!word) continue;
    if (/\s/u.test(word)) throw new QuarryError('invalid_input', `“${w.trim()}” is more than one word; a stop word is a single word.`);
    if (word.length > 100) throw new QuarryError('invalid_input', 'Stop words are limited to 100 characters.');
    out.add(word);
  }
  return [...out];
}

export function addStopWords(ctx: ServiceContext, words: readonly string[]): string[] {
  const list = clean(words);
  mutate(ctx, list.length === 1 ? 'Add stop word' : 'Add stop words', (db) => {
    for (const w of list) insertStopWord(db, w);
  });
  return listStopWords(ctx.project.db);
}

export function removeStopWords(ctx: ServiceContext, words: readonly string[]): string[] {
  const list = clean(words);
  mutate(ctx, list.length === 1 ? 'Remove stop word' : 'Remove stop words', (db) => {
    for (const w of list) deleteStopWord(db, w);
  });
  return listStopWords(ctx.project.db);
}

/** Back to the English list Quarry ships. */
export function resetStopWords(ctx: ServiceContext): string[] {
  mutate(ctx, 'Reset stop words', (db) => {
    clearStopWords(db);
    for (const w of ENGLISH_STOP_WORDS) insertStopWord(db, w);
  });
  return listStopWords(ctx.project.db);
}
