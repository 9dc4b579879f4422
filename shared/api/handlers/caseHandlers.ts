import type { ColumnSetting } from '../../domain/caseTypes.js';
import {
  changeAttributeType,
  editAttribute,
  listAttributeInfo,
  previewTypeChange,
  removeAttribute,
  reorderAttributes,
} from '../../services/attributeService.js';
import { assignSource, casesByName, createCase, defineAttribute, editCase, listCaseRecords, removeCase, setCaseValue } from '../../services/caseService.js';
import { caseSheet } from '../../services/caseSheetService.js';
import {
  addCase,
  classifyCase,
  createClassification,
  editClassification,
  listClassificationInfo,
  moveCase,
  removeClassification,
} from '../../services/classificationsService.js';
import {
  defineSourceAttribute,
  editSourceAttribute,
  listSourceAttributeInfo,
  removeSourceAttribute,
  setSourceAttributeValue,
  setSourceValuesByName,
  sourceSheet,
} from '../../services/sourceAttributeService.js';
import { listCaseSetInfo, previewRule, removeCaseSet, saveCaseSet } from '../../services/caseSetService.js';
import { assignPassageToCase, assignTurnsToCases, caseSpans, removeCaseSpan, speakersOfSource, unassignPassage } from '../../services/caseSpanService.js';
import type { ClassificationImportArgs } from '../../services/classificationService.js';
import type { caseMethods } from '../methods/caseMethods.js';
// Classification sheets are small; the limit keeps a wrong file (a video, an archive) from being decoded.
import { MAX_CSV_BYTES } from '../../limits.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';
import { readArrivingFile, type FileArgument } from './arrivingFile.js';


interface CsvFileArgs extends FileArgument {
  columns?: ({ type: ColumnSetting['type']; choices?: string[] | undefined; name?: string | undefined } | null)[] | undefined;
  allowNewChoices?: boolean | undefined;
  classification?: string | undefined;
}

function csvArgs(a: CsvFileArgs): ClassificationImportArgs {
  const { fileName, bytes } = readArrivingFile(a, MAX_CSV_BYTES, (name) => `${name}: the file is larger than the ${MAX_CSV_BYTES / 1024 / 1024} MB limit for a classification sheet.`);
  const columns = a.columns?.map((c): ColumnSetting | null => (c === null ? null : defined(c)));
  return defined({ fileName, bytes, columns, allowNewChoices: a.allowNewChoices, classification: a.classification });
}

/** Loaded on first use: the Excel reader and writer are large, and most runs never touch a classification sheet. */
const classification = () => import('../../services/classificationService.js');

export const caseHandlers: HandlersFor<keyof typeof caseMethods> = {
  'cases.list': (_a, s) => listCaseRecords(s.ctx().project.db),
  'cases.overview': (_a, s) => casesByName(s.ctx().project.db),
  'cases.sheet': (_a, s) => caseSheet(s.ctx().project.db),
  'cases.create': (a, s) => ({ id: createCase(s.ctx(), defined(a)) }),
  'cases.update': (a, s) => {
    editCase(s.ctx(), defined(a));
    return null;
  },
  'cases.delete': (a, s) => {
    removeCase(s.ctx(), a.id);
    return null;
  },
  'cases.assignSource': (a, s) => assignSource(s.ctx(), defined(a)),
  'cases.setValue': (a, s) => setCaseValue(s.ctx(), a),
  'cases.add': (a, s) => addCase(s.ctx(), defined(a)),
  'cases.move': (a, s) => {
    moveCase(s.ctx(), a);
    return null;
  },
  'cases.classify': (a, s) => {
    classifyCase(s.ctx(), a);
    return null;
  },

  'classifications.list': (_a, s) => listClassificationInfo(s.ctx().project.db),
  'classifications.create': (a, s) => ({ id: createClassification(s.ctx(), defined(a)) }),
  'classifications.update': (a, s) => {
    editClassification(s.ctx(), defined(a));
    return null;
  },
  'classifications.delete': (a, s) => {
    removeClassification(s.ctx(), a.id);
    return null;
  },

  'sourceAttributes.list': (_a, s) => listSourceAttributeInfo(s.ctx().project.db),
  'sourceAttributes.sheet': (_a, s) => sourceSheet(s.ctx().project.db),
  'sourceAttributes.create': (a, s) => ({ id: defineSourceAttribute(s.ctx(), defined(a)) }),
  'sourceAttributes.update': (a, s) => {
    editSourceAttribute(s.ctx(), defined(a));
    return null;
  },
  'sourceAttributes.delete': (a, s) => {
    removeSourceAttribute(s.ctx(), a.id);
    return null;
  },
  'sourceAttributes.setValue': (a, s) => setSourceAttributeValue(s.ctx(), a),
  'sourceAttributes.setByName': (a, s) => setSourceValuesByName(s.ctx(), a),

  'cases.spans.list': (a, s) => caseSpans(s.ctx().project.db, defined(a)),
  'cases.spans.assign': (a, s) => assignPassageToCase(s.ctx(), defined(a)),
  'cases.spans.unassign': (a, s) => unassignPassage(s.ctx(), a),
  'cases.spans.remove': (a, s) => {
    removeCaseSpan(s.ctx(), a.id);
    return null;
  },
  'cases.spans.speakers': (a, s) => speakersOfSource(s.ctx().project.db, a.sourceId),
  'cases.spans.assignTurns': (a, s) => assignTurnsToCases(s.ctx(), a),

  'attributes.list': (_a, s) => listAttributeInfo(s.ctx().project.db),
  'attributes.create': (a, s) => ({ id: defineAttribute(s.ctx(), defined(a)) }),
  'attributes.update': (a, s) => {
    editAttribute(s.ctx(), defined(a));
    return null;
  },
  'attributes.reorder': (a, s) => {
    reorderAttributes(s.ctx(), a.ids);
    return null;
  },
  'attributes.delete': (a, s) => removeAttribute(s.ctx(), a.id),
  'attributes.changeTypePreview': (a, s) => previewTypeChange(s.ctx().project.db, defined(a)),
  'attributes.changeType': (a, s) => changeAttributeType(s.ctx(), defined(a)),

  'classification.preview': async (a, s) => {
    const { readClassificationSheet, previewClassificationImport } = await classification();
    const args = await readClassificationSheet(csvArgs(a));
    return previewClassificationImport(s.ctx().project.db, args);
  },
  'classification.import': async (a, s) => {
    const { readClassificationSheet, applyClassificationImport } = await classification();
    const args = await readClassificationSheet(csvArgs(a));
    return applyClassificationImport(s.ctx(), a.expectedPlanKey !== undefined ? { ...args, expectedPlanKey: a.expectedPlanKey } : args);
  },
  'classification.export': async (a, s) => (await classification()).exportClassification(s.ctx().project.db, a.rawNumbers ? { rawNumbers: true } : {}),
  'classification.exportXlsx': async (_a, s) => {
    const { fileName, bytes } = await (await classification()).exportClassificationXlsx(s.ctx().project.db);
    return { fileName, dataBase64: Buffer.from(bytes).toString('base64') };
  },

  'caseSets.list': (_a, s) => listCaseSetInfo(s.ctx().project.db),
  'caseSets.preview': (a, s) => previewRule(s.ctx().project.db, a.rule),
  'caseSets.save': (a, s) => saveCaseSet(s.ctx(), defined(a)),
  'caseSets.delete': (a, s) => {
    removeCaseSet(s.ctx(), a.id);
    return null;
  },
};
