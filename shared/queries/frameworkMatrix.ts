/**
 * Framework matrices (the Framework Method's charts; Table 3 of the demo
 * study): rows × columns of themes (codes), cases or plain labels; each
 * cell holds the analyst's summary (mini-markdown) and links to the coded
 * passages that support it. Links follow their codings: deleting a coding
 * removes its links (and undo brings both back).
 */
import type Database from 'better-sqlite3';
import type { CodedPassage } from '../domain/types.js';
import { QuarryError } from '../errors.js';
import { mutate, type ServiceContext } from '../services/context.js';
import { getCoding } from '../store/codingsStore.js';
import {
  deleteHeader,
  deleteLink,
  deleteMatrix,
  dropCellIfEmpty,
  ensureCell,
  filledCellCounts,
  findCell,
  findMatrixByName,
  getMatrix,
  insertHeader,
  insertLink,
  insertMatrix,
  listCells,
  listHeaders,
  listLinkedPassages,
  listMatrices,
  setCellSummary,
  touchMatrix,
  updateHeader,
  updateMatrix,
  type HeaderRow,
  type LinkedPassageRow,
  type MatrixRow,
} from '../store/frameworkStore.js';
import { ProjectLookup } from './projectLookup.js';
import type { FrameworkCell, FrameworkHeader, FrameworkHeaderInput, FrameworkMatrix, FrameworkSummary } from './types.js';

export const MAX_SUMMARY_LENGTH = 100_000;

function toHeader(lookup: ProjectLookup, h: HeaderRow): FrameworkHeader {
  return {
    id: h.id,
    label: h.label,
    codeId: h.codeId,
    codePath: h.codeId === null ? null : (lookup.codes.get(h.codeId)?.path ?? null),
    caseId: h.caseId,
    caseName: h.caseName,
  };
}

function summaryOf(lookup: ProjectLookup, m: MatrixRow, headers: HeaderRow[], filled: number): FrameworkSummary {
  const own = headers.filter((h) => h.matrixId === m.id);
  return {
    id: m.id,
    guid: m.guid,
    name: m.name,
    caption: m.caption,
    rows: own.filter((h) => h.axis === 'row').map((h) => toHeader(lookup, h)),
    cols: own.filter((h) => h.axis === 'column').map((h) => toHeader(lookup, h)),
    filledCells: filled,
    modifiedAt: m.modifiedAt,
  };
}

export function listFrameworks(db: Database.Database): FrameworkSummary[] {
  const lookup = ProjectLookup.of(db);
  const headers = listHeaders(db);
  const filled = filledCellCounts(db);
  return listMatrices(db).map((m) => summaryOf(lookup, m, headers, filled.get(m.id) ?? 0));
}

function requireMatrix(db: Database.Database, id: number): MatrixRow {
  const m = getMatrix(db, id);
  if (!m) throw new QuarryError('not_found', 'That framework matrix no longer exists.');
  return m;
}

function toPassage(lookup: ProjectLookup, r: LinkedPassageRow): CodedPassage {
  return {
    codingId: r.codingId,
    sourceId: r.sourceId,
    source: r.source,
    case: lookup.caseLabel(r.sourceId, r.start, r.end),
    start: r.start,
    end: r.end,
    text: r.text,
    codeId: r.codeId,
    code: lookup.codes.get(r.codeId)?.path ?? '',
    coder: r.coder,
    createdAt: r.createdAt,
  };
}

export function getFramework(db: Database.Database, id: number): FrameworkMatrix {
  const m = requireMatrix(db, id);
  const lookup = ProjectLookup.of(db);
  const links = new Map<number, CodedPassage[]>();
  for (const r of listLinkedPassages(db, id)) {
    const list = links.get(r.cellId) ?? [];
    list.push(toPassage(lookup, r));
    links.set(r.cellId, list);
  }
  const cells: FrameworkCell[] = listCells(db, id)
    .filter((c) => c.summary !== '' || links.has(c.id))
    .map((c) => ({ rowId: c.rowId, colId: c.colId, summary: c.summary, links: links.get(c.id) ?? [], modifiedAt: c.modifiedAt }));
  return { ...summaryOf(lookup, m, listHeaders(db, id), cells.length), cells };
}

function checkName(name: string): string {
  const clean = name.trim();
  if (!clean) throw new QuarryError('bad_request', 'A framework matrix needs a name.');
  if (clean.length > 200) throw new QuarryError('bad_request', 'Framework matrix names are limited to 200 characters.');
  return clean;
}

/** What a header input names, checked: a code and/or a case (by id or name) and a label. */
function resolveHeader(lookup: ProjectLookup, h: FrameworkHeaderInput): { label: string; codeId: number | null; caseId: number | null } {
  let codeId: number | null = null;
  let caseId: number | null = null;
  if (h.codeId !== undefined || h.codePath !== undefined) {
    codeId = lookup.code(h.codeId !== undefined ? { codeId: h.codeId } : { path: h.codePath! }).id;
  }
  if (h.caseId !== undefined) {
    if (!lookup.caseNames.has(h.caseId)) throw new QuarryError('not_found', `There is no case with id ${h.caseId}.`);
    caseId = h.caseId;
  } else if (h.caseName !== undefined) {
    caseId = lookup.caseId(h.caseName);
  }
  const label = (h.label ?? '').trim() || (codeId !== null ? lookup.codes.get(codeId)!.name : caseId !== null ? lookup.caseNames.get(caseId)! : '');
  if (!label) throw new QuarryError('bad_request', 'Every row and column needs a label, a code or a case.');
  return { label, codeId, caseId };
}

function writeHeaders(db: Database.Database, matrixId: number, axis: 'row' | 'column', inputs: readonly FrameworkHeaderInput[]): void {
  const lookup = ProjectLookup.of(db);
  const existing = listHeaders(db, matrixId).filter((h) => h.axis === axis);
  const keep = new Set(inputs.flatMap((h) => (h.id === undefined ? [] : [h.id])));
  for (const h of existing) if (!keep.has(h.id)) deleteHeader(db, h.id);
  inputs.forEach((input, position) => {
    const h = resolveHeader(lookup, input);
    if (input.id === undefined) insertHeader(db, { matrixId, axis, position, ...h });
    else {
      if (!existing.some((e) => e.id === input.id)) throw new QuarryError('not_found', `That ${axis} is no longer in the matrix.`);
      updateHeader(db, input.id, { position, ...h });
    }
  });
}

export interface CreateFrameworkArgs {
  name: string;
  caption?: string;
  rows: FrameworkHeaderInput[];
  cols: FrameworkHeaderInput[];
}

export function createFramework(ctx: ServiceContext, args: CreateFrameworkArgs): FrameworkMatrix {
  const id = mutate(ctx, 'Create framework matrix', (db) => {
    const name = checkName(args.name);
    if (findMatrixByName(db, name)) throw new QuarryError('conflict', `There is already a framework matrix called “${name}”.`);
    const matrixId = insertMatrix(db, { name, caption: args.caption ?? '' });
    writeHeaders(db, matrixId, 'row', args.rows);
    writeHeaders(db, matrixId, 'column', args.cols);
    return matrixId;
  });
  return getFramework(ctx.project.db, id);
}

export function updateFramework(ctx: ServiceContext, args: { id: number; name?: string; caption?: string }): FrameworkMatrix {
  mutate(ctx, 'Edit framework matrix', (db) => {
    const m = requireMatrix(db, args.id);
    const name = args.name !== undefined ? checkName(args.name) : m.name;
    const clash = findMatrixByName(db, name);
    if (clash && clash.id !== m.id) throw new QuarryError('conflict', `There is already a framework matrix called “${name}”.`);
    updateMatrix(db, m.id, { name, caption: args.caption ?? m.caption });
  });
  return getFramework(ctx.project.db, args.id);
}

/** Replaces one axis: headers with an id are kept (with their cells), the others are new; missing ones go with their cells. */
export function setFrameworkHeaders(ctx: ServiceContext, args: { id: number; axis: 'row' | 'column'; headers: FrameworkHeaderInput[] }): FrameworkMatrix {
  mutate(ctx, args.axis === 'row' ? 'Edit framework rows' : 'Edit framework columns', (db) => {
    requireMatrix(db, args.id);
    writeHeaders(db, args.id, args.axis, args.headers);
    touchMatrix(db, args.id);
  });
  return getFramework(ctx.project.db, args.id);
}

export function deleteFramework(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Delete framework matrix', (db) => {
    requireMatrix(db, id);
    deleteMatrix(db, id);
  });
}

export interface CellRef {
  matrixId: number;
  rowId: number;
  colId: number;
}

function checkCell(db: Database.Database, ref: CellRef): void {
  requireMatrix(db, ref.matrixId);
  const headers = listHeaders(db, ref.matrixId);
  if (!headers.some((h) => h.id === ref.rowId && h.axis === 'row')) throw new QuarryError('not_found', 'That row is no longer in the matrix.');
  if (!headers.some((h) => h.id === ref.colId && h.axis === 'column')) throw new QuarryError('not_found', 'That column is no longer in the matrix.');
}

export function getFrameworkCell(db: Database.Database, ref: CellRef): FrameworkCell {
  checkCell(db, ref);
  const cell = findCell(db, ref.rowId, ref.colId);
  if (!cell) return { rowId: ref.rowId, colId: ref.colId, summary: '', links: [], modifiedAt: null };
  const lookup = ProjectLookup.of(db);
  const links = listLinkedPassages(db, ref.matrixId, cell.id).map((r) => toPassage(lookup, r));
  return { rowId: ref.rowId, colId: ref.colId, summary: cell.summary, links, modifiedAt: cell.modifiedAt };
}

export function setFrameworkCell(ctx: ServiceContext, args: CellRef & { summary: string }): FrameworkCell {
  const summary = args.summary.replace(/\r\n?/g, '\n');
  if (summary.length > MAX_SUMMARY_LENGTH) throw new QuarryError('too_large', `A cell summary is limited to ${MAX_SUMMARY_LENGTH} characters.`);
  mutate(ctx, 'Edit framework cell', (db) => {
    checkCell(db, args);
    const cellId = ensureCell(db, args.matrixId, args.rowId, args.colId);
    setCellSummary(db, cellId, summary);
    dropCellIfEmpty(db, cellId);
    touchMatrix(db, args.matrixId);
  });
  return getFrameworkCell(ctx.project.db, args);
}

export function linkPassages(ctx: ServiceContext, args: CellRef & { codingIds: number[] }): FrameworkCell {
  mutate(ctx, args.codingIds.length === 1 ? 'Link passage' : 'Link passages', (db) => {
    checkCell(db, args);
    for (const id of args.codingIds) if (!getCoding(db, id)) throw new QuarryError('not_found', 'One of the passages is no longer coded (its coding was removed).');
    const cellId = ensureCell(db, args.matrixId, args.rowId, args.colId);
    for (const id of args.codingIds) insertLink(db, cellId, id);
    touchMatrix(db, args.matrixId);
  });
  return getFrameworkCell(ctx.project.db, args);
}

export function unlinkPassages(ctx: ServiceContext, args: CellRef & { codingIds: number[] }): FrameworkCell {
  mutate(ctx, args.codingIds.length === 1 ? 'Unlink passage' : 'Unlink passages', (db) => {
    checkCell(db, args);
    const cell = findCell(db, args.rowId, args.colId);
    if (!cell) return;
    for (const id of args.codingIds) deleteLink(db, cell.id, id);
    dropCellIfEmpty(db, cell.id);
    touchMatrix(db, args.matrixId);
  });
  return getFrameworkCell(ctx.project.db, args);
}
