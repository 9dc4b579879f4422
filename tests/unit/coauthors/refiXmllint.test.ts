/**
 * Quarry's own exports validate against the REFI-QDA 1.0 schemas with
 * xmllint (libxml2-utils). The schemas live outside the repository
 * (/work/shared/refi/schemas); the test says so and stops when they are absent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { buildDemoProject } from '../../../shared/demo/buildDemo.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { exportQdcText, exportQdpxBytes } from '../../../shared/services/refiService.js';
import { buildUnicodeProject } from './unicodeProject.js';
import { sharedPath } from '../../sharedReference.js';

const SCHEMAS = sharedPath('refi', 'schemas');
const work = mkdtempSync(join(tmpdir(), 'quarry-xmllint-'));

function xmllint(schema: string, file: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--schema', join(SCHEMAS, schema), file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const available = existsSync(join(SCHEMAS, 'Project-mrt2019.xsd')) && existsSync(join(SCHEMAS, 'Codebook-mrt2019.xsd'));
let hasXmllint = true;
try {
  execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
} catch {
  hasXmllint = false;
}

describe('REFI-QDA exports validate with xmllint', () => {
  if (!available || !hasXmllint) {
    it('cannot validate here', () => {
      console.warn(!available ? `REFI-QDA schemas not found under ${SCHEMAS}: xmllint validation did not run` : 'xmllint is not installed (Debian: libxml2-utils): validation did not run');
      expect(true).toBe(true);
    });
    return;
  }

  const projects: Record<string, string> = {};
  beforeAll(async () => {
    projects.demo = join(work, 'demo.quarry');
    await buildDemoProject(projects.demo);
    projects.unicode = join(work, 'unicode.quarry');
    await buildUnicodeProject(projects.unicode);
    projects.empty = join(work, 'empty.quarry');
    ProjectDb.create(projects.empty).close();
  });

  for (const name of ['demo', 'unicode', 'empty']) {
    it(`the ${name} project's .qdpx (project.qde) and .qdc`, () => {
      const { project } = ProjectDb.open(projects[name]!, { readOnly: true, lock: false });
      const files = unzipSync(exportQdpxBytes(project.db));
      const qdc = name === 'empty' ? null : exportQdcText(project.db);
      if (name === 'empty') expect(() => exportQdcText(project.db)).toThrow(/no codes yet/);
      project.close();
      expect(Object.keys(files)[0]).toBe('project.qde');
      const qde = join(work, `${name}.qde`);
      writeFileSync(qde, files['project.qde']!);
      const p = xmllint('Project-mrt2019.xsd', qde);
      expect(p.output).toMatch(/validates/);
      expect(p.ok, p.output).toBe(true);
      if (qdc !== null) {
        const qdcPath = join(work, `${name}.qdc`);
        writeFileSync(qdcPath, qdc);
        const c = xmllint('Codebook-mrt2019.xsd', qdcPath);
        expect(c.ok, c.output).toBe(true);
      }
      // Every source text file the .qde points at is in the package.
      for (const m of new TextDecoder().decode(files['project.qde']).matchAll(/plainTextPath="internal:\/\/([^"]+)"/g)) {
        expect(files[`sources/${m[1]}`], m[1]).toBeDefined();
      }
    });
  }
});
