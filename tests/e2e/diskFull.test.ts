/**
 * What a user sees when the disk is full (needs root, like
 * tests/integration/diskFull.test.ts: it mounts a small tmpfs). A project on
 * a full disk: Close project says how much to free and the workbench stays
 * open; after freeing space, Close project works.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';

let root: string;
let disk: string;
let mounted = false;
let app: AppUnderTest | undefined;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'quarry-disk-full-e2e-'));
  disk = join(root, 'disk');
  mkdirSync(disk);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4096k', 'tmpfs', disk], { stdio: 'pipe' });
  } catch (err) {
    throw new Error('tests/e2e/diskFull.test.ts needs root: it mounts a small tmpfs (mount -t tmpfs) to fill a disk. Run the tests as root (CI does).', { cause: err });
  }
  mounted = true;
  app = await launchApp();
});

afterAll(async () => {
  await app?.stop();
  if (mounted) execFileSync('umount', [disk], { stdio: 'pipe' });
  rmSync(root, { recursive: true, force: true });
});

async function call(method: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const res = await fetch(new URL('/api/call', app!.url), { method: 'POST', headers: { 'x-quarry-token': app!.token, 'content-type': 'application/json' }, body: JSON.stringify({ method, args }) });
  return (await res.json()) as never;
}

function fill(path: string): void {
  const fd = openSync(path, 'a');
  try {
    for (const size of [256 * 1024, 4096, 64, 1]) {
      const chunk = Buffer.alloc(size, 0x2a);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe('a full disk in the workbench', () => {
  it('Close project says how much space to free and keeps the project open; after freeing space it closes', async () => {
    const { page } = app!;
    const path = join(disk, 'Fieldwork.quarry');
    expect((await call('project.create', { path })).ok).toBe(true);
    for (let i = 0; i < 3; i++) {
      expect((await call('memos.add', { target: 'project', title: `Note ${i}`, body: 'Notes on the cluster meeting. '.repeat(3000) })).ok).toBe(true);
    }
    await page.reload();
    await page.getByRole('button', { name: 'Close project' }).waitFor({ timeout: 60_000 });
    const filler = join(disk, 'filler.bin');
    fill(filler);

    await page.getByRole('button', { name: 'Close project' }).click();
    const notice = page.getByText(/^There is not enough space on the disk to save Fieldwork\.quarry; free about \d+ MB and try again\./);
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.textContent()).toContain('The project is still open and nothing is lost');
    await app!.shot('13-disk-full-close-refused');
    expect(await page.getByRole('button', { name: 'Close project' }).isVisible()).toBe(true);
    const info = await call('project.info', {});
    expect(info.value).toMatchObject({ path });

    rmSync(filler);
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('button', { name: 'Open the demo study' }).first().waitFor({ timeout: 60_000 });
    expect((await call('project.info', {})).value).toBeNull();
  });
});
