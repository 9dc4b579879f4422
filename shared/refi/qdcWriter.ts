/**
 * Codebook export (.qdc, Codebook-mrt2019.xsd). The codebook schema has no
 * notes, and its sets hold codes only (MemberCode with a `guid` attribute,
 * unlike the project schema's targetGUID).
 */
import { QuarryError } from '../errors.js';
import { CODEBOOK_NS, type RefiCode, type RefiSet } from './refiModel.js';
import { normalizeGuid } from './refiGuid.js';
import { checkCodes } from './refiExportCheck.js';
import { normalizeColor } from './refiValues.js';
import { XmlWriter } from './xmlWriter.js';

function writeCode(w: XmlWriter, code: RefiCode): void {
  const attrs: [string, string | boolean | undefined][] = [
    ['guid', normalizeGuid(code.guid)],
    ['name', code.name],
    ['isCodable', code.isCodable],
    ['color', normalizeColor(code.color)],
  ];
  w.element('Code', attrs, code.description !== undefined || code.children.length > 0, () => {
    if (code.description !== undefined) w.text('Description', code.description);
    for (const child of code.children) writeCode(w, child);
  });
}

export function writeQdc(codes: RefiCode[], sets: RefiSet[] = []): string {
  if (codes.length === 0) {
    throw new QuarryError('bad_request', 'REFI-QDA export: a codebook needs at least one code (the schema requires it)');
  }
  const known = checkCodes(codes);
  const w = new XmlWriter();
  w.open('CodeBook', [
    ['xmlns', CODEBOOK_NS],
    ['origin', 'Quarry'],
  ]);
  w.open('Codes');
  for (const c of codes) writeCode(w, c);
  w.close('Codes');
  if (sets.length > 0) {
    w.open('Sets');
    for (const s of sets) {
      // Sources and notes cannot be members in a codebook; codes outside it cannot either.
      const members = s.memberCodeGuids.map(normalizeGuid).filter((m) => known.has(m));
      w.element('Set', [['guid', normalizeGuid(s.guid)], ['name', s.name]], s.description !== undefined || members.length > 0, () => {
        if (s.description !== undefined) w.text('Description', s.description);
        for (const m of members) w.empty('MemberCode', [['guid', m]]);
      });
    }
    w.close('Sets');
  }
  w.close('CodeBook');
  return w.toString();
}
