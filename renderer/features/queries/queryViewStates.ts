/**
 * Every piece of query-panel state that outlives its panel (viewState.ts), by
 * key, with its type: a panel reads and a saved query writes the same typed
 * slot, so a renamed key or a changed shape is a compile error, not a blank panel.
 */
import type { CodingQueryDef, CooccurrenceDef, MatrixQueryDef, WordFrequencyDef } from '../../../shared/queries/types.js';
import type { SpreadTo } from '../../../shared/queries/types.js';
import type { FilterForm } from './caseFilterModel.js';
import type { ChartForm } from './charts/chartForm.js';
import type { CodingBuilder } from './coding-query/codingQueryModel.js';
import type { CellKey } from './framework/useFrameworks.js';
import type { MatrixForm } from './matrix/matrixModel.js';
import type { CooccurrenceForm } from './matrix/useCooccurrence.js';
import type { MatrixDisplay } from './matrix/useMatrix.js';
import type { SubmittedSearch } from './search/useTextSearch.js';
import type { QueryTab } from './useOpenSavedQuery.js';
import type { WordFrequencyForm } from './wordfreq/wordFrequencyModel.js';

type MatrixCell = { row: number; col: number } | null;

export interface QueryViewStates {
  'queries.tab': QueryTab;
  'search.draft': string;
  'search.stem': boolean;
  'search.submitted': SubmittedSearch | null;
  'search.spread': SpreadTo;
  'search.codeId': number | null;
  'fw.open': number | null;
  'fw.cell': CellKey | null;
  'fw.coder': string;
  'wf.form': WordFrequencyForm;
  'wf.submitted': WordFrequencyDef | null;
  'coding.builder': CodingBuilder;
  'coding.filter': FilterForm;
  'coding.coder': string;
  'coding.submitted': CodingQueryDef | null;
  'matrix.form': MatrixForm;
  'matrix.submitted': MatrixQueryDef | null;
  'matrix.cell': MatrixCell;
  'matrix.display': MatrixDisplay;
  'cooc.form': CooccurrenceForm;
  'cooc.submitted': CooccurrenceDef | null;
  'cooc.cell': MatrixCell;
  'chart.form': ChartForm;
}

export type QueryViewKey = keyof QueryViewStates;
