/**
 * The renderer reaches the core through the contract only. It may load the
 * contract's schemas and pure helpers from shared/, but never the store or
 * database layer: those pull Node modules (node:crypto, better-sqlite3) into
 * the browser bundle. A schema that grew an import of the store once did
 * exactly that; this walks the renderer's runtime imports and says where.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const FORBIDDEN = /^(shared\/(store|db|fsx|foreign|backup\/(?!backupTypes))|server\/|electron\/|cli\/)/;

/** Runtime imports of a module (type-only imports and re-exports are erased by the compiler). */
function runtimeImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'/gms)) {
    if (m[2]) continue;
    const names = m[3] ?? '';
    // `import { type A, type B } from` is erased too.
    const inner = /^\{([^}]*)\}$/.exec(names.trim());
    if (inner && inner[1]!.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    out.push(m[4]!);
  }
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) out.push(m[1]!);
  return out.filter((s) => s.startsWith('.'));
}

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base, `${base}.ts`, `${base}.tsx`]) {
    if (existsSync(candidate) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null;
}

describe('the renderer bundle', () => {
  it('never imports the store, database, file-system or shell layers (at run time)', () => {
    const seen = new Map<string, string>();
    const queue = [join(ROOT, 'renderer', 'main.tsx')];
    seen.set(queue[0]!, '(entry)');
    const offenders: string[] = [];
    while (queue.length) {
      const file = queue.shift()!;
      for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
        const target = resolveModule(file, spec);
        if (!target || seen.has(target)) continue;
        seen.set(target, file);
        const rel = relative(ROOT, target).replace(/\\/g, '/');
        if (FORBIDDEN.test(rel)) offenders.push(`${rel} ← ${relative(ROOT, file).replace(/\\/g, '/')}`);
        else queue.push(target);
      }
    }
    expect(seen.size).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });
});
