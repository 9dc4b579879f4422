/**
 * The large synthetic project the query benchmarks run on: by default
 * 2,000 sources (20 million characters), 300 codes (50 themes × 5
 * children), 200,000 codings by two coders, 500 cases × 10 attributes, and
 * a framework matrix. Written straight through the stores in one untracked
 * transaction (no undo log), and cached under bench-results/ by its
 * parameters, so only the first run pays for it.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CURRENT_SCHEMA_VERSION } from '../shared/db/migrations/index.js';
import { ProjectDb } from '../shared/db/projectDb.js';
import { insertAttribute, setValue } from '../shared/store/attributesStore.js';
import { insertCase } from '../shared/store/casesStore.js';
import { insertCode } from '../shared/store/codesStore.js';
import { insertSource, setSourceCase } from '../shared/store/sourcesStore.js';
import { insertUser } from '../shared/store/usersStore.js';
import { stmt } from '../shared/store/statements.js';
import { contentHash } from '../shared/services/sourceService.js';
import { mulberry32 } from '../shared/seededRandom.js';
import { textGenerator } from './syntheticText.js';
import { addBenchFramework } from './benchFramework.js';

export interface LargeProjectParams {
  sources: number;
  characters: number;
  themes: number;
  childrenPerTheme: number;
  codings: number;
  cases: number;
  attributes: number;
  seed: number;
}

export const LARGE_PROJECT: LargeProjectParams = {
  sources: 2000,
  characters: 20_000_000,
  themes: 50,
  childrenPerTheme: 5,
  codings: 200_000,
  cases: 500,
  attributes: 10,
  seed: 20070903,
};

/** Bump when the generated content changes, so stale caches are not reused. */
const GENERATOR_VERSION = 4;

export interface LargeProjectInfo {
  path: string;
  params: LargeProjectParams;
  /** Attribute names; the first is "Group" with values A and B. */
  attributes: string[];
  themePaths: string[];
}

const ATTRIBUTES: { name: string; values: string[] }[] = [
  { name: 'Group', values: ['A', 'B'] },
  { name: 'Region', values: ['North', 'South', 'East', 'West', 'Centre'] },
  { name: 'Stage', values: ['Early', 'Established', 'Mature'] },
  { name: 'Sector', values: ['Software', 'Hardware', 'Services', 'Media'] },
  { name: 'Size', values: ['Micro', 'Small', 'Medium'] },
  { name: 'Membership', values: ['Founding', 'Member', 'New'] },
  { name: 'Wave', values: ['1', '2'] },
  { name: 'Gender', values: ['Female', 'Male', 'Other'] },
  { name: 'Age band', values: ['<30', '30-44', '45-59', '60+'] },
  { name: 'Funding', values: ['Self', 'Grant', 'Investor'] },
];

export function largeProjectPath(resultsDir: string, params: LargeProjectParams): string {
  const key = createHash('sha256')
    .update(JSON.stringify({ params, GENERATOR_VERSION, CURRENT_SCHEMA_VERSION }))
    .digest('hex')
    .slice(0, 12);
  return join(resultsDir, `large-${key}.quarry`);
}

export function themePath(t: number): string {
  return `Theme ${String(t + 1).padStart(2, '0')}`;
}

/** Generates (or reuses) the project; returns where it is. */
export function generateLargeProject(resultsDir: string, params: LargeProjectParams = LARGE_PROJECT, log: (m: string) => void = () => {}): LargeProjectInfo {
  mkdirSync(resultsDir, { recursive: true });
  const path = largeProjectPath(resultsDir, params);
  const info: LargeProjectInfo = {
    path,
    params,
    attributes: ATTRIBUTES.slice(0, params.attributes).map((a) => a.name),
    themePaths: Array.from({ length: params.themes }, (_, t) => themePath(t)),
  };
  if (existsSync(path)) return info;
  const tmp = `${path}.building`;
  rmSync(tmp, { force: true });
  const t0 = Date.now();
  log(`generating the large project (${params.sources} sources, ${params.characters} characters, ${params.codings} codings)…`);
  const project = ProjectDb.create(tmp, { name: 'Large synthetic project' });
  try {
    project.history.untracked(() => fill(project, params));
    project.db.exec('ANALYZE');
  } finally {
    project.close();
  }
  renameSync(tmp, path);
  log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${path}`);
  return info;
}

function fill(project: ProjectDb, p: LargeProjectParams): void {
  const db = project.db;
  const rand = mulberry32(p.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const coders = [
    insertUser(db, { name: 'Coder One', initials: 'CO', color: '#1e88e5' }).id,
    insertUser(db, { name: 'Coder Two', initials: 'CT', color: '#e53935' }).id,
  ];
  const caseIds: number[] = [];
  for (let c = 0; c < p.cases; c++) caseIds.push(insertCase(db, { name: `P${String(c + 1).padStart(4, '0')}` }));
  for (const a of ATTRIBUTES.slice(0, p.attributes)) {
    const id = insertAttribute(db, { name: a.name, type: 'choice', choices: a.values });
    caseIds.forEach((caseId, i) => setValue(db, caseId, id, { kind: 'value', value: a.name === 'Group' ? a.values[i % 2]! : pick(a.values) }));
  }
  const leafCodes: number[] = [];
  const themeCodes: number[] = [];
  for (let t = 0; t < p.themes; t++) {
    const theme = insertCode(db, { parentId: null, name: themePath(t), color: '#607d8b', description: '', createdBy: null, sortOrder: t });
    themeCodes.push(theme);
    for (let k = 0; k < p.childrenPerTheme; k++) {
      leafCodes.push(insertCode(db, { parentId: theme, name: `Sub ${k + 1}`, color: '#90a4ae', description: '', createdBy: null, sortOrder: k }));
    }
  }
  const texts = textGenerator(p.seed + 1);
  const perSource = Math.floor(p.characters / p.sources);
  const codingsPerSource = Math.floor(p.codings / p.sources);
  const insert = stmt(
    db,
    `INSERT OR IGNORE INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  let guid = 0;
  for (let s = 0; s < p.sources; s++) {
    const text = texts.transcript(perSource);
    const sourceId = insertSource(db, {
      name: `Transcript ${String(s + 1).padStart(5, '0')}`,
      text,
      characters: text.length,
      contentHash: contentHash(text),
      originName: `transcript-${s + 1}.txt`,
      originType: 'txt',
      encoding: 'utf-8',
      createdBy: coders[0]!,
    });
    setSourceCase(db, sourceId, caseIds[s % caseIds.length]!);
    // A random duplicate (same code, coder and span) is ignored and drawn again, so the count is exact.
    for (let k = 0; k < codingsPerSource; ) {
      const length = 80 + Math.floor(rand() * 900);
      const start = Math.floor(rand() * Math.max(1, text.length - length));
      const code = rand() < 0.1 ? pick(themeCodes) : pick(leafCodes);
      const coder = rand() < 0.8 ? coders[0]! : coders[1]!;
      k += insert.run(`bench-${++guid}`, sourceId, code, start, Math.min(text.length, start + length), coder, now).changes;
    }
  }
  addBenchFramework(db, { caseIds: caseIds.slice(0, 100), themeCodes: themeCodes.slice(0, 10), rand });
}
