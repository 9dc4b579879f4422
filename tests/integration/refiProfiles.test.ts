/**
 * REFI-QDA export profiles (issue 16): every sample from other tools
 * (../shared/refi/samples, read when present) imported and exported again
 * under each profile, with the positions checked against the text; a
 * newly written text with emoji, accents, CJK and line breaks whose
 * selections must land on the same characters under every profile; Quarry
 * reading each profile's file back to the same project; and, per peer, what
 * survives of the demo study (the README's table is checked against it:
 * regenerate it with UPDATE_PEER_TABLE=1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { applyExportProfile, profileCodes, type ExportChange } from '../../shared/refi/applyExportProfile.js';
import { EXPORT_PROFILE_IDS, exportProfile, type ExportProfileId } from '../../shared/refi/exportProfiles.js';
import { readCodebook, readRefiPackage } from '../../shared/refi/qdpxReader.js';
import { writeQdc, writeQdpx } from '../../shared/refi/qdpxWriter.js';
import { readRefiFile } from '../../shared/refi/readRefiFile.js';
import { planRefiImport } from '../../shared/refi/refiImportPlan.js';
import type { RefiProject } from '../../shared/refi/refiModel.js';
import { readOriginalName } from '../../shared/refi/quarryMarkers.js';
import { projectToRefi } from '../../shared/refi/projectToRefi.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { exportQdpxBytes, planExportChanges } from '../../shared/services/refiService.js';
import { runCli } from '../../cli/main.js';
import { sharedPath } from '../sharedReference.js';
import { PEERS, peerSlice, readXml, unpack, type PeerReader } from './refiPeers.js';

const SAMPLES = sharedPath('refi', 'samples');
const README = resolve(import.meta.dirname, '..', '..', 'README.md');
const codePoints = new Map<string, string[]>();
/** Slices by code points (each text split once: the NVivo samples' texts are 600 KB). */
const cpSlice = (text: string, start: number, end: number): string => {
  let cps = codePoints.get(text);
  if (!cps) codePoints.set(text, (cps = Array.from(text)));
  return cps.slice(start, end).join('');
};

function sampleFiles(): string[] {
  if (!existsSync(SAMPLES)) return [];
  return readdirSync(SAMPLES)
    .flatMap((dir) => readdirSync(join(SAMPLES, dir)).map((f) => join(SAMPLES, dir, f)))
    .filter((f) => /\.(qdpx|qde|qdc)$/i.test(f))
    .sort();
}

/** The text a profile's file gives at a selection, read the way that profile writes offsets. */
function profileSlice(fileText: string, start: number, end: number, id: ExportProfileId): string {
  const p = exportProfile(id);
  return peerSlice(fileText.replace(/^\uFEFF/, ''), start, end, p.positions, true);
}

/** The import plan without what may differ in wording between files (warnings name the origin). */
function planOf(bytes: Uint8Array) {
  const { warnings: _w, ...plan } = planRefiImport(readRefiPackage('x.qdpx', bytes));
  return plan;
}

/** A plan's codes without colours (or whether one was chosen): a sample's code without a colour gets MAXQDA's default on export, where Quarry's import leaves it unchosen. */
const uncoloured = (plan: ReturnType<typeof planOf>) => ({ ...plan, codes: plan.codes.map(({ color: _c, ...c }) => c) });

/** Exports a model under a profile and checks each selection's text in the file against the model's text. */
function checkExport(model: RefiProject, id: ExportProfileId): Uint8Array {
  const { project, options } = applyExportProfile(model, exportProfile(id));
  const bytes = writeQdpx(project, options);
  const xml = readXml(unpack(bytes));
  const byGuid = new Map(model.sources.flatMap((s) => s.selections.map((sel) => [sel.guid.toLowerCase(), { sel, text: s.text }] as const)));
  let checked = 0;
  for (const x of xml.selections) {
    const want = byGuid.get(x.guid);
    if (!want) continue;
    expect(profileSlice(xml.texts.get(x.sourceGuid)!, x.start, x.end, id), `${id}: selection ${x.guid}`).toBe(cpSlice(want.text, want.sel.start, want.sel.end));
    checked++;
  }
  expect(checked).toBe(byGuid.size);
  if (exportProfile(id).lineEndings === 'crlf') for (const t of xml.texts.values()) expect(t.replace(/\r\n/g, '')).not.toContain('\n');
  return bytes;
}

describe('export profiles on the samples from other tools', () => {
  const files = sampleFiles();
  if (files.length === 0) {
    it('has no samples to read here', () => {
      console.warn(`REFI-QDA samples not found under ${SAMPLES}: the profile tests on samples did not run`);
    });
    return;
  }
  for (const path of files) {
    const label = `${basename(join(path, '..'))}/${basename(path)}`;
    it(`imports ${label} and exports it again under every profile, with the expected positions`, () => {
      if (/\.qdc$/i.test(path)) {
        const book = readCodebook(basename(path), readFileSync(path, 'utf8'));
        for (const id of EXPORT_PROFILE_IDS) {
          const changes: ExportChange[] = [];
          const codes = profileCodes(book.codes, exportProfile(id), changes);
          const back = readCodebook('x.qdc', writeQdc(codes, []));
          const names: string[] = [];
          const original: string[] = [];
          const walk = (list: typeof back.codes, into: string[], restore: boolean): void =>
            list.forEach((c) => {
              into.push(restore ? (readOriginalName(c.description).name ?? c.name) : c.name);
              walk(c.children, into, restore);
            });
          walk(back.codes, names, false);
          walk(back.codes, original, true);
          const before: string[] = [];
          walk(book.codes, before, false);
          expect(original).toEqual(before);
          if (exportProfile(id).uniqueCodeNames) expect(new Set(names).size).toBe(names.length);
        }
        return;
      }
      const result = readRefiFile(basename(path), new Uint8Array(readFileSync(path)));
      const standardPlan = planOf(checkExport(result.project, 'standard'));
      for (const id of EXPORT_PROFILE_IDS) {
        const bytes = checkExport(result.project, id);
        // Quarry reads every profile's file back to the same project.
        if (exportProfile(id).colours === 'always') expect(uncoloured(planOf(bytes)), `${label} for ${id}`).toEqual(uncoloured(standardPlan));
        else expect(planOf(bytes), `${label} for ${id}`).toEqual(standardPlan);
      }
    });
  }
});

/** Newly written text: accents (precomposed and combining), emoji (one and a ZWJ family), CJK, and several lines. */
const FIXTURE = 'Harbour log\nThe ferry crew waved 👋 at the pier.\nNoé said “très bien” twice; Zoe\u0301 nodded.\n家族 👨‍👩‍👦 arrived at 港 by noon.\n\nLast line 🐚 end\n';
const g = (n: number): string => `10000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function fixtureProject(): RefiProject {
  const picks = ['ferry crew waved 👋', 'très bien', 'Zoe\u0301 nodded', '家族 👨‍👩‍👦 arrived at 港', '🐚 end', 'pier.\nNoé'];
  return {
    name: 'Profiles fixture',
    origin: 'Quarry',
    users: [{ guid: g(1), name: 'Tester' }],
    codes: [{ guid: g(2), name: 'Moments', isCodable: true, children: [], noteGuids: [] }],
    variables: [],
    cases: [],
    notes: [],
    sets: [],
    projectNoteGuids: [],
    sources: [
      {
        guid: g(3),
        name: 'Harbour',
        text: FIXTURE,
        noteGuids: [],
        values: [],
        selections: picks.map((sub, i) => {
          const at = FIXTURE.indexOf(sub);
          const start = Array.from(FIXTURE.slice(0, at)).length;
          return { guid: g(10 + i), start, end: start + Array.from(sub).length, codings: [{ guid: g(20 + i), codeGuid: g(2), noteGuids: [] }], noteGuids: [] };
        }),
      },
    ],
  };
}

describe('positions under each profile (a text with emoji, accents, CJK and line breaks)', () => {
  it('puts every selection on the same characters, in the unit and line breaks each profile writes', () => {
    const model = fixtureProject();
    for (const id of EXPORT_PROFILE_IDS) {
      const back = readRefiPackage('x.qdpx', checkExport(model, id));
      expect(back.project.sources[0]!.selections.map((s) => [s.start, s.end]), id).toEqual(model.sources[0]!.selections.map((s) => [s.start, s.end]));
      expect(back.project.sources[0]!.text).toBe(FIXTURE);
    }
  });

  it('writes the numbers worked out by hand for “家族 👨‍👩‍👦 arrived at 港”', () => {
    // Code points before it: 12 + 36 + 41 = 89 (lines of 11, 35 and 40 code points, each with its LF);
    // it is 21 code points long, of which the family emoji is 5 (8 UTF-16 units).
    const sel = (id: ExportProfileId) => {
      const { project, options } = applyExportProfile(fixtureProject(), exportProfile(id));
      return readXml(unpack(writeQdpx(project, options))).selections[3]!;
    };
    expect(sel('standard')).toMatchObject({ start: 89, end: 110 });
    expect(sel('qualcoder')).toMatchObject({ start: 89, end: 110 });
    expect(sel('atlasti')).toMatchObject({ start: 89, end: 110 });
    // CRLF: three line breaks before it, one more each.
    expect(sel('maxqda')).toMatchObject({ start: 92, end: 113 });
    // UTF-16 and CRLF: 👋 counts 2 (+1) and 3 CRs (+3) before it; inside, 8 units for 5 code points (+3).
    expect(sel('nvivo')).toMatchObject({ start: 93, end: 117 });
  });
});

describe('what the samples show about each peer (the evidence for the profiles)', () => {
  const qdeOf = (rel: string): string => {
    const path = join(SAMPLES, rel);
    if (/\.qde$/i.test(path)) return readFileSync(path, 'utf8');
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    return new TextDecoder().decode(files[Object.keys(files).find((k) => /\.qde$/i.test(k))!]);
  };
  const has = (rel: string): boolean => existsSync(join(SAMPLES, rel));

  it('NVivo counts UTF-16 units, with a CRLF as two and the BOM not counted (NVivo 12.6 for Windows)', () => {
    if (!has('nvivo-12.6-win/oltas.qdpx')) return console.warn('NVivo sample absent: not checked');
    const pkg = unpack(new Uint8Array(readFileSync(join(SAMPLES, 'nvivo-12.6-win/oltas.qdpx'))));
    const raw = [...pkg.files.values()].find((t) => t.startsWith('\uFEFF'))!;
    expect(raw).toContain('\r\n');
    const xml = readXml(pkg);
    const word = /[\p{L}\p{N}\p{M}_]/u;
    const boundaryStarts = (unit: 'codepoint' | 'utf16', crlfAsTwo: boolean): number =>
      xml.selections.filter((s) => {
        const text = raw.replace(/^\uFEFF/, '');
        const before = peerSlice(text, Math.max(0, s.start - 1), s.start, unit, crlfAsTwo);
        const first = peerSlice(text, s.start, s.start + 1, unit, crlfAsTwo);
        return s.start === 0 || !(word.test(before) && word.test(first));
      }).length;
    const utf16Two = boundaryStarts('utf16', true);
    expect(utf16Two).toBe(xml.selections.length);
    expect(boundaryStarts('codepoint', true)).toBeLessThan(utf16Two);
    expect(boundaryStarts('utf16', false)).toBeLessThan(utf16Two);
  });

  it('ATLAS.ti puts quotation comments in the selection’s Description and groups documents in Sets, with no Case elements', () => {
    if (!has('atlasti-8.4.0-mac/Project.qde')) return console.warn('ATLAS.ti sample absent: not checked');
    const qde = qdeOf('atlasti-8.4.0-mac/Project.qde');
    expect(qde).toMatch(/<PlainTextSelection[^>]*>\s*<Description>/);
    expect(qde).not.toMatch(/<Case\b/);
    expect(qde).toMatch(/<Set [^>]*name="Mabel">\s*<MemberSource/);
  });

  it('MAXQDA writes a colour on every code and groups documents in Sets, with no Case elements', () => {
    if (!has('maxqda-24.7.0/project.qde')) return console.warn('MAXQDA sample absent: not checked');
    const qde = qdeOf('maxqda-24.7.0/project.qde');
    const codes = qde.match(/<Code\b[^>]*>/g)!;
    expect(codes.every((c) => / color="#[0-9A-Fa-f]{6}"/.test(c))).toBe(true);
    expect(qde).not.toMatch(/<Case\b/);
    expect(qde).toMatch(/<Set\b[^>]*>\s*<MemberSource/);
  });
});

let dir: string;
let demo: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-profiles-'));
  demo = join(dir, 'demo.quarry');
  await buildDemoProject(demo);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a peer keeps of a package, measured against what Quarry wrote (the standard file, read as the spec says). */
function survival(peer: PeerReader, bytes: Uint8Array, reference: ReturnType<typeof readXml>): Record<string, string> {
  const x = readXml(unpack(bytes));
  const ratio = (n: number, of: number): string => (of === 0 ? '–' : n === of ? `all ${of}` : `${n} of ${of}`);
  // Codes: a peer that merges by name keeps the first code of each name.
  const firstOfName = new Map<string, string>();
  for (const c of x.codes) if (!firstOfName.has(c.name)) firstOfName.set(c.name, c.guid);
  const kept = new Set(peer.mergesCodesByName ? firstOfName.values() : x.codes.map((c) => c.guid));
  const refCodes = new Map(reference.codes.map((c) => [c.guid, c]));
  const hierarchy = x.codes.filter((c) => kept.has(c.guid) && c.parent === refCodes.get(c.guid)?.parent).length;
  const codings = x.selections.reduce((n, s) => n + s.codeGuids.filter((c) => kept.has(c)).length, 0);
  const refSel = new Map(reference.selections.map((s) => [s.guid, s]));
  const positions = x.selections.filter((s) => {
    const r = refSel.get(s.guid)!;
    return peerSlice(x.texts.get(s.sourceGuid)!, s.start, s.end, peer.unit, peer.crlfAsTwo) === cpSlice(reference.texts.get(r.sourceGuid)!, r.start, r.end);
  }).length;
  const projectNotes = new Set(reference.projectNoteRefs);
  const noteText = new Map(x.notes.map((n) => [n.guid, n]));
  const readsAll = peer.notes === 'all';
  const projectRead = readsAll ? projectNotes.size : [...projectNotes].filter((guid) => noteText.get(guid)?.file).length;
  // QualCoder reads coding memos only from their selection's Description.
  const otherRead = readsAll ? x.notes.length - projectNotes.size : x.selections.reduce((n, s) => n + (s.description !== undefined ? s.noteRefs.length : 0), 0);
  const refLinks = reference.cases.reduce((n, c) => n + c.sourceRefs.length, 0);
  const links =
    peer.caseLinks === 'sourceRef' ? x.cases.reduce((n, c) => n + c.sourceRefs.length, 0)
    : peer.caseLinks === 'sets' ? x.sets.filter((s) => reference.cases.some((c) => c.name === s.name)).reduce((n, s) => n + s.members.length, 0)
    : 0;
  const refSets = reference.sets.length;
  return {
    codes: ratio(kept.size, reference.codes.length),
    hierarchy: ratio(hierarchy, reference.codes.length),
    codings: ratio(codings, reference.selections.reduce((n, s) => n + s.codeGuids.length, 0)),
    positions: ratio(positions, reference.selections.length),
    'project notes': ratio(projectRead, projectNotes.size),
    'other memos': ratio(otherRead, reference.notes.length - projectNotes.size),
    cases: ratio(x.cases.length, reference.cases.length),
    'case links': ratio(Math.min(links, refLinks), refLinks),
    'variable values': ratio(x.variableValues, reference.variableValues),
    sets: ratio(peer.readsSets ? x.sets.filter((s) => !s.quarryCaseSources).length : 0, refSets),
    colours: ratio(x.codes.filter((c) => kept.has(c.guid) && c.color !== undefined && c.color === refCodes.get(c.guid)?.color).length, reference.codes.length),
  };
}

function peerTable(db: ProjectDb['db']): string {
  const reference = readXml(unpack(exportQdpxBytes(db, 'standard')));
  const columns = ['codes', 'hierarchy', 'codings', 'positions', 'project notes', 'other memos', 'cases', 'case links', 'variable values', 'sets', 'colours'];
  const rows = [`| Peer (file written) | ${columns.join(' | ')} |`, `|---|${columns.map(() => '---').join('|')}|`];
  for (const [id, peer] of Object.entries(PEERS) as [ExportProfileId, PeerReader][]) {
    for (const written of [id, 'standard'] as ExportProfileId[]) {
      const s = survival(peer, exportQdpxBytes(db, written), reference);
      rows.push(`| ${peer.label} (\`--for ${written}\`) | ${columns.map((c) => s[c]).join(' | ')} |`);
    }
  }
  return rows.join('\n');
}

describe('the demo study through each profile', () => {
  it('Quarry reads every profile’s file back to the same project', () => {
    const { project } = ProjectDb.open(demo, { readOnly: true, lock: false });
    try {
      const standard = exportQdpxBytes(project.db, 'standard');
      // `standard` is the spec exactly as before profiles: the same bytes as the writer without a profile.
      expect(standard).toEqual(writeQdpx(projectToRefi(project.db).project));
      const reference = planOf(standard);
      for (const id of EXPORT_PROFILE_IDS) expect(planOf(exportQdpxBytes(project.db, id)), id).toEqual(reference);
    } finally {
      project.close();
    }
  });

  it('lists before writing what each peer drops or changes: QualCoder’s renamed codes old → new', () => {
    const { project } = ProjectDb.open(demo, { readOnly: true, lock: false });
    try {
      expect(planExportChanges(project.db, 'standard')).toEqual([]);
      const qc = planExportChanges(project.db, 'qualcoder');
      expect(qc.filter((c) => c.kind === 'renamed').map((c) => [c.from, c.to])).toEqual([
        ['Outcomes/Intermediaries', 'Intermediaries (Outcomes)'],
        ['Outcomes/Entrepreneurs', 'Entrepreneurs (Outcomes)'],
      ]);
      expect(qc.map((c) => c.item)).toEqual(expect.arrayContaining(['coding memos', 'project notes', 'case links']));
      expect(planExportChanges(project.db, 'nvivo').map((c) => c.item)).toEqual(['positions', 'line endings', 'text files']);
      expect(planExportChanges(project.db, 'qualcoder', 'qdc').map((c) => c.kind)).toEqual(['renamed', 'renamed']);
    } finally {
      project.close();
    }
  });

  it('computes per peer what survives, and the README’s table is that result', () => {
    const { project } = ProjectDb.open(demo, { readOnly: true, lock: false });
    let table: string;
    try {
      table = peerTable(project.db);
    } finally {
      project.close();
    }
    // QualCoder reading the spec's file merges the two pairs of same-named codes; the profile's file keeps them all.
    expect(table).toMatch(/\| QualCoder \(`--for qualcoder`\) \| all 22 \| all 22 \| all 55 \| all 55 \|/);
    expect(table).toMatch(/\| QualCoder \(`--for standard`\) \| 20 of 22 \|/);
    expect(table).toMatch(/\| NVivo \(`--for nvivo`\) \| all 22 \| all 22 \| all 55 \| all 55 \|/);
    const readme = readFileSync(README, 'utf8');
    const block = /<!-- refi-peer-table:start -->\n([\s\S]*?)\n<!-- refi-peer-table:end -->/;
    if (process.env.UPDATE_PEER_TABLE === '1') {
      writeFileSync(README, readme.replace(/<!-- refi-peer-table:start -->[\s\S]*?<!-- refi-peer-table:end -->/, `<!-- refi-peer-table:start -->\n${table}\n<!-- refi-peer-table:end -->`));
    }
    expect(block.exec(readFileSync(README, 'utf8'))?.[1]).toBe(table);
  });
});

describe('quarry export … --for', () => {
  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir, env: {} });
    return { code, out, err };
  }

  it('writes the standard file byte for byte without --for, and lists the changes for a peer in --json', async () => {
    expect((await cli('export', demo, 'qdpx', '--out', 'plain.qdpx')).code).toBe(0);
    expect((await cli('export', demo, 'qdpx', '--for', 'standard', '--out', 'std.qdpx')).code).toBe(0);
    expect(readFileSync(join(dir, 'std.qdpx'))).toEqual(readFileSync(join(dir, 'plain.qdpx')));
    const r = await cli('export', demo, 'qdpx', '--for', 'qualcoder', '--out', 'qc.qdpx', '--json');
    expect(r).toMatchObject({ code: 0, err: '' });
    const json = JSON.parse(r.out) as { kind: string; path: string; bytes: number; profile: string; changes: ExportChange[] };
    expect(json).toMatchObject({ kind: 'qdpx', path: join(dir, 'qc.qdpx'), profile: 'qualcoder' });
    expect(json.changes.find((c) => c.kind === 'renamed')).toMatchObject({ from: 'Outcomes/Intermediaries', to: 'Intermediaries (Outcomes)' });
    const qdc = await cli('export', demo, 'qdc', '--for', 'qualcoder', '--out', 'qc.qdc', '--json');
    expect(JSON.parse(qdc.out)).toMatchObject({ kind: 'qdc', profile: 'qualcoder' });
    const bad = await cli('export', demo, 'qdpx', '--for', 'word', '--out', 'x.qdpx');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--for must be one of standard, nvivo, atlasti, maxqda, qualcoder/);
  });
});
