/**
 * Source attributes in a REFI-QDA export: Variables with VariableValues on
 * the sources (NVivo's file classifications), valid against the schema;
 * Quarry's own import reads them back as source attributes
 * (refiClassifications.test.ts checks the round trip through the CLI).
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectToRefi } from '../../shared/refi/projectToRefi.js';
import { writeQde, writeQdpx } from '../../shared/refi/qdpxWriter.js';
import { readRefiPackage } from '../../shared/refi/qdpxReader.js';
import { assignSource } from '../../shared/services/caseService.js';
import { defineSourceAttribute, setSourceValuesByName } from '../../shared/services/sourceAttributeService.js';
import { addSources, projectsClosedAfterEach, tempDir } from './caseFixtures.js';
import { sharedPath } from '../sharedReference.js';

const project = projectsClosedAfterEach();

describe('source attributes in REFI-QDA', () => {
  it('exports them as source VariableValues that validate and read back', async () => {
    const { ctx } = project();
    await addSources(ctx, { 'Visit one': 'We met in the hall.\n', 'Visit two': 'We met online.\n' });
    assignSource(ctx, { sourceName: 'Visit one', caseName: 'Ola' });
    defineSourceAttribute(ctx, { name: 'Mode', type: 'choice', choices: ['Visit', 'Phone'] });
    setSourceValuesByName(ctx, { source: 'Visit one', values: [{ name: 'Wave', raw: '1' }, { name: 'Mode', raw: 'Visit' }, { name: 'Interview date', raw: '2024-02-10' }] });
    setSourceValuesByName(ctx, { source: 'Visit two', values: [{ name: 'Wave', raw: '2' }, { name: 'Mode', raw: 'n/a' }] });

    const { project: refi } = projectToRefi(ctx.project.db);
    const byName = new Map(refi.variables.map((v) => [v.name, v]));
    expect(byName.get('Wave')?.type).toBe('Integer');
    expect(byName.get('Interview date')?.type).toBe('Date');
    expect(byName.get('Mode')?.description).toContain('Visit');
    const values = (name: string) =>
      Object.fromEntries(refi.sources.find((s) => s.name === name)!.values.map((v) => [refi.variables.find((x) => x.guid === v.variableGuid)!.name, v.value]));
    expect(values('Visit one')).toEqual({ Wave: '1', Mode: 'Visit', 'Interview date': '2024-02-10' });
    expect(values('Visit two')).toEqual({ Wave: '2', Mode: 'Not applicable' });

    const back = readRefiPackage('sources.qdpx', writeQdpx(refi));
    expect(back.skipped).toEqual([]);
    expect(back.project.sources.find((s) => s.name === 'Visit two')!.values).toHaveLength(2);

    const schema = sharedPath('refi', 'schemas', 'Project-mrt2019.xsd');
    if (existsSync(schema) && existsSync('/usr/bin/xmllint')) {
      const file = join(tempDir(), 'project.qde');
      writeFileSync(file, writeQde(refi));
      expect(() => execFileSync('/usr/bin/xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' })).not.toThrow();
    } else {
      console.warn('REFI-QDA schema or xmllint absent: the export was checked by reading it back only');
    }
  });
});
