/**
 * The widgets that edit attribute values, as the type registry describes
 * them: the registry names an editor kind (the core has no DOM), this maps
 * the kind to the element the renderer draws.
 */
import { ATTRIBUTE_TYPES, attributeTypeSpec, type AttributeEditor, type AttributeType, type EditorKind } from '../../../shared/cases/attributeTypeRegistry.js';

export type InputType = 'text' | 'number' | 'date';

const INPUT_TYPE: Record<Exclude<EditorKind, 'select'>, InputType> = { 'text-input': 'text', 'number-input': 'number', 'date-input': 'date' };

/** The <input type> for an editor drawn as an input. */
export const inputTypeOf = (editor: AttributeEditor): InputType => (editor.kind === 'select' ? 'text' : INPUT_TYPE[editor.kind]);

export const editorOf = (type: AttributeType): AttributeEditor => attributeTypeSpec(type).editor;

/** A key typed on a cell starts editing with that key when the editor is an input (a select opens instead). */
export const editsByTyping = (type: AttributeType): boolean => editorOf(type).kind !== 'select';

/** Type names as a picker shows them ("Yes / no"). */
export const TYPE_NAMES = Object.fromEntries(ATTRIBUTE_TYPES.map((t) => [t, attributeTypeSpec(t).label])) as Record<AttributeType, string>;
