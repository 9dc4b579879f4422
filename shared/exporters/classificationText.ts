/** How a case's attribute value reads in a published table (Word and the export preview). Pure. */
import { displayCanonical } from '../cases/attributeTypeRegistry.js';
import type { AttributeType, AttributeValue } from '../cases/attributeTypes.js';

/** A value that does not apply is a dash, a missing one is left blank, and a yes/no value reads Yes or No. */
export function displayValue(v: AttributeValue, type?: AttributeType): string {
  if (v.kind === 'value') return type ? displayCanonical(type, v.value) : v.value;
  return v.kind === 'not_applicable' ? '\u2013' : '';
}
