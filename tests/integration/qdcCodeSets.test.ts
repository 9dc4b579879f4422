/**
 * Issue 16, item 2: a .qdc codebook carries the code sets that have members,
 * and importing the codebook as a new project makes those code sets again,
 * members matched by code GUID.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../sharedReference.js';
import { tempDir } from './caseFixtures.js';
import { cliAs } from './cliAndContract.js';

const { ok } = cliAs('Ines Varga');
const json = async (cwd: string, ...argv: string[]): Promise<unknown> => JSON.parse(await ok(cwd, ...argv)) as unknown;

function schemaValid(file: string): void {
  const schema = sharedPath('refi', 'schemas', 'Codebook-mrt2019.xsd');
  if (!existsSync(schema) || !existsSync('/usr/bin/xmllint')) {
    console.warn('REFI-QDA schema or xmllint absent: the codebook was checked by reading it back only');
    return;
  }
  expect(() => execFileSync('/usr/bin/xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' })).not.toThrow();
}

describe('code sets in a .qdc codebook', () => {
  it('come back with the same members when the codebook starts a new project', async () => {
    const dir = tempDir('quarry-qdc-sets-');
    writeFileSync(join(dir, 'walk.txt'), 'The shepherd counted the lambs twice before the storm came over the ridge.');
    await ok(dir, 'new', 'p.quarry');
    await ok(dir, 'import', 'p.quarry', 'walk.txt');
    await ok(dir, 'code', 'p.quarry', 'walk', '0', '11', 'Work/Herding');
    await ok(dir, 'code', 'p.quarry', 'walk', '12', '30', 'Work/Counting');
    await ok(dir, 'code', 'p.quarry', 'walk', '49', '58', 'Weather');
    await ok(dir, 'sets', 'add', 'p.quarry', 'Daily tasks', '--codes', 'Work/Herding,Work/Counting');
    await ok(dir, 'sets', 'add', 'p.quarry', 'Outside forces', '--codes', 'Weather', '--codes', 'Work/Herding');
    await ok(dir, 'sets', 'add', 'p.quarry', 'Field notes', '--sources', 'walk');
    await ok(dir, 'export', 'p.quarry', 'qdc', '--out', 'book.qdc');
    const qdc = readFileSync(join(dir, 'book.qdc'), 'utf8');
    expect(qdc.match(/<Set /g)).toHaveLength(2);
    schemaValid(join(dir, 'book.qdc'));

    await ok(dir, 'import-qdpx', 'book.qdc', 'fresh.quarry');
    const sets = (await json(dir, 'sets', 'fresh.quarry', '--json')) as { name: string; kind: string; members: string[] }[];
    expect(sets.map((s) => ({ ...s, members: [...s.members].sort() }))).toEqual([
      { name: 'Daily tasks', kind: 'codes', members: ['Work/Counting', 'Work/Herding'] },
      { name: 'Outside forces', kind: 'codes', members: ['Weather', 'Work/Herding'] },
    ]);
  });

  it('drops a member that is not a code of the codebook and says so', async () => {
    const dir = tempDir('quarry-qdc-dangling-');
    const g = (n: number): string => `0000000${n}-aaaa-4bbb-8ccc-00000000000${n}`;
    writeFileSync(
      join(dir, 'other.qdc'),
      `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Synthetic"><Codes>` +
        `<Code guid="${g(1)}" name="Tides" isCodable="true"/><Code guid="${g(2)}" name="Nets" isCodable="true"/></Codes>` +
        `<Sets><Set guid="${g(3)}" name="Harbour"><MemberCode guid="${g(1)}"/><MemberCode guid="${g(9)}"/></Set></Sets></CodeBook>`,
    );
    schemaValid(join(dir, 'other.qdc'));
    const out = await ok(dir, 'import-qdpx', 'other.qdc', 'fresh.quarry');
    expect(out).toMatch(/The set "Harbour" lists 1 code\(s\) that are not in the codebook; Quarry left them out\./);
    expect(await json(dir, 'sets', 'fresh.quarry', '--json')).toEqual([{ name: 'Harbour', kind: 'codes', members: ['Tides'] }]);
  });
});
