/**
 * What the export dialog offers for the open project: its framework
 * matrices, attributes (for grouping, columns and label templates), codes
 * (for the quotes report and matrices) and coders.
 */
import type Database from 'better-sqlite3';
import type { CodeNode } from '../domain/types.js';
import { namedCaseAttributes } from '../services/caseAttributeNames.js';
import { codeTree } from '../services/codeService.js';
import { listFrameworks } from '../queries/frameworkMatrix.js';
import { listClassifications } from '../store/classificationsStore.js';
import { listUsers } from '../store/usersStore.js';
import { DEFAULT_LABEL_TEMPLATE } from './attributionTemplate.js';
import type { ExportChoices } from './exportModels.js';
import { findInterviewGuide } from './loadCodebook.js';

export function loadExportChoices(db: Database.Database): ExportChoices {
  const codes: ExportChoices['codes'] = [];
  const walk = (nodes: CodeNode[], depth: number) => {
    for (const n of nodes) {
      codes.push({ path: n.path, name: n.name, depth, references: n.references });
      walk(n.children, depth + 1);
    }
  };
  walk(codeTree(db), 0);
  const classifications = new Map(listClassifications(db).map((k) => [k.id, k.name]));
  return {
    frameworks: listFrameworks(db).map((m) => ({ name: m.name, caption: m.caption })),
    // Named as a filter or --group-by names them: Firm.Size where classifications share Size.
    attributes: namedCaseAttributes(db).map(({ row: a, ref }) => {
      const classification = a.classificationId == null ? undefined : classifications.get(a.classificationId);
      return { name: ref, type: a.type, choices: a.choices, ...(classification !== undefined ? { classification } : {}) };
    }),
    codes,
    coders: listUsers(db).map((u) => u.name),
    hasInterviewGuide: findInterviewGuide(db) !== undefined,
    defaultLabelTemplate: DEFAULT_LABEL_TEMPLATE,
  };
}
