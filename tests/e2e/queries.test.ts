/**
 * Queries in the UI on the demo study: a text search and a jump to a hit;
 * the Group × theme matrix (Intermediary 13, Entrepreneur 15) with a cell's
 * passages; Table 3 as a framework matrix, a cell written and a passage
 * linked, persisted across reopening; the bar chart exported as SVG and PNG.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './harness.js';
import { openDemoAsPrimaryCoder } from './workbenchSetup.js';
import { THEMES } from '../demoExpectations.js';


describe('queries, matrices, framework matrix and charts on the demo study', () => {
  let app: AppUnderTest;
  const work = mkdtempSync(join(tmpdir(), 'quarry-queries-e2e-'));

  beforeAll(async () => {
    app = await launchApp();
    await openDemoAsPrimaryCoder(app.page);
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('runs a text search, points at a malformed expression, and jumps to a hit', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Queries', exact: true }).click();
    const box = page.getByLabel('Search expression');
    await box.fill('trust AND');
    await page.locator('.search-problem').waitFor();
    expect(await page.locator('.search-problem p').textContent()).toContain('AND needs a word or phrase after it');
    expect(await page.locator('.search-pointer mark').textContent()).toBe('AND');
    await app.shot('07-search-error');
    await box.fill('trust');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-summary').waitFor();
    const hits = page.getByRole('list', { name: 'Search hits' }).getByRole('button');
    expect(await hits.count()).toBeGreaterThan(0);
    const first = (await hits.first().locator('.kwic-match').textContent())!;
    expect(first.toLowerCase()).toBe('trust');
    await app.shot('07-search');
    await hits.first().click();
    await page.getByTestId('document-view').waitFor();
    await page.locator('.doc-text .revealed').first().waitFor();
    expect((await page.locator('.doc-text .revealed').allTextContents()).join('').toLowerCase()).toBe('trust');
    await app.shot('07-search-hit-in-document');
  });

  it('runs the Group × theme matrix (13 vs 15) and reads a cell’s passages', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Queries', exact: true }).click();
    await page.getByRole('tab', { name: 'Matrix coding' }).click();
    await page.getByLabel('Rows', { exact: true }).selectOption('attribute');
    await page.getByLabel('Row attribute').selectOption('Group');
    await page.locator('.q-pick > summary').first().click();
    for (const path of THEMES) await page.getByRole('checkbox', { name: path, exact: true }).check();
    await page.locator('.q-pick > summary').first().click();
    await page.getByLabel('Coder', { exact: true }).selectOption('Ruth Ashworth');
    await page.getByRole('button', { name: 'Run matrix' }).click();
    const table = page.getByRole('table', { name: 'Matrix coding query' });
    await table.waitFor();
    expect(await table.locator('tbody th').allTextContents()).toEqual(['Intermediary', 'Entrepreneur']);
    expect(await table.getByTestId('row-total').allTextContents()).toEqual(['13', '15']);
    expect(await table.getByTestId('grand-total').textContent()).toBe('28');
    expect(await table.locator('thead th').allTextContents()).toEqual([
      '',
      'Motivations/Intermediaries',
      'Entrepreneurs',
      'Outcomes/Intermediaries',
      'Articulating outcomes', 'Advantages of same-sector meetings', 'Disadvantages of same-sector meetings', 'Trust',
      'Disappointment',
      'Total',
    ]);
    // Heat-map shading: the largest cell is the darkest, an empty cell stays white.
    const bg = (row: string, col: string) => table.getByRole('button', { name: `${row} × ${col}:` }).evaluate((b) => getComputedStyle(b.parentElement!).backgroundColor);
    expect(await bg('Intermediary', 'Outcomes/Intermediaries')).toBe('rgb(31, 95, 143)');
    expect(await bg('Entrepreneur', 'Motivations/Intermediaries')).toBe('rgb(255, 255, 255)');

    await table.getByRole('button', { name: 'Entrepreneur × Motivations/Entrepreneurs: 5' }).click();
    const panel = page.getByRole('complementary', { name: 'Passages of the cell' });
    await expect.poll(() => panel.getByTestId('cell-count').textContent()).toBe('5 passages');
    const who = await panel.locator('.attribution').allTextContents();
    expect(who.every((w) => /^\[E\d\]$/.test(w))).toBe(true);
    await app.shot('07-matrix-group-by-theme');

    await panel.locator('.q-passage').first().getByRole('button', { name: 'Show in context' }).click();
    await page.locator('.doc-text .revealed').first().waitFor();
  });

  it('runs the participant × theme matrix and shows it as a heat-map chart', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Queries', exact: true }).click();
    // The matrix is still there after the jump to the document.
    const table = page.getByRole('table', { name: 'Matrix coding query' });
    await table.waitFor();
    await page.getByLabel('Rows', { exact: true }).selectOption('cases');
    await page.getByRole('button', { name: 'Run matrix' }).click();
    await expect.poll(() => table.locator('tbody th').count()).toBe(14);
    const totals = Object.fromEntries(
      await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('[data-testid="row-total"]')!.textContent])),
    );
    expect(totals).toMatchObject({ I1: '8', I2: '1', E1: '3', E8: '0' });
    expect(await table.getByTestId('col-total').allTextContents()).toEqual(['4', '6', '6', '2', '4', '2', '3', '1']);
    await app.shot('07-matrix-participant-by-theme');
    await page.getByRole('button', { name: 'Heat-map chart' }).click();
    await page.getByTestId('heatmap-chart').waitFor();
    await app.shot('07-matrix-heatmap-chart');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
    const file = join(work, 'heatmap.svg');
    await download.saveAs(file);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg /);
    expect(svg).toContain('>I1<');
    expect(svg).toContain('>Motivations/Intermediaries<');
    await page.getByRole('button', { name: 'Table', exact: true }).click();
  });

  it('opens Table 3 as a framework matrix, writes a cell and links a passage, and keeps both', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Framework matrices' }).click();
    const grid = page.getByRole('table', { name: 'Motivations and outcomes by theme' });
    await grid.waitFor();
    expect(await grid.locator('caption').textContent()).toBe('Table 3: Summary of findings by motivational theme');
    expect(await grid.locator('thead th').allTextContents()).toEqual(['', 'Generating leads', 'Building alliances', 'Gathering information', 'Discussing day-to-day issues']);
    expect(await grid.locator('tbody th').allTextContents()).toEqual(['Motivations', 'How this is achieved through the meetings?', 'Outcomes']);
    const outcomes = grid.locator('tbody tr').nth(2);
    expect(await outcomes.locator('td').evaluateAll((cells) => cells.map((c) => c.querySelectorAll('li').length))).toEqual([3, 5, 7, 5]);
    await app.shot('07-framework-table3');

    const cell = grid.getByRole('cell', { name: 'How this is achieved through the meetings? × Building alliances' });
    expect(await cell.textContent()).toContain('Informally, and slowly');
    await cell.click();
    const workspace = page.getByRole('region', { name: 'Framework cell' });
    const box = workspace.getByLabel('Summary of How this is achieved through the meetings? × Building alliances');
    await box.waitFor();
    // A new line, made a bullet with the toolbar, then Enter continues the list.
    await box.press('Control+End');
    await box.press('Enter');
    await box.pressSequentially('Partners are found at the social time');
    await workspace.getByRole('button', { name: '• Bullet list' }).click();
    await box.press('End');
    await box.press('Enter');
    await box.pressSequentially('Then tested on a small joint bid');
    expect(await box.inputValue()).toBe('Informally, and slowly, mostly outside the meetings\n- Partners are found at the social time\n- Then tested on a small joint bid');
    expect(await workspace.locator('.fw-preview li').allTextContents()).toEqual(['Partners are found at the social time', 'Then tested on a small joint bid']);

    const candidates = workspace.getByRole('list', { name: 'Candidate passages' });
    await candidates.locator('.q-passage').first().waitFor();
    expect(await candidates.locator('.attribution').first().textContent()).toBe('[E2]');
    await candidates.getByRole('button', { name: 'Link the passage of E2' }).first().click();
    const linked = workspace.getByRole('list', { name: 'Linked passages' });
    await expect.poll(() => linked.locator('.q-passage').count()).toBe(1);
    expect(await linked.locator('.attribution').textContent()).toBe('[E2]');
    await workspace.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => cell.locator('li').allTextContents()).toEqual(['Partners are found at the social time', 'Then tested on a small joint bid']);
    await app.shot('07-framework-cell-written');

    // Close the project and open it again: the summary and the link are in the file.
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('button', { name: 'Open the demo study' }).first().click();
    await page.getByRole('tab', { name: 'Framework matrices' }).click();
    const again = page.getByRole('table', { name: 'Motivations and outcomes by theme' }).getByRole('cell', { name: 'How this is achieved through the meetings? × Building alliances' });
    await again.waitFor();
    await expect.poll(() => again.locator('li').allTextContents()).toEqual(['Partners are found at the social time', 'Then tested on a small joint bid']);
    expect(await again.locator('.fw-link-count').textContent()).toBe('1 linked passage');
    await again.click();
    await expect.poll(() => page.getByRole('list', { name: 'Linked passages' }).locator('.attribution').allTextContents()).toEqual(['[E2]']);
    await app.shot('07-framework-reopened');
  });

  it('draws references per code by Group as a bar chart and exports it as SVG and PNG', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Queries', exact: true }).click();
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.getByLabel('Attribute', { exact: true }).selectOption('Group');
    await page.getByLabel('Coder', { exact: true }).selectOption('Ruth Ashworth');
    const chart = page.getByTestId('bar-chart');
    await chart.waitFor();
    // Top-level codes by default: Motivations, Outcomes, Sources of advice, each with a bar per group.
    expect(await chart.locator('.visx-axis-bottom .visx-axis-tick').allTextContents()).toEqual(['Intermediary', 'Entrepreneur']);
    expect(await chart.locator('.chart-legend').allTextContents()).toEqual(expect.arrayContaining(['Motivations', 'Outcomes']));
    await app.shot('07-chart-bar');

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
    expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
    const svgPath = join(work, svgDownload.suggestedFilename());
    await svgDownload.saveAs(svgPath);
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Intermediary');
    // Axis labels are drawn by visx inside nested <svg>s; they must stay visible in the file.
    expect(svg).toContain('>Coding references<');
    expect(svg).toContain('overflow: visible');
    expect(svg).toContain('<rect');

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
    const pngPath = join(work, pngDownload.suggestedFilename());
    await pngDownload.saveAs(pngPath);
    const png = readFileSync(pngPath);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(2000);
  });

  it('codes every hit of a search at a new code, spread to the sentence, as one undoable step', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Queries', exact: true }).click();
    await page.getByRole('tab', { name: 'Text search' }).click();
    await page.getByLabel('Search expression').fill('coffee OR pub');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByTestId('search-summary').textContent()).toMatch(/^\d+ hits for coffee OR pub in \d+ sources/);
    const total = Number((await page.getByTestId('search-summary').textContent())!.match(/^(\d+)/)![1]);
    await page.getByRole('button', { name: 'Code for the hits' }).click();
    const picker = page.getByRole('dialog', { name: 'Code every hit at…' });
    await picker.waitFor();
    await page.keyboard.type('Informal meeting places');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Code for the hits' }).textContent()).toContain('Informal meeting places');
    await page.getByLabel('Spread coding to').selectOption('sentence');
    await page.getByRole('button', { name: 'Code all hits' }).click();
    const notice = page.locator('.notice').filter({ hasText: 'at Informal meeting places' });
    await notice.waitFor();
    const coded = Number((await notice.textContent())!.match(/Coded (\d+)/)![1]);
    expect(coded).toBeGreaterThan(0);
    expect(coded).toBeLessThanOrEqual(total);
    const count = () => page.locator('[data-code-path="Informal meeting places"] .code-count').first().getAttribute('aria-label');
    // Hits in touching sentences are one reference (see README, "What Quarry counts"): the codings are what was made.
    await expect.poll(count).toMatch(new RegExp(`^\\d+ references? in \\d+ sources? \\(all coders\\); ${coded} codings?$`));
    await app.shot('07-search-code-all-hits');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.locator('.notice').filter({ hasText: 'Undone:' }).waitFor();
    await expect.poll(count).toBe('0 references in 0 sources (all coders); 0 codings');
  });

  it('builds a coding query with a filter, saves it, runs it again from the saved list and deletes it', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Coding query' }).click();
    await page.getByRole('button', { name: 'First code' }).click();
    await page.getByRole('dialog', { name: 'Passages coded at…' }).waitFor();
    await page.keyboard.type('Generating leads');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '+ Combine with another code' }).click();
    await page.getByRole('button', { name: 'Code 2' }).click();
    await page.getByRole('dialog', { name: '…combined with the code' }).waitFor();
    await page.keyboard.type('Building alliances');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '+ Attribute condition' }).click();
    await page.getByLabel('Condition 1 attribute').selectOption('Group');
    await page.getByLabel('Condition 1 value').fill('Entrepreneur');
    await page.getByLabel('Coder', { exact: true }).selectOption('Ruth Ashworth');
    expect(await page.getByTestId('query-expression').textContent()).toBe(
      'Motivations/Entrepreneurs/Generating leads AND Motivations/Entrepreneurs/Building alliances',
    );
    await page.getByRole('button', { name: 'Run query' }).click();
    await expect.poll(() => page.getByTestId('coding-query-summary').textContent()).toMatch(/^1 passage in 1 source and 1 case/);
    expect(await page.getByRole('list', { name: 'Query results' }).locator('.attribution').allTextContents()).toEqual(['[E2]']);
    await app.shot('07-coding-query');

    await page.getByRole('button', { name: 'Save query…' }).click();
    await page.getByLabel('Query name').fill('Leads with alliances');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('.notice').filter({ hasText: 'Saved the query “Leads with alliances”' }).waitFor();

    // Start over, then run the saved query: the builder and the results come back.
    await page.getByRole('button', { name: 'Remove clause 1' }).click();
    await page.getByRole('tab', { name: 'Saved queries' }).click();
    const saved = page.getByRole('table', { name: 'Saved queries' });
    await saved.getByText('Leads with alliances').waitFor();
    await app.shot('07-saved-queries');
    await saved.getByRole('button', { name: 'Run Leads with alliances' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Coding query' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('button', { name: 'Code 2' }).textContent()).toBe('Motivations/Entrepreneurs/Building alliances');
    await expect.poll(() => page.getByRole('list', { name: 'Query results' }).locator('.attribution').allTextContents()).toEqual(['[E2]']);

    await page.getByRole('tab', { name: 'Saved queries' }).click();
    await saved.getByRole('button', { name: 'Delete Leads with alliances' }).click();
    await page.getByText('No saved queries yet.').waitFor();
  });

  it('counts word frequencies, with an editable stop-word list', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Word frequency' }).click();
    await page.getByLabel('Number of words').fill('20');
    await page.getByRole('button', { name: 'Count words' }).click();
    const table = page.getByRole('table', { name: 'Word frequency' });
    await table.waitFor();
    const words = async () => table.locator('tbody tr td:nth-child(2)').allTextContents();
    expect((await words()).length).toBe(20);
    expect(await words()).not.toContain('the');
    const top = (await words())[0]!;
    await page.locator('.stop-words > summary').click();
    await page.getByLabel('Stop words to add').fill(top);
    await page.getByRole('button', { name: 'Add', exact: true }).last().click();
    await expect.poll(async () => (await words()).includes(top)).toBe(false);
    await app.shot('07-word-frequency');
    await page.getByLabel('Find a stop word').fill(top);
    await page.getByRole('button', { name: `Remove stop word ${top}` }).click();
    await expect.poll(async () => (await words())[0]).toBe(top);
  });

  it('shows the code co-occurrence matrix with clickable cells', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Co-occurrence' }).click();
    await page.locator('.q-pick > summary').first().click();
    for (const path of ['Motivations/Entrepreneurs/Generating leads', 'Motivations/Entrepreneurs/Building alliances', 'Motivations/Entrepreneurs/Gathering information'])
      await page.getByRole('checkbox', { name: path, exact: true }).check();
    await page.locator('.q-pick > summary').first().click();
    await page.getByLabel('Coder', { exact: true }).selectOption('Ruth Ashworth');
    await page.getByRole('button', { name: 'Run co-occurrence' }).click();
    const table = page.getByRole('table', { name: 'Code co-occurrence' });
    await table.waitFor();
    const cell = table.getByRole('button', { name: 'Motivations/Entrepreneurs/Generating leads × Motivations/Entrepreneurs/Building alliances: 1' });
    await cell.click();
    const panel = page.getByRole('complementary', { name: 'Passages of the cell' });
    await expect.poll(() => panel.locator('.attribution').allTextContents()).toEqual(['[E2]']);
    await app.shot('07-cooccurrence');
  });

  it('creates a framework matrix of themes × cases', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Framework matrices' }).click();
    await page.getByRole('button', { name: 'New framework matrix…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New framework matrix' });
    await dialog.getByLabel('Matrix name').fill('Trust by participant');
    await dialog.getByLabel('Add a case to the rows').selectOption({ label: 'E1' });
    await dialog.getByLabel('Add a case to the rows').selectOption({ label: 'E4' });
    await dialog.getByRole('button', { name: '+ Theme (code)…' }).last().click();
    await page.getByRole('dialog', { name: 'Add a theme column' }).waitFor();
    await page.keyboard.type('Trust');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByLabel('Columns 1 label').inputValue()).toBe('Trust');
    await app.shot('07-framework-create');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const grid = page.getByRole('table', { name: 'Trust by participant' });
    await grid.waitFor();
    expect(await grid.locator('tbody th').allTextContents()).toEqual(['E1', 'E4']);
    await grid.getByRole('cell', { name: 'E4 × Trust' }).click();
    const candidates = page.getByRole('list', { name: 'Candidate passages' });
    await candidates.locator('.q-passage').first().waitFor();
    expect(new Set(await candidates.locator('.attribution').allTextContents())).toEqual(new Set(['[E4]']));
    await app.shot('07-framework-new-matrix');
  });
});
