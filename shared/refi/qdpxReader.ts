/**
 * REFI-QDA import: a .qdpx package (zip) or a bare .qde (XML) → the neutral
 * model, with every item that could not be imported listed with its reason.
 * Pure: no file system, no database.
 */
import { QuarryError } from '../errors.js';
import { PROJECT_NS, type RefiImportResult } from './refiModel.js';
import { newReadContext, type ReadContext } from './refiElements.js';
import { openRefiContainer, type RefiContainer } from './refiPackage.js';
import type { ZipInput } from './refiZip.js';
import { readQdeProject } from './qdeProject.js';
import { SourcesReadAhead } from './qdeSourcesAhead.js';
import { choosePositionModel, sourceFit } from './refiPositions.js';
import { memorySpool, type SelectionSpool } from './selectionSpool.js';
import { StagedSelections } from './stagedSelections.js';
import { linkProject } from './refiLinks.js';
import { normalizeGuid } from './refiGuid.js';
import { parseXmlBytes } from './xmlByteStream.js';
import { namespaceOf, type XmlElement } from './xmlTree.js';

export { readCodebook } from './qdcReader.js';

function checkProjectRoot(ctx: ReadContext, root: XmlElement, what: string): void {
  const ns = namespaceOf(root);
  if (root.name === 'CodeBook') {
    throw new QuarryError('invalid_input', `${ctx.fileName}: ${what} is a REFI-QDA codebook, not a project; import it as a codebook (.qdc) instead`);
  }
  if (root.name !== 'Project' || ns === undefined || !/^urn:QDA-XML:project:/i.test(ns)) {
    throw new QuarryError(
      'invalid_input',
      `${ctx.fileName}: ${what} is not a REFI-QDA project (its root element is <${root.prefix ? `${root.prefix}:` : ''}${root.name}>` +
        `${ns ? ` in the namespace ${ns}` : ' in no namespace'}, not <Project> in the ${PROJECT_NS} namespace)`,
    );
  }
  if (ns !== PROJECT_NS) {
    ctx.warnings.push(`The project uses the namespace "${ns}" instead of "${PROJECT_NS}"; Quarry read it as REFI-QDA 1.0.`);
  }
}

/**
 * The project-level model and the raw sources, read from the .qde's element
 * tree. The tree, the decoded XML and its bytes are this function's alone:
 * they can be collected as soon as it returns, before positions are converted
 * and links resolved.
 */
function readProjectFile(ctx: ReadContext, fileName: string, container: RefiContainer, spool: SelectionSpool): ReturnType<typeof readQdeProject> & { declaredSources: Set<string> } {
  const what = container.isPackage ? container.qdeName : 'the project file';
  const ahead = new SourcesReadAhead(fileName, container, spool);
  // The .qde is parsed as it is unpacked: neither its bytes nor its text are ever whole.
  const root = parseXmlBytes(fileName, { stream: (sink) => container.streamQde(sink), whole: () => container.readQde() }, what, ahead.onClose);
  checkProjectRoot(ctx, root, what);
  const read = readQdeProject(ctx, root, container, ahead, spool);
  // Sources the file declares, read or skipped: a case's reference to one of them is no dangling link.
  const declaredSources = new Set(
    (root.children.find((c) => c.name === 'Sources')?.children ?? []).flatMap((c) => (c.attrs['guid'] ? [normalizeGuid(c.attrs['guid'])] : [])),
  );
  return { ...read, declaredSources };
}

/**
 * Reads the package with each source's selections staged in `spool`: the
 * result's `staged` gives them one source at a time (the import planner
 * takes them so; stagedSelections.ts), and until then its sources have none.
 */
export function readRefiPackageStaged(fileName: string, input: ZipInput, spool: SelectionSpool): RefiImportResult {
  const container = openRefiContainer(fileName, input);
  const ctx = newReadContext(fileName);
  ctx.warnings.push(...container.warnings);
  const { project, rawSources, declared, declaredSources } = readProjectFile(ctx, fileName, container, spool);
  const { model, reason } = choosePositionModel(
    project.origin,
    rawSources.map((s) => s.staged?.fit ?? sourceFit(s, project.origin)),
  );
  const staged = new StagedSelections(ctx.skipped, spool, model, rawSources);
  project.sources = staged.sources;
  linkProject(ctx, project, declaredSources, staged);
  return { project, positionUnit: model.unit, positionUnitReason: reason, skipped: ctx.skipped, declared, warnings: ctx.warnings, staged };
}

/** Reads the package whole: every source with its selections, converted and linked. */
export function readRefiPackage(fileName: string, input: ZipInput): RefiImportResult {
  const result = readRefiPackageStaged(fileName, input, memorySpool());
  return takeAllSelections(result);
}

/** A staged result with every source's selections taken (in order) and everything they reported in its place. */
export function takeAllSelections(result: RefiImportResult): RefiImportResult {
  const { staged, ...rest } = result;
  if (!staged) return result;
  for (const s of rest.project.sources) {
    s.selections = staged.take(s);
    delete s.staged;
  }
  staged.finish();
  return { ...rest, skipped: staged.skips.into(rest.skipped), warnings: staged.warnings.into(rest.warnings) };
}
