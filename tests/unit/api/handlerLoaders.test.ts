import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/api/contract.js';
import { HANDLER_DOMAINS, loadHandler } from '../../../shared/api/handlers/handlerLoaders.js';
import { HANDLERS } from '../../../shared/api/handlers/index.js';

describe('the dispatcher’s per-domain handler loaders', () => {
  it('each domain’s module implements exactly that domain’s methods, and together they cover the contract', async () => {
    const covered: string[] = [];
    for (const [methods, load] of HANDLER_DOMAINS) {
      const handlers = await load();
      expect(Object.keys(handlers).sort()).toEqual(Object.keys(methods).sort());
      covered.push(...Object.keys(methods));
    }
    expect(covered.sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('loads the same function HANDLERS holds for every method', async () => {
    for (const name of METHOD_NAMES) expect(await loadHandler(name)).toBe(HANDLERS[name]);
  });
});
