/**
 * Reading the demo study's fixture folder (fixtures/demo-ict-cluster): the
 * files are the human-readable source of truth; see its README.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AttributeType } from '../cases/attributeTypes.js';
import { QuarryError } from '../errors.js';

export interface DemoCodeSpec {
  name: string;
  color?: string;
  description?: string;
  children?: DemoCodeSpec[];
}

export interface DemoCodingItem {
  codes: string[];
  anchor: string;
  memo?: string;
}

export interface DemoCodingFile {
  file: string;
  raw: string;
  source: string;
  coder: string;
  codings: DemoCodingItem[];
}

export interface DemoAttributeSpec {
  name: string;
  type: AttributeType;
  choices?: string[];
  description?: string;
}

/** Finds the fixture folder whether running from source (shared/demo) or from the build (build/shared/demo). */
export function demoFixtureDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'fixtures', 'demo-ict-cluster');
    if (existsSync(join(candidate, 'codebook.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new QuarryError('not_found', 'The demo study files (fixtures/demo-ict-cluster) are missing from this installation.');
}

function readJson<T>(dir: string, file: string): T {
  const path = join(dir, file);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new QuarryError('invalid_input', `${file}: cannot read the demo file (${(err as Error).message}).`);
  }
}

export function readDemoFixture(dir = demoFixtureDir()) {
  const transcriptsDir = join(dir, 'transcripts');
  const transcripts = readdirSync(transcriptsDir)
    .filter((f) => /\.(txt|md|docx|pdf)$/i.test(f))
    .sort()
    .map((f) => ({ fileName: f, bytes: new Uint8Array(readFileSync(join(transcriptsDir, f))) }));
  const codingFiles = (sub: string): DemoCodingFile[] =>
    readdirSync(join(dir, sub))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const file = `${sub}/${f}`;
        const raw = readFileSync(join(dir, sub, f), 'utf8');
        const parsed = JSON.parse(raw) as { coder: string; codings: DemoCodingItem[] };
        return { file, raw, source: f.replace(/\.json$/, ''), coder: parsed.coder, codings: parsed.codings };
      });
  return {
    dir,
    transcripts,
    codebook: readJson<{ codes: DemoCodeSpec[] }>(dir, 'codebook.json').codes,
    attributes: readJson<DemoAttributeSpec[]>(dir, 'attributes.json'),
    classificationCsv: new Uint8Array(readFileSync(join(dir, 'classification.csv'))),
    primary: codingFiles('codings'),
    secondCoder: codingFiles('coder2'),
    interviewGuide: readFileSync(join(dir, 'interview-guide.md'), 'utf8'),
  };
}

/** 1-based line of the JSON file where an anchor is written (for error messages). */
export function lineOfAnchor(raw: string, anchor: string): number {
  const at = raw.indexOf(JSON.stringify(anchor).slice(1, -1));
  return at < 0 ? 0 : raw.slice(0, at).split('\n').length;
}
