/**
 * The co-author API end to end through the dispatcher: coders ("Code as"),
 * REFI-QDA export and import (bad input refused with a clear message and
 * the open project untouched), merge and coding comparison.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import type { CodersOverview } from '../../shared/domain/coderTypes.js';
import type { ProjectInfo } from '../../shared/domain/types.js';
import type { RefiImportReport } from '../../shared/refi/refiImportPlanTypes.js';
import type { MergePreview, MergeResult } from '../../shared/domain/mergeTypes.js';
import type { AgreementResult } from '../../shared/domain/agreementTypes.js';
import type { RefiExportResult } from '../../shared/api/methods/refiMethods.js';
import { buildCoauthorFiles } from '../unit/coauthors/coauthorFiles.js';

const work = mkdtempSync(join(tmpdir(), 'quarry-coauthors-api-'));
let files: { full: string; ruth: string; daniel: string };
const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});
beforeAll(async () => {
  files = await buildCoauthorFiles(work);
});

async function setup(projectFile?: string) {
  const dir = mkdtempSync(join(work, 'case-'));
  const session = new Session({ dataDir: join(dir, 'data'), platform: 'web' });
  sessions.push(session);
  const dispatch = createDispatcher(session, (e) => {
    throw e;
  });
  const path = join(dir, 'project.quarry');
  if (projectFile) copyFileSync(projectFile, path);
  else await call(dispatch, 'project.create', { path });
  if (projectFile) await call(dispatch, 'project.open', { path });
  return { dir, session, dispatch, path };
}

async function call<T = unknown>(dispatch: Dispatch, method: string, args: unknown = {}): Promise<T> {
  const r = await dispatch(method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function failure(dispatch: Dispatch, method: string, args: unknown): Promise<string> {
  const r = await dispatch(method, args);
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error.message;
}

const b64 = (bytes: Uint8Array | string) => Buffer.from(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes).toString('base64');
const enc = (s: string) => new TextEncoder().encode(s);
const G = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A small valid project.qde with one text source (its file in sources/) and one coding at [start, end). */
function qde(opts: { start?: number; end?: number; withFile?: boolean } = {}): Uint8Array {
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Neutral" origin="SomeTool 1.0">
  <Users><User guid="${G(1)}" name="Ada"/></Users>
  <CodeBook><Codes><Code guid="${G(2)}" name="Theme" isCodable="true" color="#FF0000"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(3)}" name="Notes" plainTextPath="internal://${G(3)}.txt">
      <PlainTextSelection guid="${G(4)}" startPosition="${opts.start ?? 0}" endPosition="${opts.end ?? 5}">
        <Coding guid="${G(5)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(2)}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
  const entries: Record<string, Uint8Array> = { 'project.qde': enc(xml) };
  if (opts.withFile !== false) entries[`Sources/${G(3)}.txt`] = enc('\uFEFFHello world\r\nSecond line\r\n');
  return zipSync(entries);
}

async function counts(dispatch: Dispatch): Promise<ProjectInfo> {
  return call<ProjectInfo>(dispatch, 'project.info');
}

describe('coders', () => {
  it('asks who is coding when this machine’s name is not a coder of the project, and remembers the choice', async () => {
    const { dispatch, session } = await setup(files.full);
    session.settings.setCoder('someone-else');
    let o = await call<CodersOverview>(dispatch, 'coders.overview');
    expect(o.needsChoice).toBe(true);
    expect(o.coders.map((c) => c.name)).toEqual(['Daniel Osei', 'Ruth Ashworth']);
    expect(o.coders.find((c) => c.name === 'Daniel Osei')!.codings).toBeGreaterThan(0);
    o = await call<CodersOverview>(dispatch, 'coders.choose', { name: 'Daniel Osei' });
    expect(o.needsChoice).toBe(false);
    expect(o.coders.find((c) => c.current)!.name).toBe('Daniel Osei');
    expect(session.settings.read().coderName).toBe('Daniel Osei');
    // A new name becomes a coder of the project (undoable) and is remembered.
    o = await call<CodersOverview>(dispatch, 'coders.choose', { name: 'Priya Nair' });
    expect(o.coders.map((c) => c.name)).toContain('Priya Nair');
    expect((await call<{ undo: { label: string } }>(dispatch, 'history.state')).undo.label).toBe('Add coder');
    // Renaming the current coder renames the remembered name too.
    const priya = o.coders.find((c) => c.name === 'Priya Nair')!;
    o = await call<CodersOverview>(dispatch, 'coders.edit', { id: priya.id, name: 'Priya N. Nair', color: '#00897b' });
    expect(session.settings.read().coderName).toBe('Priya N. Nair');
    expect(o.coders.find((c) => c.current)).toMatchObject({ name: 'Priya N. Nair', color: '#00897b' });
    expect(await failure(dispatch, 'coders.edit', { id: priya.id, name: 'Ruth Ashworth' })).toMatch(/already a coder called/);
  });

  it('does not ask in a new project, which has no coders yet', async () => {
    const { dispatch } = await setup();
    expect((await call<CodersOverview>(dispatch, 'coders.overview')).needsChoice).toBe(false);
  });
});

describe('REFI-QDA through the API', () => {
  it('exports for download, previews an import without creating anything, then imports as a new project and opens it', async () => {
    const { dispatch, dir } = await setup(files.full);
    const exported = await call<RefiExportResult>(dispatch, 'refi.exportQdpx', {});
    expect(exported.fileName).toBe('Demo - ICT cluster study.qdpx');
    const qdc = await call<RefiExportResult>(dispatch, 'refi.exportQdc', { path: join(dir, 'book.qdc') });
    expect(existsSync(qdc.path!)).toBe(true);
    const report = await call<RefiImportReport>(dispatch, 'refi.previewImport', { fileName: 'demo.qdpx', dataBase64: exported.dataBase64 });
    expect(report).toMatchObject({ sources: 14, cases: 14, skipped: [], positionUnit: 'codepoint' });
    const target = join(dir, 'imported.quarry');
    expect(existsSync(target)).toBe(false);
    const done = await call<{ report: RefiImportReport; project: ProjectInfo }>(dispatch, 'refi.importProject', { fileName: 'demo.qdpx', dataBase64: exported.dataBase64, path: target });
    expect(done.project.path).toBe(target);
    expect(done.project.counts.sources).toBe(14);
    expect((await counts(dispatch)).path).toBe(target);
  });

  describe('bad input: a clear message, nothing created, and the open project untouched', () => {
    const cases: [string, () => Uint8Array, RegExp][] = [
      ['a zip that is not a .qdpx', () => zipSync({ 'photo.jpg': new Uint8Array([1, 2, 3]) }), /^bad\.qdpx: not a REFI-QDA project: the archive holds no \.qde file/],
      ['a .qde that is not XML', () => enc('Name,Age\nAda,36\n'), /^bad\.qdpx: not a REFI-QDA project/],
      ['a .qde that is broken XML', () => enc('<Project xmlns="urn:QDA-XML:project:1.0"><Users></Project>'), /^bad\.qdpx: .*is not valid XML: <Users> .* is still open where <\/Project> ends something else \(line 1, column \d+\)$/],
      [
        'a .qde cut off while copying',
        () => enc('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Cut">\n  <Sources>\n    <TextSource guid="0000'),
        /^bad\.qdpx: the project file ends before the sources are complete — it may have been cut off while copying \(it ends at line 4, column 27\)$/,
      ],
      ['a .qdpx cut off while copying', () => zipSync({ 'project.qde': enc('<Project xmlns="urn:QDA-XML:project:1.0" name="Cut"/>') }).subarray(0, 40), /^bad\.qdpx: the package ends early — it may have been cut off while copying/],
      ['a codebook in a namespace that is not REFI-QDA', () => enc('<CodeBook xmlns="http://example.org/codes"><Codes/></CodeBook>'), /^bad\.qdpx: not a REFI-QDA codebook/],
      ['a project in another vocabulary', () => enc('<Project xmlns="http://example.org/p"/>'), /^bad\.qdpx: .*not a REFI-QDA project/],
    ];
    for (const [label, bytes, message] of cases) {
      it(label, async () => {
        const { dispatch, dir, path } = await setup(files.ruth);
        const before = await counts(dispatch);
        const target = join(dir, 'new.quarry');
        const data = b64(bytes());
        expect(await failure(dispatch, 'refi.previewImport', { fileName: 'bad.qdpx', dataBase64: data })).toMatch(message);
        expect(await failure(dispatch, 'refi.importProject', { fileName: 'bad.qdpx', dataBase64: data, path: target, acceptLosses: true })).toMatch(message);
        expect(existsSync(target)).toBe(false);
        const after = await counts(dispatch);
        expect(after).toEqual(before);
        expect(after.path).toBe(path);
      });
    }

    for (const [label, file, reason] of [
      ['codings pointing outside their source', qde({ start: 5, end: 500 }), /outside the text/],
      ['a missing source file', qde({ withFile: false }), /missing from the \.qdpx package/],
    ] as const) {
      it(`${label}: listed, and imported only when the losses are accepted`, async () => {
        const { dispatch, dir, path } = await setup(files.ruth);
        const before = await counts(dispatch);
        const report = await call<RefiImportReport>(dispatch, 'refi.previewImport', { fileName: 'neutral.qdpx', dataBase64: b64(file) });
        expect(report.skipped.some((s) => reason.test(s.reason))).toBe(true);
        const target = join(dir, 'partial.quarry');
        const msg = await failure(dispatch, 'refi.importProject', { fileName: 'neutral.qdpx', dataBase64: b64(file), path: target });
        expect(msg).toMatch(/^neutral\.qdpx: \d+ item\(s\) cannot be imported .*accept the losses/);
        expect(existsSync(target)).toBe(false);
        expect(await counts(dispatch)).toEqual(before);
        expect((await counts(dispatch)).path).toBe(path);
        const done = await call<{ report: RefiImportReport }>(dispatch, 'refi.importProject', { fileName: 'neutral.qdpx', dataBase64: b64(file), path: target, acceptLosses: true });
        expect(done.report.skipped).toEqual(report.skipped);
      });
    }

    it('a codebook in another namespace version is read, with a warning', async () => {
      const { dispatch } = await setup();
      const book = `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="ATLAS.ti"><Codes><Code guid="${G(9)}" name="Trust" isCodable="true"/></Codes></CodeBook>`;
      const report = await call<RefiImportReport>(dispatch, 'refi.previewImport', { fileName: 'book.qdc', dataBase64: b64(book) });
      expect(report).toMatchObject({ codes: 1, skipped: [] });
      expect(report.warnings.join(' ')).toMatch(/urn:QDA-XML:codebook:0:4/);
    });
  });
});

describe('merge and coding comparison through the API', () => {
  it('previews, merges and compares', async () => {
    const { dispatch, dir } = await setup(files.ruth);
    const other = join(dir, 'daniel.quarry');
    copyFileSync(files.daniel, other);
    const preview = await call<MergePreview>(dispatch, 'merge.preview', { path: other });
    expect(preview.codings.addedByCoder['Daniel Osei']).toBeGreaterThan(0);
    const result = await call<MergeResult>(dispatch, 'merge.apply', { path: other });
    expect(result.otherFileUnchanged).toBe(true);
    expect((await call<{ undo: { label: string } }>(dispatch, 'history.state')).undo.label).toMatch(/^Merge “/);
    const r = await call<AgreementResult>(dispatch, 'agreement.compare', { coderA: 'Ruth Ashworth', coderB: 'Daniel Osei', excludeUncoded: true });
    expect(r.unitLabel).toBe('character (Unicode code point)');
    expect(r.comparedSources).toHaveLength(4);
    expect(r.kappa).not.toBeNull();
  });
});
