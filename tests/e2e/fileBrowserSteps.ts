import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** In the open file browser (the dialog named `name`, or the only one): go to `folder` by typing it. */
export async function goTo(page: Page, folder: string, name?: string): Promise<void> {
  const dialog = name ? page.getByRole('dialog', { name }) : page.getByRole('dialog');
  // The first listing fills the Folder box when it arrives: type only after it has.
  await dialog.locator('ul.file-list[aria-busy="false"]').waitFor();
  await expect.poll(() => dialog.getByLabel('Folder', { exact: true }).inputValue()).not.toBe('');
  await dialog.getByLabel('Folder', { exact: true }).fill(folder);
  await dialog.getByLabel('Folder', { exact: true }).press('Enter');
  await expect.poll(() => dialog.getByLabel('Folder', { exact: true }).inputValue()).toBe(folder);
  await dialog.locator('ul.file-list[aria-busy="false"]').waitFor();
}
