/**
 * Shared steps for the coding-workbench e2e tests: a project with one
 * transcript open in the document view, code-point offsets of passages, and
 * the CLI's view of the codings.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { runCli } from '../../cli/main.js';
import { codePointLength } from '../../shared/text/positions.js';
import { selectText } from './harness.js';

/** Stored text of the transcript below (LF line ends, as the importer stores it). */
export const TRANSCRIPT = [
  'Interviewer: Why did you join the network?',
  'E4: Mostly to meet other founders — it would help 👍 and it did.',
  'Interviewer: What about the language of the meetings?',
  'E4: She answered in Arabic, and her colleague in Hebrew:',
  'قالت إن الشبكة ساعدتها كثيرا في العمل.',
  'היא אמרה שהרשת עזרה לה מאוד.',
  'Interviewer: Anything else?',
  'E4: The talks were useful, and the mentors 🙂 too.',
  'Interviewer: Would you recommend it?',
  'E4: Yes, a sense of belonging is what kept me going.',
].join('\n');

/** Code-point span of needle's first occurrence in the transcript. */
export function cpSpan(needle: string, text = TRANSCRIPT): { start: number; end: number } {
  const u = text.indexOf(needle);
  if (u < 0) throw new Error(`not in the transcript: ${needle}`);
  const start = codePointLength(text.slice(0, u));
  return { start, end: start + codePointLength(needle) };
}

/** Creates a project from the start screen, imports the transcript as "E4" and opens it. */
export async function openProjectWithTranscript(page: Page, work: string, projectPath: string, opts: { caseFromName?: boolean } = {}): Promise<void> {
  const file = join(work, 'E4.txt');
  writeFileSync(file, TRANSCRIPT.replace(/\n/g, '\r\n') + '\r\n');
  await page.getByLabel('Name or full path of the new project').fill(projectPath);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('heading', { name: 'Sources' }).waitFor();
  if (opts.caseFromName) await page.getByLabel('Case from file name').check();
  await page.getByTestId('import-input').setInputFiles(file);
  await page.getByRole('button', { name: /^E4/ }).first().click();
  await page.getByText('Mostly to meet other founders').waitFor();
}

/** Opens the demo study from the start screen and codes as its primary coder (the demo has two). */
export async function openDemoAsPrimaryCoder(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the demo study' }).first().click();
  await page.getByRole('tab', { name: 'Queries', exact: true }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Ruth Ashworth' }).click();
  await page.getByRole('heading', { name: 'Who is coding?' }).waitFor({ state: 'detached' });
}

/** Adds a top-level code (nothing selected in the tree: Escape first). */
export async function addCode(page: Page, name: string): Promise<void> {
  await page.getByLabel('New code name').fill(name);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator(`[data-code-path="${name}"]`).first().waitFor();
}

/** Sets the coder through the status bar. */
export async function setCoder(page: Page, name: string): Promise<void> {
  await page.getByTestId('current-coder').click();
  await page.getByLabel('Coder name').fill(name);
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await expect.poll(() => page.getByTestId('current-coder').textContent()).toBe(`Coder: ${name}`);
}

/** Codes the selection with the picker: Ctrl+K, type, Enter. */
export async function pickCode(page: Page, query: string): Promise<void> {
  await page.keyboard.press('Control+K');
  const picker = page.getByRole('dialog', { name: 'Code the selection' });
  await picker.waitFor();
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await picker.waitFor({ state: 'detached' });
}

/** Selects the passage and codes it with the picker: one new coding. */
export async function codeWithPicker(page: Page, needle: string, query: string): Promise<void> {
  await select(page, needle);
  const before = await codingCount(page);
  await pickCode(page, query);
  await expect.poll(() => codingCount(page)).toBe(before + 1);
}

/** A real mouse drag from one element's centre to a point in another (native drag and drop in Chromium). */
export async function mouseDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

export async function centre(page: Page, selector: string, dy = 0.5): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`not visible: ${selector}`);
  return { x: box.x + box.width / 3, y: box.y + box.height * dy };
}

/** Selects text with the harness and waits until the workbench has taken the selection. */
export async function select(page: Page, needle: string): Promise<void> {
  // A real mouse selection focuses the document first (its body is focusable); the harness sets the range directly.
  await page.locator('.doc-body').focus();
  await selectText(page, needle);
  const { start, end } = cpSpan(needle);
  await expect.poll(() => page.getByTestId('selection-status').textContent()).toBe(`Selected ${start}–${end} (${end - start} characters)`);
}

export async function codingCount(page: Page): Promise<number> {
  return page.locator('.stripe').evaluateAll((els) => new Set(els.map((e) => (e as HTMLElement).dataset.codingId)).size);
}

export interface CliCoding {
  source: string;
  case: string | null;
  start: number;
  end: number;
  text: string;
  code: string;
  coder: string;
}

/** `quarry codings <project> --json`, run in-process (the project must be closed in the UI). */
export async function cliCodings(projectPath: string): Promise<CliCoding[]> {
  let out = '';
  let err = '';
  const code = await runCli(['codings', projectPath, '--json'], { out: (t) => (out += t), err: (t) => (err += t), cwd: process.cwd(), env: {} });
  if (code !== 0) throw new Error(`quarry codings failed (${code}): ${err}`);
  return JSON.parse(out) as CliCoding[];
}
