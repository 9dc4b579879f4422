/**
 * Deterministic large interview transcripts for the document benchmarks: a
 * 1,000,000-character transcript with 5,000 codings (and smaller siblings
 * for the apply-coding timings), written into a fresh project through the
 * stores in one transaction without undo recording.
 */
import { ProjectDb } from '../shared/db/projectDb.js';
import { CODE_PALETTE } from '../shared/services/codeService.js';
import { ensureCoder } from '../shared/services/coderService.js';
import { storeDocument } from '../shared/services/sourceService.js';
import { insertCode } from '../shared/store/codesStore.js';
import { insertCoding } from '../shared/store/codingsStore.js';
import { mulberry32 } from '../shared/seededRandom.js';
import { buildPositionIndex } from '../shared/text/positions.js';

export interface LargeSourceSpec {
  name: string;
  characters: number;
  codings: number;
}

const WORDS = `the and to of a I in that it we was for you they but on with have be so not at this what are were do about
all one would if from or them our people which just can more when like their think some very because out know really
time get been business other said who into then than going lot work only how things company firms group meetings members
first years new also way well go where want see much good different help local contact idea small university network
events customers sales region support partners market council agency programme speakers evening contract project money
experience technology research owners staff growth advice value benefit problem chance level service sector café naïve`.split(/\s+/);
/** A few non-Latin and astral passages, so the benchmark exercises what real transcripts contain. */
const SPICE = ['👍', 'Zoë', 'שלום עליכם', 'مرحبا بكم', '数据', '🇬🇧', 'résumé'];

function sentence(r: () => number): string {
  const n = 6 + Math.floor(r() * 16);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(r() < 0.01 ? SPICE[Math.floor(r() * SPICE.length)]! : WORDS[Math.floor(r() * r() * WORDS.length)]!);
  const s = words.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + (r() < 0.15 ? '?' : '.');
}

/** Interviewer/Respondent turns separated by blank lines, exactly `characters` code points long. */
export function largeTranscriptText(characters: number, seed: number): string {
  const r = mulberry32(seed);
  const parts: string[] = [];
  let length = 0;
  let q = 1;
  while (length < characters) {
    const asking = parts.length % 2 === 0;
    const sentences = asking ? 1 + Math.floor(r() * 2) : 2 + Math.floor(r() * 9);
    const body = Array.from({ length: sentences }, () => sentence(r)).join(' ');
    const turn = asking ? `Interviewer: ${r() < 0.3 ? `Q${q++}. ` : ''}${body}` : `Respondent: ${body}`;
    parts.push(turn);
    length += [...turn].length + 2;
  }
  const text = parts.join('\n\n');
  // Cut to the exact length on a code-point boundary.
  return buildPositionIndex(text).slice(0, characters);
}

/** Creates the project with one source per spec; returns the source ids by name. */
export function createLargeDocumentProject(path: string, specs: LargeSourceSpec[], seed = 20070910): Map<string, number> {
  const project = ProjectDb.create(path, { name: 'Benchmark: large transcripts' });
  const ids = new Map<string, number>();
  try {
    const db = project.db;
    db.transaction(() => {
      const coder = ensureCoder(db, 'Bench Coder');
      const codeIds: number[] = [];
      for (let t = 0; t < 8; t++) {
        const parent = insertCode(db, { parentId: null, name: `Theme ${t + 1}`, color: CODE_PALETTE[t % CODE_PALETTE.length]!, description: '', createdBy: coder.id });
        for (let c = 0; c < 5; c++) {
          const color = CODE_PALETTE[(t * 5 + c + 3) % CODE_PALETTE.length]!;
          codeIds.push(insertCode(db, { parentId: parent, name: `Code ${t + 1}.${c + 1}`, color, description: '', createdBy: coder.id }));
        }
      }
      specs.forEach((spec, k) => {
        const text = largeTranscriptText(spec.characters, seed + k);
        const doc = { name: spec.name, text, originName: `${spec.name}.txt`, originType: 'txt' as const, encoding: 'utf-8' as const, warnings: [] };
        const { id } = storeDocument(db, coder.name, doc);
        ids.set(spec.name, id);
        const r = mulberry32(seed * 31 + k);
        const seen = new Set<string>();
        while (seen.size < spec.codings) {
          const start = Math.floor(r() * (spec.characters - 50));
          // Mostly sentence-sized passages, some spanning several paragraphs.
          const len = r() < 0.1 ? 400 + Math.floor(r() * 2000) : 20 + Math.floor(r() * 300);
          const end = Math.min(spec.characters, start + len);
          const codeId = codeIds[Math.floor(r() * codeIds.length)]!;
          const key = `${codeId}:${start}:${end}`;
          if (seen.has(key)) continue;
          seen.add(key);
          insertCoding(db, { sourceId: id, codeId, start, end, coderId: coder.id });
        }
      });
    })();
  } finally {
    project.close();
  }
  return ids;
}
