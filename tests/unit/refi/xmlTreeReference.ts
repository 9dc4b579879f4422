/**
 * The REFI-QDA XML reader as it was before its own tokenizer (fast-xml-parser
 * with its validator), kept only as the reference the tokenizer is compared
 * with (xmlTokenizer.test.ts): on every document both must give the same tree,
 * or both refuse it.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { QuarryError } from '../../../shared/errors.js';
import { MAX_XML_DEPTH } from '../../../shared/limits.js';
import { decodeXmlEntities, type XmlElement } from '../../../shared/refi/xmlTree.js';
import { xmlProblemError } from '../../../shared/refi/xmlProblem.js';

type FxpNode = Record<string, unknown>;

function splitName(qname: string): { prefix: string; name: string } {
  const i = qname.indexOf(':');
  return i < 0 ? { prefix: '', name: qname } : { prefix: qname.slice(0, i), name: qname.slice(i + 1) };
}

function convertNode(qname: string, body: FxpNode[], rawAttrs: Record<string, unknown> | undefined): XmlElement {
  const { prefix, name } = splitName(qname);
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(rawAttrs ?? {})) {
    // XML 1.0 §3.3.3: literal tabs and newlines in attribute values read as spaces.
    attrs[k] = decodeXmlEntities(String(v).replace(/[\t\n\r]/g, ' '));
  }
  const el: XmlElement = { name, prefix, attrs, children: [], text: '' };
  for (const node of body) {
    for (const key of Object.keys(node)) {
      if (key === ':@') continue;
      const value = node[key];
      if (key === '#text') el.text += decodeXmlEntities(String(value));
      else if (key === '#cdata') {
        for (const inner of value as FxpNode[]) el.text += String(inner['#text'] ?? '');
      } else el.children.push(convertNode(key, value as FxpNode[], node[':@'] as Record<string, unknown> | undefined));
    }
  }
  return el;
}

/**
 * Parses a whole XML document and returns its root element.
 * `what` names the document in messages, e.g. "project.qde".
 */
export function parseXmlTreeReference(fileName: string, xml: string, what: string): XmlElement {
  const text = (xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).replace(/\r\n?/g, '\n');
  if (!/^\s*</.test(text)) {
    throw new QuarryError('invalid_input', `${fileName}: ${what} is not XML`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new QuarryError(
      'invalid_input',
      `${fileName}: ${what} contains a DOCTYPE declaration; REFI-QDA files never need one, and Quarry refuses them because DOCTYPE entities can be used to attack XML readers`,
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw xmlProblemError(fileName, what, text, valid.err);
  let parsed: FxpNode[];
  try {
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      processEntities: false,
      htmlEntities: false,
      cdataPropName: '#cdata',
      commentPropName: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      maxNestedTags: MAX_XML_DEPTH,
    });
    parsed = parser.parse(text) as FxpNode[];
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : 'unknown problem';
    if (/nested tags/i.test(detail ?? '')) {
      throw new QuarryError('invalid_input', `${fileName}: ${what} nests its elements more than ${MAX_XML_DEPTH} levels deep, more than Quarry reads (REFI-QDA needs about 10)`);
    }
    throw new QuarryError('invalid_input', `${fileName}: ${what} could not be read as XML; its markup is broken`);
  }
  const roots = parsed.filter((n) => Object.keys(n).some((k) => k !== ':@' && k !== '#text'));
  const rootNode = roots[0];
  if (roots.length !== 1 || !rootNode) {
    throw new QuarryError('invalid_input', `${fileName}: ${what} is not XML (it has ${roots.length} root elements)`);
  }
  const key = Object.keys(rootNode).find((k) => k !== ':@' && k !== '#text') as string;
  return convertNode(key, rootNode[key] as FxpNode[], rootNode[':@'] as Record<string, unknown> | undefined);
}

