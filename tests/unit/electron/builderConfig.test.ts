/**
 * The packaging configuration: electron-builder.yml passes electron-builder's
 * own schema check (the one `npm run dist` runs, loaded offline from
 * node_modules) and sets the Electron fuses that keep the packaged binary
 * from being used as a general-purpose Node or loading code from outside its
 * checked app.asar.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const load = () => yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation', async () => {
    await expect(validateConfiguration(load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation is real: a misspelt fuse is refused', async () => {
    const config = load();
    config.electronFuses = { ...(config.electronFuses as object), runAsNod: false };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/does not match the API schema/);
  });

  it('sets the fuses: no run-as-node, no NODE_OPTIONS, no inspect arguments, app only from a checked asar', () => {
    const config = load();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
