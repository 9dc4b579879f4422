/**
 * Plain-words messages for XML that cannot be read. A file cut off while
 * copying is the common case, so it is recognised first and named by the
 * part of the REFI-QDA document that was still being written; other faults
 * are told without the XML parser's own vocabulary, with their line and column.
 */
import { QuarryError } from '../errors.js';
import { codePointLength } from '../text/positions.js';

interface Part {
  words: string;
  plural: boolean;
}

const one = (words: string): Part => ({ words, plural: false });
const many = (words: string): Part => ({ words, plural: true });

// Every REFI-QDA element a reader could be inside, by the part of the document a user would recognise.
const PARTS: Record<string, Part> = {
  Project: one('the project'),
  CodeBook: one('the codebook'),
  Codes: one('the codebook'),
  Code: one('the codebook'),
  Users: one('the list of users'),
  User: one('the list of users'),
  Variables: many('the variables'),
  Variable: many('the variables'),
  Cases: many('the cases'),
  Case: many('the cases'),
  Sources: many('the sources'),
  TextSource: many('the sources'),
  PictureSource: many('the sources'),
  PDFSource: many('the sources'),
  AudioSource: many('the sources'),
  VideoSource: many('the sources'),
  Notes: many('the notes'),
  Note: many('the notes'),
  Links: many('the links'),
  Link: many('the links'),
  Sets: many('the sets'),
  Set: many('the sets'),
  Graphs: many('the graphs'),
  Graph: many('the graphs'),
};

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/**
 * The elements still open where the text ends, outermost first, or undefined
 * when the text does not simply stop early (it is complete, or broken in some
 * other way before its end).
 */
export function openElementsAtEnd(text: string): string[] | undefined {
  const open: string[] = [];
  let i = 0;
  let rootClosed = false;
  const skipPast = (marker: string, from: number): number => {
    const at = text.indexOf(marker, from);
    return at < 0 ? -1 : at + marker.length;
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt) || text.startsWith('<![CDATA[', lt) || text.startsWith('<?', lt)) {
      const marker = text.startsWith('<!--', lt) ? '-->' : text.startsWith('<?', lt) ? '?>' : ']]>';
      const next = skipPast(marker, lt + 2);
      if (next < 0) return open.length > 0 || !rootClosed ? open : undefined;
      i = next;
      continue;
    }
    // A tag: find its '>' outside quoted attribute values.
    let j = lt + 1;
    let quote = '';
    for (; j < text.length; j++) {
      const ch = text[j] as string;
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    const closing = text[lt + 1] === '/';
    const name = /^[^\s/>]*/.exec(text.slice(lt + (closing ? 2 : 1), lt + (closing ? 2 : 1) + 200))?.[0] ?? '';
    if (j >= text.length) {
      // Cut inside a start tag: the element it starts is what was being written.
      if (!closing && name) open.push(name);
      return open.length > 0 || !rootClosed ? open : undefined;
    }
    if (closing) {
      if (open[open.length - 1] !== name) return undefined;
      open.pop();
      if (open.length === 0) rootClosed = true;
    } else if (text[j - 1] !== '/') open.push(name);
    i = j + 1;
  }
  return open.length > 0 ? open : undefined;
}

function endPosition(text: string): { line: number; column: number } {
  const lastBreak = text.lastIndexOf('\n');
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) line++;
  return { line, column: codePointLength(text.slice(lastBreak + 1)) + 1 };
}

/** The message for a document whose text stops before its root element is finished. */
export function cutOffError(fileName: string, what: string, text: string, open: string[]): QuarryError {
  const named = [...open].reverse().find((name) => PARTS[localName(name)] !== undefined);
  const part = named ? (PARTS[localName(named)] as Part) : one(what === 'the codebook' ? 'the codebook' : 'the project');
  const { line, column } = endPosition(text);
  return new QuarryError(
    'invalid_input',
    `${fileName}: ${what} ends before ${part.words} ${part.plural ? 'are' : 'is'} complete — it may have been cut off while copying (it ends at line ${line}, column ${column})`,
    { line, column },
  );
}

// fast-xml-parser's validator messages, in the words a user can act on.
const TRANSLATIONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Expected closing tag '([^']*)' \(opened in line (\d+), col (\d+)\) instead of closing tag '([^']*)'/, (m) => `<${m[1]}> (started at line ${m[2]}, column ${m[3]}) is still open where </${m[4]}> ends something else`],
  [/^Closing tag '([^']*)' has not been opened/, (m) => `</${m[1]}> ends an element that was never started`],
  [/^Closing tag '([^']*)'/, (m) => `the end mark </${m[1]}> is malformed`],
  [/^Unclosed tag '([^']*)'/, (m) => `<${m[1]}> is never ended`],
  [/^Invalid '.*' found/, () => 'some elements are never ended'],
  [/^Attributes for '([^']*)' have open quote/, (m) => `a value inside <${m[1]}> is missing its closing quote mark`],
  [/^Attribute '([^']*)' is repeated/, (m) => `the attribute ${m[1]} is given twice in one element`],
  [/^(?:boolean attribute|Attribute) '([^']*)' (?:is not allowed|is without value)/, (m) => `the attribute ${m[1]} has no value`],
  [/^Attribute '([^']*)' has no space in starting/, (m) => `a space is missing before the attribute ${m[1]}`],
  [/^Attribute '([^']*)' is an invalid name/, (m) => `"${m[1]}" cannot be the name of an attribute`],
  [/^Tag '([^']*)' is an invalid name/, (m) => `"${m[1]}" cannot be the name of an element`],
  [/^Invalid space after '<'/, () => 'a "<" is followed by a space; a "<" in text must be written as &lt;'],
  [/^char '&' is not expected/, () => 'a "&" stands on its own; in text it must be written as &amp;'],
  [/^char '(.)' is not expected/, (m) => `the character "${m[1]}" cannot stand here`],
  [/^Multiple possible root nodes/, () => 'it has more than one outermost element'],
  [/^Extra text at the end/, () => 'there is text after the end of the document'],
  [/^Start tag expected/, () => 'it holds no elements'],
  [/^XML declaration allowed only at the start/, () => 'the <?xml …?> line is not at the very start of the file'],
];

/** Plain words for one of the validator's messages; something generic for one not known here. */
export function plainXmlProblem(message: string): string {
  for (const [pattern, say] of TRANSLATIONS) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  return 'its markup is broken';
}

/** The error for XML the validator refused: cut off, or broken at a named line and column. */
export function xmlProblemError(fileName: string, what: string, text: string, problem: { msg: string; line: number; col: number }): QuarryError {
  const open = openElementsAtEnd(text);
  if (open) return cutOffError(fileName, what, text, open);
  const { line, col } = problem;
  return new QuarryError('invalid_input', `${fileName}: ${what} is not valid XML: ${plainXmlProblem(problem.msg)} (line ${line}, column ${col})`, { line, column: col });
}
