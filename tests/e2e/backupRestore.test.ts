/**
 * Automatic backups end to end in the browser: a new project is backed up
 * at its first change; after more changes the Restore screen (from the
 * workbench and from the start screen) lists the backups with time, size
 * and counts, and restoring one opens it as a new copy beside the project —
 * the original keeps its later changes.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';

describe('backups and restore in browser mode', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-backup-e2e-'));
  const projectPath = join(work, 'Field study.quarry');
  const countSources = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM sources').pluck().get() as number;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    writeFileSync(join(work, 'First interview.txt'), 'Interviewer: How did it start?\nRespondent: With a phone call.\n');
    writeFileSync(join(work, 'Second interview.txt'), 'Interviewer: And then?\nRespondent: A meeting every month.\n');
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('backs up, lists the backups, and restores one as a copy', async () => {
    const { page } = app;
    await page.getByLabel('Name or full path of the new project').fill(projectPath);
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByTestId('import-input').setInputFiles(join(work, 'First interview.txt'));
    await page.getByRole('button', { name: /^First interview/ }).waitFor();

    // The first change backed the project up; "Back up now" adds another.
    await page.getByRole('button', { name: 'Backups…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
    await dialog.waitFor();
    const rows = dialog.locator('table.backups-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(await rows.first().textContent()).toMatch(/Today \d\d:\d\d:\d\d.*KB.*1 source, 0 codings/);
    await dialog.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    await app.shot('10-backups-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const folder = join(work, 'Field study backups');
    expect(readdirSync(folder).filter((n) => n.endsWith('.quarry')).length).toBeGreaterThanOrEqual(2);

    // A later change: the project now has two sources, its backups one.
    await page.getByTestId('import-input').setInputFiles(join(work, 'Second interview.txt'));
    await page.getByRole('button', { name: /^Second interview/ }).waitFor();

    await page.getByRole('button', { name: 'Backups…' }).click();
    await dialog.waitFor();
    const oldest = rows.last();
    expect(await oldest.textContent()).toMatch(/1 source, 0 codings/);
    await oldest.getByRole('button', { name: /Restore the backup of .* as a copy/ }).click();
    await dialog.waitFor({ state: 'detached' });

    // Now working in the copy: its name says so, and it holds the backup's one source.
    await expect.poll(() => page.locator('.project-name').textContent()).toMatch(/^Field study \(restored \d{4}-\d\d-\d\d \d\d-\d\d\)$/);
    await page.getByRole('button', { name: /^First interview/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Second interview/ }).count()).toBe(0);
    await app.shot('10-restored-copy');
    const copies = readdirSync(work).filter((n) => n.startsWith('Field study (restored'));
    expect(copies.filter((n) => n.endsWith('.quarry'))).toHaveLength(1);
    expect(countSources(join(work, copies.find((n) => n.endsWith('.quarry'))!))).toBe(1);

    // The original was not touched by the restore: both its sources are there.
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('heading', { name: 'Backups' }).waitFor();
    expect(existsSync(projectPath)).toBe(true);
    expect(countSources(projectPath)).toBe(2);

    // From the start screen: choose the project, see its backups.
    await page.getByRole('button', { name: 'Restore from backup…' }).click();
    await dialog.waitFor();
    await dialog.getByLabel('Project whose backups to show').selectOption({ label: 'Field study' });
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect(await dialog.textContent()).toContain('Field study backups');
    await app.shot('10-start-restore');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});
