/**
 * Classification sheets in and out. Import is two calls: a preview (read,
 * infer types, plan; nothing written) that the user checks and adjusts, and
 * an apply that recomputes the same plan and writes it in one transaction,
 * one undo step. Cells that do not fit their attribute are reported, never
 * written; a file that cannot be read at all is refused before anything
 * happens.
 */
import { hasChoices } from '../cases/attributeTypeRegistry.js';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { distinctIgnoringCase, specialValue, type AttributeDef } from '../cases/attributeTypes.js';
import { parseClassificationCsv, type ParsedSheet } from '../cases/classificationCsv.js';
import { planClassificationImport, type ImportPlan } from '../cases/classificationImportPlan.js';
import { isXlsxFileName, parseClassificationXlsx } from '../cases/classificationXlsx.js';
import { writeClassificationXlsx } from '../cases/classificationXlsxWriter.js';
import { orderChoices } from '../cases/ordinalScales.js';
import { inferAttributeTypes, type InferredColumn } from '../cases/typeInference.js';
import type { ClassificationImportReport, ClassificationPreview, ColumnSetting, ImportRejection } from '../domain/caseTypes.js';
import { QuarryError } from '../errors.js';
import { sheetAttributeDefs } from './caseAttributeNames.js';
import { findCaseByName, setCaseClassification } from '../store/casesStore.js';
import { ensureClassification, placeCase } from './classificationsService.js';
import { columnClassifications, splitSharedColumns, splitStructureColumns } from '../cases/sheetStructure.js';
import { getMeta } from '../store/metaStore.js';
import type { CsvCellOptions } from '../exporters/csvCells.js';
import { applyClassificationPlan, classificationSheetData, dedupe, existingCaseValues, exportClassificationCsv } from './caseService.js';
import { mutate, type ServiceContext } from './context.js';


export interface ClassificationImportArgs {
  fileName: string;
  bytes: Uint8Array | string;
  /** The file already read (an .xlsx is read asynchronously, before the transaction); see readClassificationSheet. */
  sheet?: ParsedSheet;
  /** One entry per attribute column, in file order; omitted = the inferred setting. */
  columns?: (ColumnSetting | null | undefined)[];
  /** Values outside an existing choice list become new choices instead of being rejected. */
  allowNewChoices?: boolean;
  /** The rows' cases get this classification (created if missing), and so do the new attributes. */
  classification?: string;
}





export const PREVIEW_LIMIT = 500;

/**
 * The args with the file read: a workbook (.xlsx) is unpacked here, outside
 * any transaction, because its reader is asynchronous; a CSV is read by the
 * preview or import itself.
 */
export async function readClassificationSheet<A extends ClassificationImportArgs>(args: A): Promise<A> {
  if (args.sheet || typeof args.bytes === 'string' || !isXlsxFileName(args.fileName)) return args;
  return { ...args, sheet: await parseClassificationXlsx(args.fileName, args.bytes) };
}

function columnValues(sheet: ParsedSheet, col: number): string[] {
  return sheet.rows.map((r) => (r.cells[col] ?? '').trim()).filter((c) => specialValue(c) === undefined);
}

function resolveColumns(sheet: ParsedSheet, inferred: InferredColumn[], settings: ClassificationImportArgs['columns']): (AttributeDef | null)[] {
  if (settings && settings.length !== sheet.headers.length) {
    throw new QuarryError('bad_request', `${sheet.fileName}: the import has ${settings.length} column settings but the sheet has ${sheet.headers.length} columns.`);
  }
  return inferred.map((col, i) => {
    const setting = settings?.[i];
    if (setting === null) return null;
    const type = setting?.type ?? col.type;
    const name = setting?.name?.trim() || col.name;
    if (!hasChoices(type)) return { name, type };
    let choices = setting?.choices ? dedupe(setting.choices) : hasChoices(col.type) ? col.choices : undefined;
    // Switched to 'choice' by the user: offer the column's own values, in scale order when they form one.
    choices ??= orderChoices(distinctIgnoringCase(columnValues(sheet, i)));
    return { name, type, choices: [...(choices ?? [])] };
  });
}

function rejectionsOf(plan: ImportPlan): ImportRejection[] {
  const rows = plan.rowProblems.map((p) => ({ row: p.row, column: p.column ?? '', reason: p.reason }));
  return [...rows, ...plan.rejected].sort((a, b) => a.row - b.row);
}

function planKeyOf(plan: ImportPlan): string {
  const material = JSON.stringify([plan.createCases, plan.createAttributes, plan.extendChoices, plan.setValues]);
  return createHash('sha256').update(material).digest('hex').slice(0, 24);
}

function planImport(db: Database.Database, args: ClassificationImportArgs) {
  const existingAttributes = sheetAttributeDefs(db, args.classification);
  const structured = splitStructureColumns(args.sheet ?? parseClassificationCsv(args.fileName, args.bytes), existingAttributes);
  const { parents, classifications } = structured;
  // A column named for an attribute two classifications share is each row's own classification's.
  const sheet = splitSharedColumns(structured.sheet, existingAttributes, classifications);
  const inferred = inferAttributeTypes(sheet, existingAttributes);
  const columns = resolveColumns(sheet, inferred, args.columns);
  const existing = existingCaseValues(db);
  const plan = planClassificationImport(sheet, columns, existing, { existingAttributes, allowNewChoices: args.allowNewChoices ?? false });
  return { sheet, inferred, columns, plan, existing, parents, classifications };
}

/** Reads the file and says what importing it would do. Writes nothing. */
export function previewClassificationImport(db: Database.Database, args: ClassificationImportArgs): ClassificationPreview {
  const { sheet, inferred, columns, plan, existing, parents, classifications } = planImport(db, args);
  const rejected = rejectionsOf(plan);
  const updated = new Set(plan.setValues.filter((v) => existing.has(v.caseName)).map((v) => v.caseName));
  return {
    fileName: sheet.fileName,
    delimiter: sheet.delimiter,
    ...(sheet.format ? { format: sheet.format, sheetName: sheet.sheetName ?? '' } : {}),
    caseHeader: sheet.caseHeader,
    rows: sheet.rows.length,
    columns: inferred.map((c, i) => ({ ...c, target: columns[i] ?? null })),
    createCases: plan.createCases.length,
    createCaseNames: plan.createCases.slice(0, PREVIEW_LIMIT),
    updateCases: updated.size,
    createAttributes: plan.createAttributes,
    extendChoices: plan.extendChoices,
    setValues: plan.setValues.length,
    unchanged: plan.unchanged,
    rejected: rejected.slice(0, PREVIEW_LIMIT),
    rejectedTotal: rejected.length,
    planKey: planKeyOf(plan),
    ...(parents.size > 0 ? { nest: parents.size } : {}),
    ...(classifications.size > 0 ? { classify: [...new Set(classifications.values())] } : {}),
  };
}

/**
 * Imports the sheet with the given column settings, in one transaction and
 * one undo step. With expectedPlanKey (from the preview) the import is
 * refused if it would now do something other than what the user saw.
 */
export function applyClassificationImport(ctx: ServiceContext, args: ClassificationImportArgs & { expectedPlanKey?: string }): ClassificationImportReport {
  return mutate(ctx, 'Import classification sheet', (db) => {
    const { plan, sheet, parents, classifications } = planImport(db, args);
    if (args.expectedPlanKey !== undefined && args.expectedPlanKey !== planKeyOf(plan)) {
      throw new QuarryError('conflict', `${args.fileName}: the project changed since the preview, so the import would now do something else. Look at the preview again.`);
    }
    const classificationId = args.classification !== undefined ? ensureClassification(db, args.classification) : undefined;
    const columnClass = columnClassifications(sheet, classifications);
    const ownClass = (name: string) => {
      const k = columnClass.get(name.trim().toLowerCase());
      return k === undefined ? undefined : ensureClassification(db, k);
    };
    const { created, updated } = applyClassificationPlan(ctx, plan, classificationId, ownClass);
    const rejected = rejectionsOf(plan);
    const idOf = (name: string) => findCaseByName(db, name)?.id;
    // A row's Classification cell wins over --classification, which applies to the other rows.
    for (const r of sheet.rows) {
      const id = idOf(r.caseName);
      const named = classifications.get(r.caseName);
      const k = named !== undefined ? ensureClassification(db, named) : classificationId;
      if (id !== undefined && k !== undefined) setCaseClassification(db, id, k);
    }
    let nested = 0;
    for (const r of sheet.rows) {
      const parentName = parents.get(r.caseName);
      const id = idOf(r.caseName);
      if (parentName === undefined || id === undefined) continue;
      const parentId = idOf(parentName);
      if (parentId === undefined) {
        rejected.push({ row: r.rowNumber, column: 'Parent', reason: `there is no case “${parentName}” to nest ${r.caseName} under` });
        continue;
      }
      try {
        placeCase(db, id, parentId);
        nested++;
      } catch (err) {
        if (!(err instanceof QuarryError)) throw err;
        rejected.push({ row: r.rowNumber, column: 'Parent', reason: err.message });
      }
    }
    return { created, updated, rejected, attributesCreated: plan.createAttributes.length, unchanged: plan.unchanged, ...(parents.size > 0 ? { nested } : {}) };
  });
}

/** "<project> - classification.<ext>", safe as a file name on every platform. */
function sheetFileName(db: Database.Database, ext: 'csv' | 'xlsx'): string {
  // Characters that Windows, macOS or Linux refuse in file names (control characters included).
  const unsafe = (ch: string) => '\\/:*?"<>|'.includes(ch) || ch.charCodeAt(0) < 32;
  const project = [...(getMeta(db, 'name') ?? 'Quarry')].map((ch) => (unsafe(ch) ? ' ' : ch)).join('').replace(/ {2,}/g, ' ').trim() || 'Quarry';
  return `${project} - classification.${ext}`;
}

/** The sheet as Excel and LibreOffice open it (UTF-8 BOM, CRLF), with a file name from the project's name. */
export function exportClassification(db: Database.Database, opts: CsvCellOptions = {}): { fileName: string; csv: string } {
  return { fileName: sheetFileName(db, 'csv'), csv: exportClassificationCsv(db, opts) };
}

/** The sheet as an Excel workbook with typed cells; it re-imports as the same values. */
export async function exportClassificationXlsx(db: Database.Database): Promise<{ fileName: string; bytes: Uint8Array }> {
  // Read everything before the first await: the project may change while the workbook is zipped.
  const fileName = sheetFileName(db, 'xlsx');
  const { defs, cases } = classificationSheetData(db);
  return { fileName, bytes: await writeClassificationXlsx(defs, cases) };
}

