import { z } from 'zod';
import type { AttributeValue } from '../../cases/attributeTypes.js';
import type { CaseSetRule } from '../../cases/caseSetRules.js';
import type {
  AttributeInfo,
  CaseOverview,
  CaseRecord,
  CaseSheet,
  CaseSetInfo,
  CaseSpan,
  ClassificationImportReport,
  ClassificationInfo,
  ClassificationPreview,
  SourceAttributeInfo,
  SourceSheet,
  TypeChangePreview,
} from '../../domain/caseTypes.js';
import { CASES_AND_SOURCES } from '../affects.js';
import { method } from '../defineMethod.js';
import { attributeTypeSchema, caseSetRuleSchema, choicesSchema, nameSchema } from './valueSchemas.js';

const id = z.number().int().positive();
const pos = z.number().int().nonnegative();
const attributeType = attributeTypeSchema;
const choices = choicesSchema;
const rule = caseSetRuleSchema;
const name = nameSchema;

/**
 * A CSV or .xlsx file (told apart by its name): by its path on the machine
 * that runs Quarry (read there), or its name and bytes base64-encoded, like
 * source imports, so both transports carry it as JSON.
 */
const csvFile = {
  fileName: z.string().min(1).optional(),
  dataBase64: z.string().optional(),
  filePath: z.string().trim().min(1).max(4096).optional(),
  columns: z
    .array(z.object({ type: attributeType, choices: choices.optional(), name: z.string().optional() }).nullable())
    .optional(),
  allowNewChoices: z.boolean().optional(),
  /** The rows' cases (and new attributes) get this classification, created if missing. */
  classification: z.string().min(1).optional(),
};

export const caseMethods = {
  'cases.list': method<CaseRecord[]>()(z.object({}), { reads: ['cases', 'caseValues'] }),
  /** Every case by name with its parent, classification, sources and values formatted as shown: what `quarry cases --json` prints. */
  'cases.overview': method<CaseOverview[]>()(z.object({}), { reads: ['cases', 'caseValues'] }),
  /** Every case, attribute and value in one compact answer, for the classification sheet. */
  'cases.sheet': method<CaseSheet>()(z.object({}), { reads: ['cases', 'caseValues'] }),
  'cases.create': method<{ id: number }>()(z.object({ name, description: z.string().optional() }), { mutates: true, affects: CASES_AND_SOURCES }),
  'cases.update': method<null>()(z.object({ id, name: name.optional(), description: z.string().optional() }), { mutates: true, affects: CASES_AND_SOURCES }),
  'cases.delete': method<null>()(z.object({ id }), { mutates: true, affects: CASES_AND_SOURCES }),
  /** Source by id or name; case by id, by name (created if missing), or null to take the source out of its case. */
  'cases.assignSource': method<{ sourceId: number; caseId: number | null; caseName: string | null; createdCase: boolean }>()(
    z.object({ sourceId: id.optional(), sourceName: z.string().optional(), caseId: id.nullable().optional(), caseName: z.string().optional() }),
    { mutates: true, affects: CASES_AND_SOURCES },
  ),
  'cases.setValue': method<AttributeValue>()(z.object({ caseId: id, attributeId: id, raw: z.string() }), { mutates: true, affects: ['caseValues', 'history'] }),
  /** Creates a case nested under `parent` (by name) with a classification (by name, created if missing). */
  'cases.add': method<{ id: number; parent: string | null; classification: string | null }>()(
    z.object({ name, description: z.string().optional(), parent: z.string().optional(), classification: z.string().min(1).optional() }),
    { mutates: true, affects: ['cases', 'caseValues', 'project', 'history'] },
  ),
  /** Nests a case under another (parentId null: at the top); a loop is refused. */
  'cases.move': method<null>()(z.object({ id, parentId: id.nullable() }), { mutates: true, affects: ['cases', 'caseValues', 'history'] }),
  'cases.classify': method<null>()(z.object({ id, classificationId: id.nullable() }), { mutates: true, affects: ['cases', 'caseValues', 'history'] }),

  'classifications.list': method<ClassificationInfo[]>()(z.object({}), { reads: ['cases'] }),
  'classifications.create': method<{ id: number }>()(z.object({ name, description: z.string().optional() }), { mutates: true, affects: ['cases', 'caseValues', 'history'] }),
  'classifications.update': method<null>()(z.object({ id, name: name.optional(), description: z.string().optional() }), { mutates: true, affects: ['cases', 'caseValues', 'history'] }),
  /** Only a classification without cases and attributes. */
  'classifications.delete': method<null>()(z.object({ id }), { mutates: true, affects: ['cases', 'caseValues', 'history'] }),

  'sourceAttributes.list': method<SourceAttributeInfo[]>()(z.object({}), { reads: ['sources', 'caseValues'] }),
  /** The source classification sheet: every source with its values. */
  'sourceAttributes.sheet': method<SourceSheet>()(z.object({}), { reads: ['sources', 'caseValues'] }),
  'sourceAttributes.create': method<{ id: number }>()(
    z.object({ name, type: attributeType, choices: choices.optional(), description: z.string().optional() }),
    { mutates: true, affects: ['sources', 'cases', 'caseValues', 'history'] },
  ),
  'sourceAttributes.update': method<null>()(
    z.object({ id, name: name.optional(), description: z.string().optional(), type: attributeType.optional(), choices: choices.optional() }),
    { mutates: true, affects: ['sources', 'cases', 'caseValues', 'history'] },
  ),
  'sourceAttributes.delete': method<null>()(z.object({ id }), { mutates: true, affects: ['sources', 'cases', 'caseValues', 'history'] }),
  'sourceAttributes.setValue': method<AttributeValue>()(z.object({ sourceId: id, attributeId: id, raw: z.string() }), { mutates: true, affects: ['sources', 'cases', 'caseValues', 'history'] }),
  /** NAME=VALUE pairs for one source by name; a new name becomes an attribute of the type its value suggests. */
  'sourceAttributes.setByName': method<{ source: string; values: Record<string, string>; createdAttributes: string[] }>()(
    z.object({ source: z.string().min(1), values: z.array(z.object({ name, raw: z.string() })).min(1).max(1000) }),
    { mutates: true, affects: ['sources', 'cases', 'caseValues', 'history'] },
  ),

  'cases.spans.list': method<CaseSpan[]>()(z.object({ sourceId: id.optional(), caseId: id.optional() }), { reads: ['cases'] }),
  /** Codes a passage (e.g. a focus-group speaker turn) to a case; the passage leaves any other case. */
  'cases.spans.assign': method<CaseSpan>()(
    z.object({ sourceId: id, start: pos, end: pos, caseId: id.optional(), caseName: z.string().optional() }),
    { mutates: true, affects: ['cases', 'project', 'history'] },
  ),
  'cases.spans.unassign': method<{ changed: number }>()(z.object({ sourceId: id, start: pos, end: pos }), { mutates: true, affects: ['cases', 'history'] }),
  'cases.spans.remove': method<null>()(z.object({ id }), { mutates: true, affects: ['cases', 'history'] }),
  /** The speakers of a transcript's turns, to map a focus group's participants to cases. */
  'cases.spans.speakers': method<{ speaker: string; turns: number; characters: number }[]>()(z.object({ sourceId: id }), { reads: (a) => ['cases', `text:${a.sourceId}`] }),
  /** Codes every turn of each mapped speaker to that speaker's case (created if missing); one undo step. */
  'cases.spans.assignTurns': method<{ passages: number; createdCases: string[] }>()(
    z.object({ sourceId: id, speakers: z.array(z.object({ speaker: z.string(), caseName: z.string().nullable() })).max(1000) }),
    { mutates: true, affects: ['cases', 'project', 'history'] },
  ),

  'attributes.list': method<AttributeInfo[]>()(z.object({}), { reads: ['cases', 'caseValues'] }),
  'attributes.create': method<{ id: number }>()(
    z.object({ name, type: attributeType, choices: choices.optional(), description: z.string().optional(), classificationId: id.optional() }),
    { mutates: true, affects: ['cases', 'history'] },
  ),
  /** Rename and/or describe. */
  'attributes.update': method<null>()(z.object({ id, name: name.optional(), description: z.string().optional() }), { mutates: true, affects: ['cases', 'history'] }),
  'attributes.reorder': method<null>()(z.object({ ids: z.array(id) }), { mutates: true, affects: ['cases', 'history'] }),
  'attributes.delete': method<{ values: number }>()(z.object({ id }), { mutates: true, affects: ['cases', 'history'] }),
  /** What changing the type (or the choice list) would do; nothing is changed. */
  'attributes.changeTypePreview': method<TypeChangePreview>()(z.object({ id, type: attributeType, choices: choices.optional() })),
  /** Values that do not convert are cleared only with clearFailing (after the user saw the preview). */
  'attributes.changeType': method<TypeChangePreview>()(
    z.object({ id, type: attributeType, choices: choices.optional(), clearFailing: z.boolean().optional() }),
    { mutates: true, affects: ['cases', 'history'] },
  ),

  /** Reads a classification sheet (.csv, or .xlsx by its name) and says what importing it would do; nothing is written. */
  'classification.preview': method<ClassificationPreview>()(z.object(csvFile)),
  /** Imports it as previewed: one transaction, one undo step. */
  'classification.import': method<ClassificationImportReport>()(z.object({ ...csvFile, expectedPlanKey: z.string().optional() }), { mutates: true, affects: CASES_AND_SOURCES }),
  /** rawNumbers: cells that are plain numbers ("-3") are not prefixed with ' like other formula-like cells. */
  'classification.export': method<{ fileName: string; csv: string }>()(z.object({ rawNumbers: z.boolean().optional() })),
  /** The same sheet as an Excel workbook (.xlsx) with typed cells, base64-encoded. */
  'classification.exportXlsx': method<{ fileName: string; dataBase64: string }>()(z.object({})),

  'caseSets.list': method<CaseSetInfo[]>()(z.object({}), { reads: ['cases', 'caseValues'] }),
  /** Checks a rule and lists the cases it selects now, without saving. */
  'caseSets.preview': method<{ rule: CaseSetRule; caseIds: number[] }>()(z.object({ rule })),
  /** Creates (no id) or replaces a set: by a rule, or by hand-picked case ids. */
  'caseSets.save': method<CaseSetInfo>()(
    z.object({ id: id.optional(), name, description: z.string().optional(), rule: rule.optional(), caseIds: z.array(id).optional() }),
    { mutates: true, affects: ['cases', 'history'] },
  ),
  'caseSets.delete': method<null>()(z.object({ id }), { mutates: true, affects: ['cases', 'history'] }),
} as const;
