/**
 * Export → import reproduces the project: the demo study (two coders, memos,
 * cases, typed attributes) and a project full of emoji, accents, CJK and
 * right-to-left text, with case sets, case passages and memos of every kind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoProject } from '../../../shared/demo/buildDemo.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { exportQdpxBytes, importRefiProject } from '../../../shared/services/refiService.js';
import { readRefiPackage } from '../../../shared/refi/qdpxReader.js';
import { fingerprint } from './projectFingerprint.js';
import { buildUnicodeProject } from './unicodeProject.js';

const work = mkdtempSync(join(tmpdir(), 'quarry-refi-rt-'));

function roundTrip(path: string, name: string) {
  const { project } = ProjectDb.open(path, { readOnly: true, lock: false });
  const before = fingerprint(project.db, { guids: true });
  const bytes = exportQdpxBytes(project.db);
  const again = exportQdpxBytes(project.db);
  project.close();
  const target = join(work, `${name}-reimported.quarry`);
  const { report } = importRefiProject(target, `${name}.qdpx`, bytes);
  const reopened = ProjectDb.open(target, { readOnly: true, lock: false }).project;
  const after = fingerprint(reopened.db, { guids: true });
  const reexport = exportQdpxBytes(reopened.db);
  reopened.close();
  return { before, after, report, bytes, again, reexport };
}

describe('REFI-QDA round trip of the demo study', () => {
  let r: ReturnType<typeof roundTrip>;
  beforeAll(async () => {
    const demo = join(work, 'demo.quarry');
    await buildDemoProject(demo);
    r = roundTrip(demo, 'demo');
  });

  it('imports with nothing skipped and code points as the unit', () => {
    expect(r.report.skipped).toEqual([]);
    expect(r.report.positionUnit).toBe('codepoint');
    expect(r.report.sources).toBe(14);
    expect(r.report.cases).toBe(14);
  });

  it('reproduces sources, codes, codings (with their exact text), cases, attributes and memos, GUIDs included', () => {
    for (const key of Object.keys(r.before) as (keyof typeof r.before)[]) expect(r.after[key], key).toEqual(r.before[key]);
    expect(r.after.codings.length).toBeGreaterThan(40);
    expect(r.after.memos.length).toBeGreaterThan(0);
    expect(r.after.values.length).toBeGreaterThan(50);
  });

  it('writes the same bytes every time, and the same again after a re-import (stable GUIDs)', () => {
    expect(Buffer.from(r.again).equals(Buffer.from(r.bytes))).toBe(true);
    const a = readRefiPackage('a.qdpx', r.bytes).project;
    const b = readRefiPackage('b.qdpx', r.reexport).project;
    expect(b.sources.map((s) => s.guid)).toEqual(a.sources.map((s) => s.guid));
    expect(b.sources.flatMap((s) => s.selections.map((x) => x.guid))).toEqual(a.sources.flatMap((s) => s.selections.map((x) => x.guid)));
    expect(b.notes.map((n) => n.guid).sort()).toEqual(a.notes.map((n) => n.guid).sort());
  });
});

describe('REFI-QDA round trip of a project in many scripts', () => {
  let r: ReturnType<typeof roundTrip>;
  beforeAll(async () => {
    const path = join(work, 'unicode.quarry');
    await buildUnicodeProject(path);
    r = roundTrip(path, 'unicode');
  });

  it('reproduces everything exactly', () => {
    expect(r.report.skipped).toEqual([]);
    for (const key of Object.keys(r.before) as (keyof typeof r.before)[]) expect(r.after[key], key).toEqual(r.before[key]);
  });

  it('keeps every coded passage’s text, emoji and right-to-left text included', () => {
    const texts = r.after.codings.map((c) => (JSON.parse(c) as { text: string }).text);
    expect(texts).toEqual(expect.arrayContaining(['👩‍👩‍👧', 'שלום עולם', 'مرحبا بكم', '東京タワー', 'Zu\u0308rich', '🌍🌏']));
    expect(r.after.caseSets.length).toBe(2);
    expect(r.after.caseSpans.length).toBe(1);
  });
});
