import { foldSqlExpression } from '../../text/fold.js';
import type { Migration } from './migration.js';

const TOKENIZERS = {
  source_fts: 'unicode61 remove_diacritics 2',
  source_fts_stem: 'porter unicode61 remove_diacritics 2',
} as const;

/**
 * Schema v4: search folding (shared/text/fold.ts).
 *
 * The two full-text indexes now read their content from the view
 * source_text_folded — the stored text with ø, ł, đ, æ, œ, ß, ı… replaced by
 * plain letters — so `soren` finds Søren and `strasse` finds Straße. The
 * view and the triggers use plain replace(), no application function, so
 * any SQLite (and trusted_schema=OFF) can read and write the file. The
 * stored text itself is untouched; hits found in the folded text are
 * mapped back to stored offsets by the search. Existing projects get their
 * indexes rebuilt here.
 */
function ftsTable(name: keyof typeof TOKENIZERS): string {
  return `CREATE VIRTUAL TABLE ${name} USING fts5(
  text, content='source_text_folded', content_rowid='source_id',
  tokenize='${TOKENIZERS[name]}', columnsize=0
);
INSERT INTO ${name}(${name}) VALUES ('rebuild');`;
}

export const migration0004: Migration = {
  version: 4,
  name: 'search-folding',
  sql: `
DROP TRIGGER source_text_fts_insert;
DROP TRIGGER source_text_fts_delete;
DROP TABLE source_fts;
DROP TABLE source_fts_stem;
CREATE VIEW source_text_folded AS SELECT source_id, ${foldSqlExpression('text')} AS text FROM source_text;
${ftsTable('source_fts')}
${ftsTable('source_fts_stem')}
CREATE TRIGGER source_text_fts_insert AFTER INSERT ON source_text
BEGIN
  INSERT INTO source_fts(rowid, text) VALUES (new.source_id, ${foldSqlExpression('new.text')});
  INSERT INTO source_fts_stem(rowid, text) VALUES (new.source_id, ${foldSqlExpression('new.text')});
END;
CREATE TRIGGER source_text_fts_delete AFTER DELETE ON source_text
BEGIN
  INSERT INTO source_fts(source_fts, rowid, text) VALUES ('delete', old.source_id, ${foldSqlExpression('old.text')});
  INSERT INTO source_fts_stem(source_fts_stem, rowid, text) VALUES ('delete', old.source_id, ${foldSqlExpression('old.text')});
END;
`,
};
