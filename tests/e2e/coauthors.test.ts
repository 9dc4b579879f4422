/**
 * Co-authors end to end in browser mode: Ruth Ashworth's copy of the demo
 * study is opened (the app asks who is coding), Daniel Osei's copy — the
 * same study with only his codings — is merged in through the merge dialog,
 * and the Coding comparison view shows the agreement table and the
 * disagreeing passages side by side; one disagreement is resolved with a
 * click. Then a REFI-QDA export of the study is imported as a new project
 * through the start screen's import dialog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { exportQdpxBytes } from '../../shared/services/refiService.js';
import { fileHash } from '../../shared/services/mergeService.js';
import { buildCoauthorFiles } from '../unit/coauthors/coauthorFiles.js';
import { launchApp, type AppUnderTest } from './harness.js';
import { zipSync } from 'fflate';

const G = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A neutral .qdpx whose second coding ends beyond its text. */
function brokenPackage(): Uint8Array {
  const enc = new TextEncoder();
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Field notes" origin="SomeTool 2.1">
  <Users><User guid="${G(1)}" name="Ada Lovelace"/></Users>
  <CodeBook><Codes><Code guid="${G(2)}" name="Weather" isCodable="true" color="#3366CC"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(3)}" name="Day one" plainTextPath="internal://${G(3)}.txt">
      <PlainTextSelection guid="${G(4)}" startPosition="0" endPosition="9"><Coding guid="${G(5)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>
      <PlainTextSelection guid="${G(6)}" startPosition="20" endPosition="400"><Coding guid="${G(7)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
  return zipSync({ 'project.qde': enc.encode(qde), [`sources/${G(3)}.txt`]: enc.encode('Sunny and windy all morning.\n') });
}

describe('co-authors: merge a co-author’s file and compare coding', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-e2e-coauthors-'));
  let files: { full: string; ruth: string; daniel: string };
  const qdpx = join(work, 'ICT study.qdpx');
  const broken = join(work, 'Field notes.qdpx');

  beforeAll(async () => {
    files = await buildCoauthorFiles(work);
    const { project } = ProjectDb.open(files.full, { readOnly: true, lock: false });
    writeFileSync(qdpx, exportQdpxBytes(project.db));
    project.close();
    writeFileSync(broken, brokenPackage());
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('opens Ruth’s file, asks who is coding, merges Daniel’s file and shows the comparison', async () => {
    const { page } = app;
    await page.getByLabel('Path of a .quarry file').fill(files.ruth);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const prompt = page.getByRole('dialog', { name: 'Who is coding?' });
    await prompt.waitFor();
    await app.shot('coauthors-01-code-as');
    await prompt.getByRole('button', { name: 'Ruth Ashworth' }).click();
    await prompt.waitFor({ state: 'detached' });

    const danielHash = fileHash(files.daniel);
    await page.getByRole('button', { name: 'Co-authors ▾' }).click();
    await page.getByRole('menuitem', { name: /Merge a co-author/ }).click();
    const merge = page.getByRole('dialog', { name: 'Merge a co-author’s project' });
    await merge.getByLabel('Path of the co-author’s project').fill(files.daniel);
    await merge.getByRole('button', { name: 'Preview' }).click();
    await merge.getByTestId('merge-summary').waitFor();
    await expect.poll(() => merge.getByTestId('merge-summary').textContent()).toMatch(/by Daniel Osei/);
    expect(await merge.getByText('No conflicts.').count()).toBe(1);
    await app.shot('coauthors-02-merge-preview');
    await merge.getByRole('button', { name: 'Merge', exact: true }).click();
    await merge.waitFor({ state: 'detached' });
    await page.getByText(/^Merged .*codings/).waitFor();
    expect(fileHash(files.daniel)).toBe(danielHash);

    await page.getByRole('tab', { name: 'Coding comparison' }).click();
    await page.getByTestId('comparison-unit').waitFor();
    expect(await page.getByTestId('comparison-unit').textContent()).toContain('character (Unicode code point)');
    const table = page.getByTestId('comparison-table');
    await table.waitFor();
    expect(await table.textContent()).toContain('Motivations/Intermediaries');
    await expect.poll(() => page.getByLabel('Coder B').inputValue()).toBe('Daniel Osei');
    expect(await page.getByLabel('Coder A').inputValue()).toBe('Ruth Ashworth');
    await table.getByRole('button', { name: 'Sources for Motivations/Intermediaries' }).click();
    await table.getByRole('button', { name: 'I1' }).waitFor();
    await page.getByLabel('Exclude text neither coder coded').check();
    await page.getByTestId('disagreements').waitFor();
    await app.shot('coauthors-03-comparison-table');

    await table.getByRole('button', { name: 'I1' }).click();
    await expect.poll(() => page.getByLabel('Source for disagreements').inputValue()).not.toBe('');
    const regions = page.getByTestId('disagreements').locator('li');
    const before = await regions.count();
    expect(before).toBeGreaterThan(0);
    await page.getByTestId('disagreements').getByRole('button', { name: 'Accept Daniel Osei’s version' }).first().click();
    await expect.poll(() => regions.count()).toBe(before - 1);
    await page.getByTestId('disagreements').scrollIntoViewIfNeeded();
    await app.shot('coauthors-04-disagreements');
    await expect.poll(() => page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toMatch(/Accept Daniel Osei’s coding/);
  });

  it('turns on blind coding, which holds the document on “Only mine”', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Co-authors ▾' }).click();
    await page.getByRole('menuitem', { name: /Coders and blind coding/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Coders' });
    await dialog.getByLabel(/Blind coding/).check();
    await app.shot('coauthors-05-coders-dialog');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: 'Blind coding' }).waitFor();
    await page.getByRole('tab', { name: 'Document' }).click();
    await page.getByRole('button', { name: /^I1/ }).first().click();
    const select = page.getByLabel('Show codings by');
    await select.waitFor();
    // The blind-coding setting reaches the document view through a refetch: wait for it (loaded machines are slow).
    await expect.poll(() => select.isDisabled()).toBe(true);
    await expect.poll(() => select.inputValue()).toBe('mine');
  });

  it('imports a REFI-QDA export as a new project from the start screen', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('button', { name: 'Import REFI-QDA project…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a REFI-QDA project' });
    // First a file with a coding that points outside its text: listed, and only imported once the loss is accepted.
    await dialog.getByTestId('refi-file').setInputFiles(broken);
    await dialog.getByRole('region', { name: 'Not imported' }).waitFor();
    expect(await dialog.getByRole('region', { name: 'Not imported' }).textContent()).toMatch(/outside the text/);
    expect(await dialog.getByRole('button', { name: 'Create project' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/I accept that the \d+ item\(s\) listed above will not be imported/).check();
    expect(await dialog.getByRole('button', { name: 'Create project' }).isDisabled()).toBe(false);
    await app.shot('coauthors-06-refi-import-losses');
    await dialog.getByTestId('refi-file').setInputFiles(qdpx);
    await expect.poll(() => dialog.getByTestId('refi-summary').textContent()).toContain('Demo: ICT cluster study');
    await dialog.getByTestId('refi-summary').waitFor();
    expect(await dialog.getByTestId('refi-summary').textContent()).toContain('Everything in the file can be imported');
    await dialog.getByLabel('New project name').fill(join(work, 'from-refi.quarry'));
    await app.shot('coauthors-07-refi-import');
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await expect.poll(() => page.locator('.status-bar').textContent()).toMatch(/14 sources · 14 cases/);
  });
});
