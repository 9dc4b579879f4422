import { describe, it, expect } from 'vitest';
import { readRefiFile } from '../../../shared/refi/readRefiFile.js';
import { writeQdc, writeQde, writeQdpx } from '../../../shared/refi/qdpxWriter.js';
import { QuarryError } from '../../../shared/errors.js';
import { codePointLength } from '../../../shared/text/positions.js';
import { buildNeutralProject } from './neutralProject.js';

const JARGON = [/InvalidXml|InvalidTag|InvalidAttr|InvalidChar/i, /closing tag/i, /unexpected token/i, /unclosed/i, /well-formed/i, /pars(e|er|ing)/i, /\bEOF\b/, /\btag\b/i, /char '/i];

const utf8 = new TextEncoder();

function refusal(fileName: string, bytes: Uint8Array): QuarryError {
  try {
    readRefiFile(fileName, bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    return err as QuarryError;
  }
  throw new Error(`${fileName} was read although it is cut off`);
}

/** Line and column (code points, from 1) just after the last character of `text`. */
function endOf(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length, column: codePointLength(lines[lines.length - 1] as string) + 1 };
}

function expectPlain(message: string): void {
  for (const word of JARGON) expect(message).not.toMatch(word);
}

/** Cuts the UTF-8 of `xml` at `byteAt` and checks the message against the text that was kept. */
function expectCutOff(fileName: string, what: string, xml: string, byteAt: number, part: string): void {
  const bytes = utf8.encode(xml).subarray(0, byteAt);
  const kept = new TextDecoder().decode(bytes).replace(/\uFFFD$/, '');
  const err = refusal(fileName, bytes);
  const { line, column } = endOf(kept);
  expect(err.code).toBe('invalid_input');
  expect(err.message).toBe(`${fileName}: ${what} ends before ${part} complete — it may have been cut off while copying (it ends at line ${line}, column ${column})`);
  expect(err.details).toEqual({ line, column });
  expectPlain(err.message);
}

const bytesBefore = (text: string, at: number): number => utf8.encode(text.slice(0, at)).length;
const after = (text: string, marker: string, extra = 0): number => {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`"${marker}" is not in the file`);
  return bytesBefore(text, at + extra);
};

describe('a REFI-QDA file cut off while copying', () => {
  const project = buildNeutralProject();
  const qde = writeQde(project);
  const qdc = writeQdc(project.codes, project.sets);

  it.each([
    ['inside a start tag', after(qde, '<TextSource', 6), 'the sources are'],
    ['inside an attribute value', after(qde, 'name="Calm"', 8), 'the codebook is'],
    ['inside an attribute value, between the bytes of one character', after(qde, '東京" isCodable', 1), 'the codebook is'],
    ['inside text', after(qde, 'Where they grew', 5), 'the variables are'],
    ['inside an end mark', after(qde, '</Cases>', 3), 'the cases are'],
    ['after the last element, before the project is closed', after(qde, '</Project>'), 'the project is'],
    ['inside the XML declaration', 12, 'the project is'],
  ])('a .qde cut %s', (_label, byteAt, part) => {
    expectCutOff('study.qde', 'the project file', qde, byteAt, part);
  });

  it.each([
    ['inside a code', after(qdc, 'name="Joy', 7), 'the codebook is'],
    ['inside a set', after(qdc, '<MemberCode', 5), 'the sets are'],
    ['after the codes, before the codebook is closed', after(qdc, '</CodeBook>'), 'the codebook is'],
    ['inside the XML declaration', 12, 'the codebook is'],
    ['inside its first start tag', after(qdc, '<CodeBook', 6), 'the codebook is'],
  ])('a .qdc cut %s', (_label, byteAt, part) => {
    expectCutOff('shared.qdc', 'the codebook', qdc, byteAt, part);
  });

  it('a .qdpx package cut short anywhere says the package ends early', () => {
    const full = writeQdpx(project);
    for (const length of [30, Math.floor(full.length / 2), full.length - 30, full.length - 1]) {
      const err = refusal('study.qdpx', full.subarray(0, length));
      expect(err.message).toBe(
        `study.qdpx: the package ends early — it may have been cut off while copying (it ends after ${length.toLocaleString('en')} bytes, before its table of contents is complete)`,
      );
      expectPlain(err.message);
    }
  });
});

describe('other broken XML is told in plain words with its line and column', () => {
  const cases: [string, string, RegExp][] = [
    ['<Project xmlns="urn:QDA-XML:project:1.0">\n  <Users>\n</Project>', 'an element left open', /<Users> \(started at line 2, column 3\) is still open where <\/Project> ends something else \(line 3, column \d+\)$/],
    ['<Project xmlns="urn:QDA-XML:project:1.0"></Project>\n</Users>', 'an end without a start', /<\/Users> ends an element that was never started \(line 2, column \d+\)$/],
    ['<Project xmlns="urn:QDA-XML:project:1.0" name="a" name="b"/>', 'a repeated attribute', /the attribute name is given twice in one element \(line 1, column \d+\)$/],
    ['<Project xmlns="urn:QDA-XML:project:1.0"><Description>Tom & Ann</Description></Project>', 'a bare ampersand', /a "&" stands on its own; in text it must be written as &amp; \(line 1, column \d+\)$/],
    ['<Project xmlns="urn:QDA-XML:project:1.0">\n  <Users>\n    <User name=Ann/>\n  </Users>\n</Project>', 'an unquoted value', /the attribute name has no value \(line 3, column \d+\)$/],
  ];
  it.each(cases)('%#: %s', (xml, _label, message) => {
    const err = refusal('broken.qde', utf8.encode(xml));
    expect(err.message).toMatch(/^broken\.qde: the project file is not valid XML: /);
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(/cut off/);
    expectPlain(err.message);
  });
});
