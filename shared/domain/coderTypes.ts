/** The project's coders as the coders dialog and the "Code as" prompt see them. */
import type { Coder } from './types.js';

export interface CoderSummary extends Coder {
  codings: number;
  /** Sources this coder has coded in. */
  sources: number;
  memos: number;
  /** True for the coder this machine codes as. */
  current: boolean;
}

export interface CodersOverview {
  coders: CoderSummary[];
  /** The per-machine coder name (may not be a coder of this project yet). */
  currentName: string;
  /**
   * True when the project already has coders and the per-machine name is not
   * one of them: the app asks who is coding before the first change is made
   * under a new name by mistake.
   */
  needsChoice: boolean;
}
