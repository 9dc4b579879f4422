/**
 * The codebook model from a project: every code in tree order with its
 * description, counts and (optionally) an example passage, plus the
 * interview guide when the project keeps one as a project memo or a source.
 */
import type Database from 'better-sqlite3';
import type { CodeNode } from '../domain/types.js';
import { codeTree } from '../services/codeService.js';
import { examplePassagePerCode } from '../store/exportsStore.js';
import { listMemos } from '../store/memosStore.js';
import { listSources, getSourceText } from '../store/sourcesStore.js';
import { projectAttributor } from './caseAttribution.js';
import { clip } from './clipText.js';
import type { Codebook, CodebookEntry, InterviewGuide } from './exportModels.js';
import { looksLikeInterviewGuide, parseInterviewGuide } from './interviewGuide.js';

export interface CodebookOptions {
  title?: string;
  /** Adds one example passage per code (default false). */
  examples?: boolean;
  labelTemplate?: string;
  /** Adds the interview guide when the project has one (default true). */
  guide?: boolean;
}

const EXAMPLE_MAX = 400;

export function findInterviewGuide(db: Database.Database): InterviewGuide | undefined {
  const memo = listMemos(db, { target: 'project' }).find((m) => looksLikeInterviewGuide(m.title));
  if (memo) return parseInterviewGuide(memo.title.trim(), memo.body);
  const source = listSources(db).find((s) => looksLikeInterviewGuide(s.name));
  if (source) return parseInterviewGuide(source.name, getSourceText(db, source.id) ?? '');
  return undefined;
}

export function loadCodebook(db: Database.Database, opts: CodebookOptions = {}): Codebook {
  const examples = new Map<number, { text: string; attribution: string }>();
  if (opts.examples) {
    const label = projectAttributor(db, opts.labelTemplate);
    for (const e of examplePassagePerCode(db)) examples.set(e.codeId, { text: clip(e.text, EXAMPLE_MAX), attribution: label(e) });
  }
  const codes: CodebookEntry[] = [];
  const walk = (nodes: CodeNode[], depth: number) => {
    for (const n of nodes) {
      const example = examples.get(n.id);
      codes.push({ path: n.path, name: n.name, depth, color: n.color, description: n.description, references: n.references, sources: n.sources, ...(example ? { example } : {}) });
      walk(n.children, depth + 1);
    }
  };
  walk(codeTree(db), 0);
  const guide = opts.guide === false ? undefined : findInterviewGuide(db);
  return { title: opts.title ?? 'Codebook', codes, ...(guide ? { guide } : {}) };
}
