import { codesByAttributeChart } from '../../queries/charts.js';
import { codeSearchHitsJob } from '../../queries/codeSearchHits.js';
import { runCodingQuery } from '../../queries/codingQuery.js';
import { cooccurrenceCellPassages, runCooccurrence } from '../../queries/cooccurrence.js';
import { matrixCellPassages } from '../../queries/matrixCell.js';
import { runMatrixQuery } from '../../queries/matrixQuery.js';
import { listSavedQueries, removeSavedQuery, runDefinition, runSavedQuery, saveQuery } from '../../queries/savedQueries.js';
import { addStopWords, listStopWords, removeStopWords, resetStopWords } from '../../queries/stopWords.js';
import { searchText } from '../../queries/textSearch.js';
import type { SavedQueryDefinition } from '../../queries/types.js';
import { wordFrequency } from '../../queries/wordFrequency.js';
import type { queryMethods } from '../methods/queryMethods.js';
import { defined } from './defined.js';
import type { HandlersFor } from './handlerTypes.js';

/** Pages the search UI gets when it does not say (the CLI reads every hit through the service). */
export const DEFAULT_SEARCH_PAGE = 100;

export const queryHandlers: HandlersFor<keyof typeof queryMethods> = {
  'search.run': (a, s) => searchText(s.ctx().project.db, { ...defined(a), limit: a.limit ?? DEFAULT_SEARCH_PAGE }),
  'search.codeHits': (a, s) => codeSearchHitsJob(s.ctx(), defined(a)),
  'queries.coding': (a, s) => runCodingQuery(s.ctx().project.db, defined(a)),
  'queries.matrix': (a, s) => runMatrixQuery(s.ctx().project.db, defined(a)),
  'queries.matrixCell': (a, s) => matrixCellPassages(s.ctx().project.db, defined(a.definition), a.row, a.col),
  'queries.cooccurrence': (a, s) => runCooccurrence(s.ctx().project.db, defined(a)),
  'queries.cooccurrenceCell': (a, s) => cooccurrenceCellPassages(s.ctx().project.db, defined(a.definition), a.row, a.col),
  'queries.wordFrequency': (a, s) => wordFrequency(s.ctx().project.db, defined(a)),
  'queries.codesByAttribute': (a, s) => codesByAttributeChart(s.ctx().project.db, defined(a)),
  'queries.run': (a, s) => runDefinition(s.ctx().project.db, a.query as SavedQueryDefinition),
  'savedQueries.list': (_a, s) => listSavedQueries(s.ctx().project.db),
  'savedQueries.save': (a, s) => saveQuery(s.ctx(), defined(a) as SavedQueryDefinition & { id?: number; name: string }),
  'savedQueries.delete': (a, s) => {
    removeSavedQuery(s.ctx(), a.id);
    return null;
  },
  'savedQueries.run': (a, s) => runSavedQuery(s.ctx().project.db, a.id),
  'stopWords.list': (_a, s) => listStopWords(s.ctx().project.db),
  'stopWords.add': (a, s) => addStopWords(s.ctx(), a.words),
  'stopWords.remove': (a, s) => removeStopWords(s.ctx(), a.words),
  'stopWords.reset': (_a, s) => resetStopWords(s.ctx()),
};
