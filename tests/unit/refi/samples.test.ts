/**
 * Real exports from other QDA tools (third-party material kept outside the
 * repo, read only when present). Each must import with the counts its .qde
 * declares minus what was skipped with a reason, or be refused with one.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { readRefiPackage, readCodebook } from '../../../shared/refi/qdpxReader.js';
import type { RefiCode, RefiImportResult } from '../../../shared/refi/refiModel.js';
import { QuarryError } from '../../../shared/errors.js';
import { sharedPath } from '../../sharedReference.js';

const SAMPLES = sharedPath('refi', 'samples');
const WORD = /^[\p{L}\p{N}\p{M}_]$/u;

function sampleFiles(): string[] {
  if (!existsSync(SAMPLES)) return [];
  return readdirSync(SAMPLES)
    .flatMap((dir) => (existsSync(join(SAMPLES, dir)) ? readdirSync(join(SAMPLES, dir)).map((f) => join(SAMPLES, dir, f)) : []))
    .filter((f) => /\.(qdpx|qde|qdc)$/i.test(f))
    .sort();
}

/** The .qde text of a sample, found independently of the reader under test. */
function qdeText(path: string): string {
  const bytes = readFileSync(path);
  if (!/\.qdpx$/i.test(path)) return bytes.toString('utf8');
  const files = unzipSync(new Uint8Array(bytes));
  const name = Object.keys(files).find((k) => /\.qde$/i.test(k));
  return name ? new TextDecoder().decode(files[name]) : '';
}

const count = (xml: string, tag: string): number => (xml.match(new RegExp(`<(?:\\w+:)?${tag}[\\s/>]`, 'g')) ?? []).length;
const codeCount = (codes: RefiCode[]): number => codes.reduce((n, c) => n + 1 + codeCount(c.children), 0);
const skippedOf = (r: RefiImportResult, kind: string): number => r.skipped.filter((s) => s.kind === kind).length;
const codingCount = (r: RefiImportResult): number => r.project.sources.reduce((n, s) => n + s.selections.reduce((m, x) => m + x.codings.length, 0), 0);

function onWordBoundary(cps: string[], p: number): boolean {
  return p === 0 || p === cps.length || !(WORD.test(cps[p - 1] as string) && WORD.test(cps[p] as string));
}

const summary: string[] = [];

describe('REFI-QDA samples from other tools', () => {
  const files = sampleFiles();
  if (files.length === 0) {
    it('has no samples to read here', () => {
      console.warn(`REFI-QDA samples not found under ${SAMPLES}: sample import tests did not run`);
    });
    return;
  }

  for (const path of files) {
    const label = `${basename(join(path, '..'))}/${basename(path)}`;
    it(`reads ${label}`, () => {
      if (/\.qdc$/i.test(path)) {
        const xml = readFileSync(path, 'utf8');
        const book = readCodebook(basename(path), xml);
        expect(codeCount(book.codes)).toBe(count(xml, 'Code'));
        expect(book.sets.length).toBe(count(xml, 'Set'));
        summary.push(`| ${label} | codebook: ${codeCount(book.codes)} codes, ${book.sets.length} sets | – | ${book.warnings.join(' ') || '–'} |`);
        return;
      }
      let result: RefiImportResult;
      try {
        result = readRefiPackage(basename(path), new Uint8Array(readFileSync(path)));
      } catch (err) {
        expect(err).toBeInstanceOf(QuarryError);
        expect((err as QuarryError).message).toMatch(new RegExp(`^${basename(path).replace(/\./g, '\\.')}: `));
        summary.push(`| ${label} | refused: ${(err as Error).message} | – | – |`);
        return;
      }
      const xml = qdeText(path);
      const declaredSources = ['TextSource', 'PictureSource', 'PDFSource', 'AudioSource', 'VideoSource'].reduce((n, t) => n + count(xml, t), 0);
      expect(result.declared).toEqual({ sources: declaredSources, codes: count(xml, 'Code'), codings: count(xml, 'Coding'), cases: count(xml, 'Case'), notes: count(xml, 'Note') });

      const { project, declared } = result;
      expect(project.sources.length).toBe(declared.sources - skippedOf(result, 'source'));
      expect(codeCount(project.codes)).toBe(declared.codes - skippedOf(result, 'code'));
      expect(codingCount(result)).toBe(declared.codings - skippedOf(result, 'coding'));
      expect(project.cases.length).toBe(declared.cases - skippedOf(result, 'case'));
      expect(project.notes.length).toBe(declared.notes - skippedOf(result, 'note'));
      for (const s of result.skipped) expect(s.reason.length).toBeGreaterThan(10);
      expect(result.positionUnitReason.length).toBeGreaterThan(20);

      if (/nvivo/i.test(project.origin ?? '')) expect(result.positionUnit).toBe('utf16');
      // Coded text starts and ends between words (the evidence that offsets were read in the right unit).
      const checked = project.sources.flatMap((s) => s.selections.slice(0, 12).map((sel) => ({ cps: Array.from(s.text), sel })));
      for (const { cps, sel } of checked) {
        expect(onWordBoundary(cps, sel.start)).toBe(true);
        expect(onWordBoundary(cps, sel.end)).toBe(true);
      }
      const kinds = [...new Set(result.skipped.map((s) => s.kind))].map((k) => `${k} ${skippedOf(result, k)}`).join(', ');
      summary.push(
        `| ${label} | ${project.sources.length}/${declared.sources} sources, ${codeCount(project.codes)}/${declared.codes} codes, ` +
          `${codingCount(result)}/${declared.codings} codings, ${project.cases.length}/${declared.cases} cases, ${project.notes.length}/${declared.notes} notes` +
          ` | ${result.positionUnit} | skipped: ${kinds || 'none'} |`,
      );
    });
  }

  for (const path of files.filter((f) => /nvivo/i.test(f) && /\.qdpx$/i.test(f))) {
    it(`measures the same unit as NVivo's origin implies when ${basename(path)} names no origin`, () => {
      const files2 = unzipSync(new Uint8Array(readFileSync(path)));
      const name = Object.keys(files2).find((k) => /\.qde$/i.test(k)) as string;
      files2[name] = new TextEncoder().encode(new TextDecoder().decode(files2[name]).replace(/\sorigin="[^"]*"/, ''));
      const withOrigin = readRefiPackage(basename(path), new Uint8Array(readFileSync(path)));
      const measured = readRefiPackage(basename(path), zipSync(files2));
      expect(measured.project.sources).toEqual(withOrigin.project.sources);
      const hasSelections = withOrigin.project.sources.some((s) => s.selections.length > 0);
      if (hasSelections) expect(measured.positionUnitReason).toMatch(/measured/);
    });
  }

  it('prints a summary', () => {
    console.log(['| sample | result | position unit | notes |', '|---|---|---|---|', ...summary].join('\n'));
  });
});
