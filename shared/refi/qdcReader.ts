/**
 * REFI-QDA codebook import (.qdc, namespace urn:QDA-XML:codebook:1.0).
 * Small tools deviate: other codebook namespace versions, codebook elements
 * in the project namespace, `description=` attributes, an empty <Sets/>.
 * Those are read with a warning.
 */
import { QuarryError } from '../errors.js';
import { CODEBOOK_NS, type RefiCodebook } from './refiModel.js';
import { newReadContext, readCodes, readSets } from './refiElements.js';
import { firstChild, namespaceOf, parseXmlTree } from './xmlTree.js';

export function readCodebook(fileName: string, xml: string): RefiCodebook {
  const root = parseXmlTree(fileName, xml, 'the codebook');
  const ns = namespaceOf(root);
  const ctx = newReadContext(fileName);
  if (root.name === 'Project' && ns !== undefined && /^urn:QDA-XML:project:/i.test(ns)) {
    throw new QuarryError('invalid_input', `${fileName}: this is a REFI-QDA project, not a codebook; import it as a project (.qdpx or .qde) instead`);
  }
  const known = ns !== undefined && /^urn:QDA-XML:(codebook|project):/i.test(ns);
  if (root.name !== 'CodeBook' || !known) {
    throw new QuarryError(
      'invalid_input',
      `${fileName}: not a REFI-QDA codebook (its root element is <${root.name}>${ns ? ` in the namespace ${ns}` : ' in no namespace'}, not <CodeBook> in the ${CODEBOOK_NS} namespace)`,
    );
  }
  if (ns !== CODEBOOK_NS) {
    const variant = /:project:/i.test(ns) ? 'the project namespace' : 'another version of the codebook namespace';
    ctx.warnings.push(`Namespace variant: the codebook is written in ${variant} ("${ns}") instead of "${CODEBOOK_NS}"; Quarry read it anyway.`);
  }
  const codesEl = firstChild(root, 'Codes');
  if (!codesEl) ctx.warnings.push('The codebook has no <Codes> element, so it holds no codes.');
  const codes = readCodes(ctx, codesEl, new Set());
  const sets = readSets(ctx, firstChild(root, 'Sets'));
  const known2 = new Set<string>();
  const collect = (list: typeof codes): void => list.forEach((c) => (known2.add(c.guid), collect(c.children)));
  collect(codes);
  for (const set of sets) {
    const dangling = set.memberCodeGuids.filter((g) => !known2.has(g));
    if (dangling.length > 0) {
      ctx.warnings.push(`The set "${set.name}" lists ${dangling.length} code(s) that are not in the codebook; Quarry left them out.`);
      set.memberCodeGuids = set.memberCodeGuids.filter((g) => known2.has(g));
    }
  }
  for (const s of ctx.skipped) ctx.warnings.push(`Skipped a ${s.kind}${s.name ? ` "${s.name}"` : ''}: ${s.reason}.`);
  return { codes, sets, warnings: ctx.warnings };
}
