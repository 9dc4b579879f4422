/**
 * Sources as scripts list them (`quarry sources --json`, contract method
 * sources.overview): each with its case, its recording and its source
 * attribute values by name.
 */
import type Database from 'better-sqlite3';
import type { SourceOverview } from '../domain/types.js';
import { listSources } from '../store/sourcesStore.js';
import { mediaBySource } from './mediaService.js';
import { sourceAttributesByName } from './sourceAttributeService.js';

export function sourceOverview(db: Database.Database, projectPath: string): SourceOverview[] {
  const media = mediaBySource(db, projectPath);
  const attributes = sourceAttributesByName(db);
  return listSources(db).map((r) => {
    const m = media.get(r.id);
    return {
      name: r.name,
      characters: r.characters,
      case: r.caseName,
      // `missing` appears only for a moved linked recording, so existing readers of this JSON see what they always saw.
      media: m ? { kind: m.kind, durationMs: m.durationMs, embedded: m.embedded, ...(m.missing ? { missing: true as const } : {}) } : null,
      attributes: attributes.get(r.id) ?? {},
    };
  });
}
