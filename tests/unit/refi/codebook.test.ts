import { describe, it, expect } from 'vitest';
import { readCodebook } from '../../../shared/refi/qdpxReader.js';
import { QuarryError } from '../../../shared/errors.js';

const A = 'BBBBBBBB-0000-4000-8000-000000000001';
const B = 'BBBBBBBB-0000-4000-8000-000000000002';
const S = 'BBBBBBBB-0000-4000-8000-000000000003';

const book = (ns: string | undefined, inner: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><CodeBook${ns ? ` xmlns="${ns}"` : ''} origin="Test"><Codes>` +
  `<Code guid="${A}" name="Parent" isCodable="false"><Description>Top</Description><Code guid="{${B}}" name="Child" isCodable="true" color="#0A0B0C"/></Code>` +
  `</Codes>${inner}</CodeBook>`;

describe('REFI-QDA codebook import', () => {
  it('reads codes, hierarchy and sets', () => {
    const r = readCodebook('c.qdc', book('urn:QDA-XML:codebook:1.0', `<Sets><Set guid="${S}" name="Picked"><Description>d</Description><MemberCode guid="${B}"/></Set></Sets>`));
    expect(r.warnings).toEqual([]);
    expect(r.codes).toEqual([
      {
        guid: A.toLowerCase(),
        name: 'Parent',
        isCodable: false,
        description: 'Top',
        noteGuids: [],
        children: [{ guid: B.toLowerCase(), name: 'Child', isCodable: true, color: '#0A0B0C', children: [], noteGuids: [] }],
      },
    ]);
    expect(r.sets).toEqual([{ guid: S.toLowerCase(), name: 'Picked', description: 'd', memberCodeGuids: [B.toLowerCase()], memberSourceGuids: [], memberNoteGuids: [] }]);
  });

  it('tolerates codebook elements in the project namespace (a namespace variant), with a warning', () => {
    const r = readCodebook('v.qdc', book('urn:QDA-XML:project:1.0', `<Sets><Set guid="${S}" name="P"><MemberCode targetGUID="${A}"/></Set></Sets>`));
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^Namespace variant: the codebook is written in the project namespace/);
    expect(r.sets[0]?.memberCodeGuids).toEqual([A.toLowerCase()]);
  });

  it('tolerates other codebook namespace versions, an empty <Sets/> and description attributes', () => {
    const r = readCodebook('old.qdc', book('urn:QDA-XML:codebook:0:4', '<Sets/>').replace('name="Child"', 'name="Child" description="From an attribute"'));
    expect(r.warnings.join(' ')).toMatch(/another version of the codebook namespace/);
    expect(r.warnings.join(' ')).toMatch(/"description" attribute/);
    expect(r.codes[0]?.children[0]?.description).toBe('From an attribute');
    expect(r.sets).toEqual([]);
  });

  it('refuses what is not a codebook', () => {
    const refused = (xml: string): string => {
      try {
        readCodebook('x.qdc', xml);
      } catch (err) {
        expect(err).toBeInstanceOf(QuarryError);
        return (err as QuarryError).message;
      }
      throw new Error('accepted');
    };
    expect(refused(book(undefined, ''))).toMatch(/^x\.qdc: not a REFI-QDA codebook \(its root element is <CodeBook> in no namespace/);
    expect(refused('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>')).toMatch(/a REFI-QDA project, not a codebook/);
    expect(refused('just words')).toBe('x.qdc: the codebook is not XML');
    expect(refused('<!DOCTYPE x [<!ENTITY e "e">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>')).toMatch(/DOCTYPE/);
  });

  it('drops set members that are not codes of the codebook, with a warning', () => {
    const r = readCodebook('d.qdc', book('urn:QDA-XML:codebook:1.0', `<Sets><Set guid="${S}" name="P"><MemberCode guid="${S}"/><MemberCode guid="${A}"/></Set></Sets>`));
    expect(r.sets[0]?.memberCodeGuids).toEqual([A.toLowerCase()]);
    expect(r.warnings[0]).toMatch(/lists 1 code\(s\) that are not in the codebook/);
  });
});
