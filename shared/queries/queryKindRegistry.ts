/**
 * Every kind of query that can be saved and run again, each described once:
 * its name, the schema of its definition (the contract checks it), the
 * contract method and `quarry` command that run it on their own, and the
 * tab of the Queries view that shows it. The contract's saved-query schema
 * and the kind list derive from here; the runners (savedQueries.ts) and the
 * renderer's openers are records over the same kinds, so adding a kind
 * without them does not compile.
 *
 * Renderer-safe: schemas and names only, nothing that reads the project.
 */
import { z } from 'zod';
import { codingQueryDef, cooccurrenceDef, matrixQueryDef, searchOptions, wordFrequencyDef } from '../api/methods/querySchemas.js';
import type { SavedQueryKind } from './types.js';

export interface QueryKindSpec {
  /** In the list of saved queries. */
  label: string;
  /** Checks a definition at every transport boundary. */
  schema: z.ZodType;
  /** The contract method that runs a definition of this kind on its own. */
  method: string;
  /** The `quarry` command that runs it, when there is one. */
  cliCommand?: string;
  /** The Queries view's tab that builds and shows it. */
  tab: { id: string; label: string; tip: string };
}

/** The registry. Key order is the order of the Queries view's tabs. */
export const QUERY_KIND_SPECS = {
  text: {
    label: 'Text search',
    schema: searchOptions,
    method: 'search.run',
    cliCommand: 'search',
    tab: { id: 'search', label: 'Text search', tip: 'Find words and phrases in every source; code all hits' },
  },
  coding: {
    label: 'Coding query',
    schema: codingQueryDef,
    method: 'queries.coding',
    cliCommand: 'query',
    tab: { id: 'coding', label: 'Coding query', tip: 'Passages coded at codes combined with AND, OR, NOT, NEAR' },
  },
  matrix: {
    label: 'Matrix coding',
    schema: matrixQueryDef,
    method: 'queries.matrix',
    cliCommand: 'matrix',
    tab: { id: 'matrix', label: 'Matrix coding', tip: 'Cases, attribute values or codes × codes, with a count per cell' },
  },
  cooccurrence: {
    label: 'Code co-occurrence',
    schema: cooccurrenceDef,
    method: 'queries.cooccurrence',
    tab: { id: 'cooccurrence', label: 'Co-occurrence', tip: 'Code × code: overlapping text or the same paragraph' },
  },
  wordFrequency: {
    label: 'Word frequency',
    schema: wordFrequencyDef,
    method: 'queries.wordFrequency',
    tab: { id: 'wordfreq', label: 'Word frequency', tip: 'The most frequent words' },
  },
} as const satisfies { [K in SavedQueryKind]: QueryKindSpec };

type Specs = typeof QUERY_KIND_SPECS;

export const SAVED_QUERY_KINDS = Object.keys(QUERY_KIND_SPECS) as [SavedQueryKind, ...SavedQueryKind[]];

/** The id of a Queries tab that shows a kind of query. */
export type QueryKindTab = Specs[SavedQueryKind]['tab']['id'];

type DefinitionSchema<K extends SavedQueryKind> = z.ZodObject<{ kind: z.ZodLiteral<K>; definition: Specs[K]['schema'] }>;
type AnyDefinitionSchema = { [K in SavedQueryKind]: DefinitionSchema<K> }[SavedQueryKind];

const definitionSchema = <K extends SavedQueryKind>(kind: K): DefinitionSchema<K> =>
  z.object({ kind: z.literal(kind), definition: QUERY_KIND_SPECS[kind].schema as Specs[K]['schema'] });

/** A saved query's definition: `{kind, definition}` for any kind in the registry. */
export const savedQueryDefinition = z.union(SAVED_QUERY_KINDS.map(definitionSchema) as [AnyDefinitionSchema, ...AnyDefinitionSchema[]]);
