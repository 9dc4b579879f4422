/**
 * Label templates: how a quote is credited in a paper, written over the
 * case's attributes. "[{case}]" gives "[E4]"; "Firm {Firm}’s {Role}" gives
 * "Firm C’s COO". Placeholders are {case}, {source}, {time} (when the
 * passage was said, "[00:02]", for timed transcripts) or an attribute's name
 * (any letter case); "{Firm|case}" falls back from left to right to the
 * first name that has a value (a case without a Firm is credited by its
 * case name); "{{" and "}}" are literal braces. A space typed between
 * a placeholder and a possessive ("{Firm} 's") is dropped, because people
 * type it to keep the placeholder readable, never to print "C 's".
 */
import { QuarryError } from '../errors.js';

export const DEFAULT_LABEL_TEMPLATE = '[{case}]';

export interface AttributionContext {
  /** The case's name; null when the source belongs to no case (the source name stands in). */
  case: string | null;
  source: string;
  /** Attribute values by name, as display text ('' when the case has no value). */
  attributes: Record<string, string>;
  /** When the passage was said, as a label shows it ("[00:02]"); '' for untimed sources. */
  time?: string;
}

/** A placeholder: its names in order of preference ("{Firm|case}" → Firm, then case). */
type Part = { kind: 'text'; text: string } | { kind: 'field'; names: string[] };

export interface LabelTemplate {
  readonly source: string;
  /** The names its placeholders use, as written (every alternative of a "{Firm|case}"). */
  readonly fields: string[];
  render(ctx: AttributionContext): string;
}

function parse(template: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch === '{' && template[i + 1] === '{') {
      text += '{';
      i++;
    } else if (ch === '}' && template[i + 1] === '}') {
      text += '}';
      i++;
    } else if (ch === '{') {
      const close = template.indexOf('}', i + 1);
      if (close < 0) throw new QuarryError('bad_request', `The label template “${template}” has a “{” without a closing “}”.`);
      const names = template
        .slice(i + 1, close)
        .split('|')
        .map((n) => n.trim());
      if (names.some((n) => !n)) throw new QuarryError('bad_request', `The label template “${template}” has an empty {} or an empty name beside a |; put a name there, such as {case}.`);
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'field', names });
      i = close;
    } else if (ch === '}') {
      throw new QuarryError('bad_request', `The label template “${template}” has a “}” without an opening “{” (write “}}” for a brace).`);
    } else text += ch;
  }
  if (text) parts.push({ kind: 'text', text });
  // "{Firm} 's" → "{Firm}'s"
  return parts.map((p, i) => (p.kind === 'text' && parts[i - 1]?.kind === 'field' ? { kind: 'text', text: p.text.replace(/^ +(?=['\u2019]s\b)/, '') } : p));
}

/**
 * Compiles a template. With `known` (the project's attribute names), a
 * placeholder that names nothing is refused with the list of what exists.
 */
export function compileLabelTemplate(template: string, known?: string[]): LabelTemplate {
  const parts = parse(template);
  const fields = parts.flatMap((p) => (p.kind === 'field' ? p.names : []));
  if (known) {
    const names = new Set(['case', 'source', 'time', ...known.map((k) => k.toLowerCase())]);
    const unknown = fields.find((f) => !names.has(f.toLowerCase()));
    if (unknown !== undefined) {
      const list = known.length ? `{case}, {source} or an attribute: ${known.map((k) => `{${k}}`).join(', ')}` : '{case} or {source} (the project has no attributes)';
      throw new QuarryError('bad_request', `The label template uses {${unknown}}, but there is no attribute called “${unknown}”. Use ${list}.`, { field: unknown });
    }
  }
  return {
    source: template,
    fields,
    render(ctx) {
      const lower = new Map(Object.entries(ctx.attributes).map(([k, v]) => [k.toLowerCase(), v]));
      const valueOf = (name: string): string => {
        const key = name.toLowerCase();
        if (key === 'case') return ctx.case ?? ctx.source;
        if (key === 'source') return ctx.source;
        if (key === 'time') return ctx.time ?? '';
        return ctx.attributes[name] ?? lower.get(key) ?? '';
      };
      return parts
        .map((p) => {
          if (p.kind === 'text') return p.text;
          for (const name of p.names) {
            const v = valueOf(name);
            if (v.trim() !== '') return v;
          }
          return '';
        })
        .join('');
    },
  };
}
