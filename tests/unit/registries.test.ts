/**
 * The registries of attribute types and query kinds: every spec keeps its
 * promises (a value survives parse → display → REFI-QDA → back, ordering is
 * a consistent order, inference picks the type a person would), the enums
 * that others check (zod, SQL CHECK, contract methods, CLI commands) agree
 * with the registries, and no code outside them switches on a type again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHODS } from '../../shared/api/contract.js';
import { attributeTypeSchema } from '../../shared/api/methods/valueSchemas.js';
import {
  ATTRIBUTE_TYPE_SPECS,
  ATTRIBUTE_TYPES,
  attributeTypeFromRefi,
  describeAttributeType,
  hasChoices,
  inferAttributeType,
  normalizeChoices,
  orderedChoices,
  type AttributeType,
} from '../../shared/cases/attributeTypeRegistry.js';
import { formatValue, parseValue, type AttributeDef } from '../../shared/cases/attributeTypes.js';
import { CURRENT_SCHEMA_VERSION } from '../../shared/db/migrations/index.js';
import { QUERY_KIND_SPECS, SAVED_QUERY_KINDS, savedQueryDefinition } from '../../shared/queries/queryKindRegistry.js';
import { readValueElement, valueElementFor } from '../../shared/refi/refiValues.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

const CHOICES = ['Low', 'Medium', 'High'];
const defOf = (type: AttributeType): AttributeDef => (ATTRIBUTE_TYPE_SPECS[type].hasChoices ? { name: 'Rating', type, choices: CHOICES } : { name: 'Rating', type });

/** Values as a person types them, with the canonical value each must become; written for this test. */
const SAMPLES: Record<AttributeType, [raw: string, canonical: string][]> = {
  text: [
    ['Harbour pilot', 'Harbour pilot'],
    ['apricot orchard', 'apricot orchard'],
    ['Zebra crossing\r\nsecond line', 'Zebra crossing\nsecond line'],
    ['item 10', 'item 10'],
    ['item 9', 'item 9'],
  ],
  number: [
    ['-7.25', '-7.25'],
    ['0', '0'],
    ['3', '3'],
    ['42.50', '42.5'],
    ['1000', '1000'],
  ],
  date: [
    ['1987-01-09', '1987-01-09'],
    ['29/02/2024', '2024-02-29'],
    ['3 March 2024', '2024-03-03'],
    ['2031-12-31', '2031-12-31'],
  ],
  boolean: [
    ['yes', 'true'],
    ['No', 'false'],
    ['1', 'true'],
    ['false', 'false'],
  ],
  choice: [
    ['low', 'Low'],
    ['Medium', 'Medium'],
    ['HIGH', 'High'],
  ],
};

describe('attribute type registry', () => {
  it('is the list of types, the contract enum and the SQL CHECK of the current schema', () => {
    expect(ATTRIBUTE_TYPES).toEqual(['text', 'number', 'date', 'boolean', 'choice']);
    expect(attributeTypeSchema.options).toEqual(ATTRIBUTE_TYPES);
    const snapshot = JSON.parse(readFileSync(join(ROOT, 'shared', 'db', 'schema', `v${CURRENT_SCHEMA_VERSION}.json`), 'utf8')) as { objects: { name: string; sql: string }[] };
    for (const table of ['attributes', 'source_attributes']) {
      const sql = snapshot.objects.find((o) => o.name === table)?.sql ?? '';
      const listed = /type IN \(([^)]*)\)/.exec(sql)?.[1]?.split(',').map((s) => s.trim().replace(/'/g, ''));
      // A new type needs a migration widening this CHECK; this says so.
      expect(listed, table).toEqual(ATTRIBUTE_TYPES);
    }
  });

  for (const type of ATTRIBUTE_TYPES) {
    describe(type, () => {
      const spec = ATTRIBUTE_TYPE_SPECS[type];
      const def = defOf(type);

      it('reads typed values to their canonical form, and reads its own display back unchanged', () => {
        for (const [raw, canonical] of SAMPLES[type]) {
          const parsed = parseValue(def, raw);
          expect(parsed, raw).toEqual({ ok: true, value: { kind: 'value', value: canonical } });
          const shown = formatValue(def, { kind: 'value', value: canonical });
          expect(parseValue(def, shown)).toEqual(parsed);
          // What a published table shows reads back as the same value too (Yes/No for yes/no).
          expect(parseValue(def, spec.display?.(canonical) ?? canonical)).toEqual(parsed);
        }
      });

      it('travels through REFI-QDA as a typed variable and comes back as the same value', () => {
        const canonicals = SAMPLES[type].map(([, c]) => c);
        const variableType = spec.refi.typeOfVariable(canonicals);
        // A choice list travels as a Text variable whose description lists the choices (quarryMarkers.ts).
        expect(attributeTypeFromRefi(variableType)).toBe(spec.hasChoices ? 'text' : type);
        for (const canonical of canonicals) {
          const element = valueElementFor(variableType, canonical);
          expect(element, canonical).toBeDefined();
          // Only text is written as text; typed values get their typed element.
          if (variableType !== 'Text') expect(element!.element).not.toBe('TextValue');
          const back = readValueElement(element!.element, element!.text);
          expect(parseValue(def, String(back))).toEqual({ ok: true, value: { kind: 'value', value: canonical } });
        }
      });

      it('writes a spreadsheet cell of its own kind', () => {
        for (const [, canonical] of SAMPLES[type]) {
          const cell = spec.sheetCell(canonical);
          const asText = cell instanceof Date ? cell.toISOString().slice(0, 10) : typeof cell === 'boolean' ? String(cell) : String(cell);
          expect(parseValue(def, asText)).toEqual({ ok: true, value: { kind: 'value', value: canonical } });
        }
      });

      it('orders its values consistently (reflexive, antisymmetric, transitive) and agrees with equality', () => {
        const values = SAMPLES[type].map(([, c]) => c);
        for (const a of values) {
          expect(spec.compare(a, a, def)).toBe(0);
          expect(spec.equal(a, a, def)).toBe(true);
          for (const b of values) {
            expect(Math.sign(spec.compare(a, b, def))).toBe(-Math.sign(spec.compare(b, a, def)) || 0);
            if (spec.equal(a, b, def)) expect(spec.compare(a, b, def)).toBe(0);
            for (const c of values) {
              if (spec.compare(a, b, def) <= 0 && spec.compare(b, c, def) <= 0) expect(spec.compare(a, c, def), `${a} ${b} ${c}`).toBeLessThanOrEqual(0);
            }
          }
        }
      });

      it('names an editor the renderer can draw', () => {
        expect(['text-input', 'number-input', 'date-input', 'select']).toContain(spec.editor.kind);
        if (spec.editor.kind === 'select') {
          const options = spec.editor.options?.(CHOICES) ?? [];
          expect(options.length).toBeGreaterThan(0);
          for (const o of options) expect(parseValue(def, o.value).ok).toBe(true);
          for (const o of spec.editor.conditionOptions?.(CHOICES) ?? []) expect(parseValue(def, o.value).ok).toBe(true);
        }
        expect(spec.label).not.toBe('');
        expect(spec.shortLabel).not.toBe('');
      });
    });
  }

  it('answers for the choice list of every type: which have one, the list in order, a list cleaned for storing', () => {
    expect(ATTRIBUTE_TYPES.filter(hasChoices)).toEqual(['choice']);
    for (const type of ATTRIBUTE_TYPES) {
      // A stale list left on a type without one is never read.
      expect(orderedChoices({ type, choices: CHOICES }), type).toEqual(hasChoices(type) ? CHOICES : []);
      expect(normalizeChoices(type, [' Low', 'low', '', 'High ']), type).toEqual(hasChoices(type) ? ['Low', 'High'] : []);
      expect(describeAttributeType({ type, choices: CHOICES }), type).toBe(hasChoices(type) ? 'choice: Low < Medium < High' : type);
    }
    expect(normalizeChoices('choice', undefined)).toEqual([]);
  });

  it('orders the values a person expects', () => {
    const sorted = (type: AttributeType, values: string[]) => [...values].sort((a, b) => ATTRIBUTE_TYPE_SPECS[type].compare(a, b, defOf(type)));
    expect(sorted('number', ['10', '-2', '9.5'])).toEqual(['-2', '9.5', '10']);
    expect(sorted('date', ['2024-03-01', '1999-12-31', '2024-02-29'])).toEqual(['1999-12-31', '2024-02-29', '2024-03-01']);
    expect(sorted('boolean', ['true', 'false'])).toEqual(['false', 'true']);
    expect(sorted('choice', ['High', 'Low', 'Medium'])).toEqual(CHOICES);
    expect(sorted('text', ['item 10', 'Apricot', 'item 9'])).toEqual(['Apricot', 'item 9', 'item 10']);
    expect(ATTRIBUTE_TYPE_SPECS.text.equal('Harbour', 'harbour', defOf('text'))).toBe(true);
    expect(ATTRIBUTE_TYPE_SPECS.choice.equal('Low', 'low', defOf('choice'))).toBe(false);
  });

  it('infers the type a person would give typical columns', () => {
    expect(inferAttributeType([])).toEqual({ type: 'text' });
    expect(inferAttributeType(['34', '27', '51', '34'])).toEqual({ type: 'number' });
    expect(inferAttributeType(['1', '0', '1', '1'])).toEqual({ type: 'number' });
    expect(inferAttributeType(['2023-05-02', '14/06/2023', '1 July 2023'])).toEqual({ type: 'date' });
    expect(inferAttributeType(['yes', 'No', 'YES', 'true'])).toEqual({ type: 'boolean' });
    expect(inferAttributeType(['Coastal', 'Inland', 'Coastal', 'Inland', 'Coastal', 'Upland'])).toEqual({ type: 'choice', choices: ['Coastal', 'Inland', 'Upland'] });
    expect(inferAttributeType(['High', 'low', 'Medium', 'High', 'Low', 'medium'])).toEqual({ type: 'choice', choices: ['low', 'Medium', 'High'] });
    expect(inferAttributeType(['Runs a bakery', 'Retired teacher', 'Boat builder'])).toEqual({ type: 'text' });
    // Every typical column comes back as the type its samples are written in.
    for (const type of ['number', 'date', 'boolean'] as const) {
      expect(inferAttributeType(SAMPLES[type].map(([raw]) => raw.trim())).type, type).toBe(type);
    }
  });
});

describe('query kind registry', () => {
  it('is the saved-query kinds of the contract and of the current schema', () => {
    expect(SAVED_QUERY_KINDS).toEqual(['text', 'coding', 'matrix', 'cooccurrence', 'wordFrequency']);
    expect(savedQueryDefinition.options.map((o) => o.shape.kind.value)).toEqual(SAVED_QUERY_KINDS);
    const snapshot = JSON.parse(readFileSync(join(ROOT, 'shared', 'db', 'schema', `v${CURRENT_SCHEMA_VERSION}.json`), 'utf8')) as { objects: { name: string; sql: string }[] };
    const sql = snapshot.objects.find((o) => o.name === 'saved_queries')?.sql ?? '';
    const listed = /kind IN \(([^)]*)\)/.exec(sql)?.[1]?.split(',').map((s) => s.trim().replace(/'/g, ''));
    expect(listed).toEqual(SAVED_QUERY_KINDS);
  });

  it('names contract methods that take exactly its schema, and quarry commands that exist', () => {
    const main = readFileSync(join(ROOT, 'cli', 'main.ts'), 'utf8');
    const tabs = new Set<string>();
    for (const kind of SAVED_QUERY_KINDS) {
      const spec = QUERY_KIND_SPECS[kind];
      const method = (METHODS as Record<string, { args: unknown }>)[spec.method];
      expect(method, spec.method).toBeDefined();
      expect(method!.args, spec.method).toBe(spec.schema);
      if ('cliCommand' in spec) expect(main).toMatch(new RegExp(`^\\s*${spec.cliCommand}: lazy\\(`, 'm'));
      tabs.add(spec.tab.id);
    }
    expect(tabs.size).toBe(SAVED_QUERY_KINDS.length);
  });

  it('checks a definition by its kind', () => {
    expect(savedQueryDefinition.safeParse({ kind: 'text', definition: { expression: 'harbour' } }).success).toBe(true);
    expect(savedQueryDefinition.safeParse({ kind: 'wordFrequency', definition: { top: 20 } }).success).toBe(true);
    expect(savedQueryDefinition.safeParse({ kind: 'text', definition: { top: 'many' } }).success).toBe(false);
    expect(savedQueryDefinition.safeParse({ kind: 'sentiment', definition: {} }).success).toBe(false);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

const REGISTRIES = new Set(['shared/cases/attributeTypeRegistry.ts', 'shared/queries/queryKindRegistry.ts']);

/**
 * Files allowed to spell the types out, and why. A type with a choice list
 * is asked of the registry too (hasChoices, orderedChoices,
 * normalizeChoices): a second type with a fixed list of values is then
 * found by the compiler, not by reading every `=== 'choice'`.
 */
const ALLOWED: Record<string, string> = {
  'shared/db/migrations/0001-initial.ts': 'a migration is frozen SQL; a new type adds a migration widening the CHECK (the test above says so)',
  'shared/db/migrations/0003-queries.ts': 'as above, for the saved_queries kinds',
  'shared/db/migrations/0007-classifications.ts': 'as above',
  'shared/db/migrations/0011-attribute-names-per-classification.ts': 'as above (the rebuilt attributes table repeats its CHECK)',
};

const TYPE = ATTRIBUTE_TYPES.join('|');
const KIND = SAVED_QUERY_KINDS.filter((k) => !['text', 'coding', 'matrix'].includes(k)).join('|');
const PATTERNS: [string, RegExp][] = [
  ['switches on an attribute type', new RegExp(`case '(${TYPE})':`)],
  // `x.type === 'number'` on an attribute; a DOM element's `(el as HTMLInputElement).type` is not one.
  ['tests an attribute type', new RegExp(`(?<![)\\w.])(?:\\w+\\??\\.)*type\\s*[!=]==\\s*'(${TYPE})'`)],
  // A map written out by hand; one derived from the registry (`as Record<…>`) is fine.
  ['maps every attribute type', /Record<(?:AttributeType|AttributeInfo\['type'\]|SavedQueryKind|SavedQuery\['kind'\])\s*,[^=]*>\s*=\s*\{/],
  ['lists the attribute types', new RegExp(`'(${TYPE})',\\s*'(${TYPE})',\\s*'(${TYPE})'`)],
  // 'text', 'coding' and 'matrix' also name exports, memos and REFI parts; the other kinds are unique words.
  ['switches on a query kind', new RegExp(`case '(${KIND})':`)],
];

describe('no code outside the registries switches on a type or kind', () => {
  it('finds no switch, map or list of attribute types or query kinds outside the registries', () => {
    const offenders: string[] = [];
    for (const top of ['shared', 'cli', 'renderer', 'server', 'electron']) {
      for (const file of sourceFiles(join(ROOT, top))) {
        const rel = relative(ROOT, file).replace(/\\/g, '/');
        if (REGISTRIES.has(rel) || rel in ALLOWED) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            for (const [what, re] of PATTERNS) if (re.test(line)) offenders.push(`${rel}:${i + 1} ${what}: ${line.trim()}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });

  it('would notice one (the patterns match what they were written for)', () => {
    const hits = (line: string) => PATTERNS.filter(([, re]) => re.test(line)).map(([what]) => what);
    expect(hits("    case 'boolean':")).toEqual(['switches on an attribute type']);
    expect(hits("if (attr.type === 'date') return 'date';")).toEqual(['tests an attribute type']);
    // A choice list is the registry's to read too.
    expect(hits("const choices = args.type === 'choice' ? dedupe(args.choices ?? []) : [];")).toEqual(['tests an attribute type']);
    expect(hits("{c.target?.type === 'choice' && <div>Choices</div>}")).toEqual(['tests an attribute type']);
    expect(hits("if (type !== 'choice') return { name, type };")).toEqual(['tests an attribute type']);
    expect(hits("if (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'text') el.select();")).toEqual([]);
    expect(hits("const WIDTH: Record<AttributeInfo['type'], number> = {};")).toEqual(['maps every attribute type']);
    expect(hits("z.enum(['text', 'number', 'date', 'boolean', 'choice'])")).toEqual(['lists the attribute types']);
    expect(hits("      case 'wordFrequency':")).toEqual(['switches on a query kind']);
  });
});
