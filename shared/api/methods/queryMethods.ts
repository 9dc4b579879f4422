import { z } from 'zod';
import { jobId } from '../../jobs/jobArg.js';
import type {
  CellPassage,
  ChartData,
  CodeHitsResult,
  CodingQueryResult,
  CooccurrenceResult,
  MatrixResult,
  SavedQuery,
  SavedQueryRun,
  SearchResult,
  WordFrequencyResult,
} from '../../queries/types.js';
import { savedQueryDefinition } from '../../queries/queryKindRegistry.js';
import { CODINGS_EVERYWHERE } from '../affects.js';
import { method } from '../defineMethod.js';
import {
  chartDef,
  codingQueryDef,
  cooccurrenceDef,
  id,
  matrixQueryDef,
  searchOptions,
  wordFrequencyDef,
} from './querySchemas.js';

const cell = z.object({ row: z.number().int().nonnegative(), col: z.number().int().nonnegative() });
const words = z.object({ words: z.array(z.string()).min(1).max(10_000) });

/** Queries never change the project, except coding search hits, saved queries and the stop-word list. */
export const queryMethods = {
  'search.run': method<SearchResult>()(searchOptions),
  'search.codeHits': method<CodeHitsResult>()(
    z.object({
      expression: z.string(),
      stem: z.boolean().optional(),
      sourceIds: z.array(id).optional(),
      codeId: id.optional(),
      codePath: z.string().optional(),
      spread: z.enum(['none', 'sentence', 'paragraph']).optional(),
      jobId,
    }),
    { mutates: true, affects: CODINGS_EVERYWHERE, long: true },
  ),
  'queries.coding': method<CodingQueryResult>()(codingQueryDef),
  'queries.matrix': method<MatrixResult>()(matrixQueryDef),
  'queries.matrixCell': method<CellPassage[]>()(z.object({ definition: matrixQueryDef }).extend(cell.shape)),
  'queries.cooccurrence': method<CooccurrenceResult>()(cooccurrenceDef),
  'queries.cooccurrenceCell': method<CellPassage[]>()(z.object({ definition: cooccurrenceDef }).extend(cell.shape)),
  'queries.wordFrequency': method<WordFrequencyResult>()(wordFrequencyDef),
  'queries.codesByAttribute': method<ChartData>()(chartDef),
  /** Runs any definition without saving it. */
  'queries.run': method<SavedQueryRun>()(z.object({ query: savedQueryDefinition })),

  'savedQueries.list': method<SavedQuery[]>()(z.object({}), { reads: ['savedQueries'] }),
  'savedQueries.save': method<SavedQuery>()(z.intersection(z.object({ id: id.optional(), name: z.string() }), savedQueryDefinition), {
    mutates: true, affects: ['savedQueries', 'history'],
  }),
  'savedQueries.delete': method<null>()(z.object({ id }), { mutates: true, affects: ['savedQueries', 'history'] }),
  'savedQueries.run': method<SavedQueryRun>()(z.object({ id })),

  'stopWords.list': method<string[]>()(z.object({}), { reads: ['stopWords'] }),
  'stopWords.add': method<string[]>()(words, { mutates: true, affects: ['stopWords', 'history'] }),
  'stopWords.remove': method<string[]>()(words, { mutates: true, affects: ['stopWords', 'history'] }),
  'stopWords.reset': method<string[]>()(z.object({}), { mutates: true, affects: ['stopWords', 'history'] }),
} as const;
