import type { ChartDef } from '../../../../shared/queries/types.js';

export type ChartMeasure = NonNullable<ChartDef['measure']>;

/** The chart panel's form, kept while the app runs (see queryViewStates.ts). */
export interface ChartForm {
  attribute: string;
  codeIds: number[];
  measure: ChartMeasure;
  coder: string;
}
