/**
 * The Sources list as a file manager shows it: folders first (by name),
 * each with its sources, then the sources at the top level; sorted by name,
 * date or coding count; an icon per kind of file. Pure.
 */
import type { SourceFolder, SourceSummary } from '../../../shared/domain/types.js';

export type SourceSort = 'name' | 'date' | 'codings';

export const SORT_LABELS: Record<SourceSort, string> = { name: 'Name', date: 'Date added', codings: 'Coding count' };

const byName = (a: { name: string; id: number }, b: { name: string; id: number }) =>
  a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }) || a.id - b.id;

/** Name A→Z (numbers in order), newest first, or most codings first; ties by name. */
export function sortSources(list: readonly SourceSummary[], sort: SourceSort): SourceSummary[] {
  const out = [...list];
  if (sort === 'name') return out.sort(byName);
  if (sort === 'date') return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : byName(a, b)));
  return out.sort((a, b) => b.codingCount - a.codingCount || byName(a, b));
}

export interface SourceGroup {
  /** null: the sources at the top level. */
  folder: SourceFolder | null;
  sources: SourceSummary[];
}

/** Folders (each listed, even empty) then the top level; a source whose folder is unknown shows at the top level. */
export function groupSources(sources: readonly SourceSummary[], folders: readonly SourceFolder[], sort: SourceSort): SourceGroup[] {
  const sorted = sortSources(sources, sort);
  const known = new Set(folders.map((f) => f.id));
  const groups: SourceGroup[] = [...folders].sort(byName).map((folder) => ({ folder, sources: sorted.filter((s) => s.folderId === folder.id) }));
  groups.push({ folder: null, sources: sorted.filter((s) => s.folderId === null || !known.has(s.folderId)) });
  return groups;
}

export type SourceKind = 'txt' | 'docx' | 'pdf' | 'transcript' | 'audio' | 'video';

export const KIND_LABELS: Record<SourceKind, string> = {
  txt: 'Text',
  docx: 'Word document',
  pdf: 'PDF',
  transcript: 'Timed transcript',
  audio: 'Audio recording',
  video: 'Video recording',
};

export function sourceKind(s: Pick<SourceSummary, 'originType' | 'mediaKind'>): SourceKind {
  if (s.mediaKind) return s.mediaKind;
  if (s.originType === 'docx' || s.originType === 'pdf') return s.originType;
  if (s.originType === 'vtt' || s.originType === 'srt') return 'transcript';
  return 'txt';
}
