/**
 * Reads the project-level parts of a project.qde (users, codebook, variables,
 * cases, notes, sets) and counts what the file declares, leaving the text
 * sources raw for the position step.
 */
import type { RefiCase, RefiDeclaredCounts, RefiProject, RefiUser, RefiVariable, RefiVariableType } from './refiModel.js';
import type { RefiContainer } from './refiPackage.js';
import { descriptionOf, guidOf, readCodes, readSets, readVariableValues, refOf, refsOf, warnOnce, type ReadContext } from './refiElements.js';
import { readNotes, readSource, type RawTextSource } from './qdeSources.js';
import { allCodeGuids, replayReadAhead, type SourcesReadAhead } from './qdeSourcesAhead.js';
import { VARIABLE_TYPES } from './refiValues.js';
import type { SelectionSpool } from './selectionSpool.js';
import { stageSelections } from './stagedSelections.js';
import { attrOf, childrenNamed, countDescendants, firstChild, type XmlElement } from './xmlTree.js';

export interface QdeReadResult {
  /** Everything but the sources, which are still raw. */
  project: RefiProject;
  rawSources: RawTextSource[];
  declared: RefiDeclaredCounts;
}

function readUsers(ctx: ReadContext, root: XmlElement): RefiUser[] {
  return childrenNamed(firstChild(root, 'Users'), 'User').map((el) => {
    const user: RefiUser = { guid: guidOf(ctx, el), name: el.attrs['name'] ?? '' };
    const id = attrOf(el, 'id');
    if (id) user.id = id;
    return user;
  });
}

function readVariables(ctx: ReadContext, root: XmlElement): RefiVariable[] {
  return childrenNamed(firstChild(root, 'Variables'), 'Variable').map((el) => {
    const declaredType = attrOf(el, 'typeOfVariable')?.trim();
    const type = VARIABLE_TYPES.find((t) => t === declaredType) ?? VARIABLE_TYPES.find((t) => t.toLowerCase() === declaredType?.toLowerCase());
    const name = el.attrs['name'] ?? '';
    if (!type) warnOnce(ctx, `vartype:${declaredType}`, `The variable "${name}" has the unknown type "${declaredType ?? ''}"; Quarry treats it as Text.`);
    const variable: RefiVariable = { guid: guidOf(ctx, el), name, type: (type ?? 'Text') as RefiVariableType };
    const description = descriptionOf(ctx, el);
    if (description !== undefined) variable.description = description;
    return variable;
  });
}

function readCases(ctx: ReadContext, root: XmlElement): RefiCase[] {
  return childrenNamed(firstChild(root, 'Cases'), 'Case').map((el) => {
    const name = el.attrs['name'] ?? '';
    const c: RefiCase = {
      guid: guidOf(ctx, el),
      name,
      values: readVariableValues(ctx, el, name),
      sourceGuids: refsOf(el, 'SourceRef'),
      codeGuids: refsOf(el, 'CodeRef'),
      selectionGuids: refsOf(el, 'SelectionRef'),
    };
    const description = descriptionOf(ctx, el);
    if (description !== undefined) c.description = description;
    return c;
  });
}

export function readQdeProject(ctx: ReadContext, root: XmlElement, container: RefiContainer, ahead?: SourcesReadAhead, spool?: SelectionSpool): QdeReadResult {
  const codeBook = firstChild(root, 'CodeBook');
  const codes = readCodes(ctx, firstChild(codeBook, 'Codes'), new Set());
  const sourcesEl = firstChild(root, 'Sources');
  const notesEl = firstChild(root, 'Notes');
  const env = { ctx, container, codeGuids: allCodeGuids(codes, new Set()) };

  const project: RefiProject = {
    name: root.attrs['name'] ?? '',
    users: readUsers(ctx, root),
    codes,
    variables: readVariables(ctx, root),
    cases: readCases(ctx, root),
    sources: [],
    notes: readNotes(env, notesEl),
    sets: readSets(ctx, firstChild(root, 'Sets')),
    projectNoteGuids: refsOf(root, 'NoteRef'),
  };
  const origin = attrOf(root, 'origin');
  if (origin) project.origin = origin;
  const creator = refOf(root, 'creatingUserGUID');
  if (creator) project.creatingUserGuid = creator;
  const created = attrOf(root, 'creationDateTime');
  if (created) project.creationDateTime = created.trim();
  const modifier = refOf(root, 'modifyingUserGUID');
  if (modifier) project.modifyingUserGuid = modifier;
  const modified = attrOf(root, 'modifiedDateTime');
  if (modified) project.modifiedDateTime = modified.trim();
  const description = descriptionOf(ctx, root);
  if (description !== undefined) project.description = description;

  const rawSources: RawTextSource[] = [];
  let codingsReadAhead = 0;
  for (const el of sourcesEl?.children ?? []) {
    const read = ahead?.take(el);
    const src = read ? replayReadAhead(ctx, read) : readSource(env, el);
    codingsReadAhead += read?.codings ?? 0;
    if (src && spool) stageSelections(src, spool, origin);
    if (src) rawSources.push(src);
  }

  for (const link of childrenNamed(firstChild(root, 'Links'), 'Link')) {
    ctx.skipped.push({ kind: 'link', name: attrOf(link, 'name'), reason: 'Quarry has no links between items' });
  }
  for (const graph of childrenNamed(firstChild(root, 'Graphs'), 'Graph')) {
    ctx.skipped.push({ kind: 'graph', name: attrOf(graph, 'name'), reason: 'Quarry has no network diagrams' });
  }

  const declared: RefiDeclaredCounts = {
    sources: sourcesEl?.children.length ?? 0,
    codes: countDescendants(firstChild(codeBook, 'Codes'), 'Code'),
    codings: countDescendants(root, 'Coding') + codingsReadAhead,
    cases: childrenNamed(firstChild(root, 'Cases'), 'Case').length,
    notes: childrenNamed(notesEl, 'Note').length,
  };
  return { project, rawSources, declared };
}
