/**
 * The desktop package's configuration, checked where no installer can be
 * built: electron-builder.yml passes electron-builder's own schema check
 * (the function `electron-builder` runs first), declares what issue 17 asks
 * for, and the icons it names exist in the formats each platform reads.
 * Cross-building is refused before anything happens.
 */
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const resources = join(root, 'build-resources');
const quiet = { isEnabled: false, add: () => undefined };

function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration check (its scheme.json)', async () => {
    await expect(validateConfiguration(config, quiet)).resolves.toBeUndefined();
    // The check is real: a misspelt option is refused.
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: true } }, quiet)).rejects.toThrow(/^Invalid configuration object[\s\S]*nsis/);
  });

  it('reads the Electron version from package.json instead of repeating it', () => {
    expect(config.electronVersion).toBeUndefined();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('associates .quarry files with an icon and a MIME type; installs per machine on Windows; AppImage and deb on Linux', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'quarry', mimeType: 'application/x-quarry', icon: 'icon', role: 'Editor' })]);
    expect(config.nsis).toMatchObject({ perMachine: true });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.mimeTypes).toEqual(['application/x-quarry']);
    expect(config.directories.buildResources).toBe('build-resources');
  });
});

describe('the icons in build-resources/ (made from resources/icons/quarry.svg by scripts/make-icons.mjs)', () => {
  it('has a PNG of every size Linux desktops ask for', () => {
    expect(existsSync(join(root, 'resources', 'icons', 'quarry.svg'))).toBe(true);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(join(resources, config.linux.icon as string, `${size}x${size}.png`)))).toEqual({ width: size, height: size });
    }
  });

  it('has a Windows .ico whose directory points at PNG images of the sizes it states', () => {
    const ico = readFileSync(join(resources, config.win.icon as string));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const stated = ico.readUInt8(e) || 256;
      const png = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8));
      expect(pngSize(png)).toEqual({ width: stated, height: stated });
      sizes.push(stated);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has a macOS .icns whose elements add up to its length and hold PNGs up to 1024 px', () => {
    const icns = readFileSync(join(resources, config.mac.icon as string));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.subarray(at, at + 4).toString('ascii'));
      pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)));
    }
    expect(types).toEqual(expect.arrayContaining(['icp4', 'ic07', 'ic08', 'ic09', 'ic10']));
    expect(pngSize(icns.subarray(icns.indexOf('ic10') + 8)).width).toBe(1024);
  });

  it('the ICO and ICNS writers round-trip what they are given', async () => {
    const { writeIco, writeIcns } = (await import(pathToFileURL(join(root, 'scripts', 'make-icons.mjs')).href)) as {
      writeIco(p: { size: number; data: Buffer }[]): Buffer;
      writeIcns(e: { type: string; data: Buffer }[]): Buffer;
    };
    const a = Buffer.from('first');
    const b = Buffer.from('second image');
    const ico = writeIco([{ size: 16, data: a }, { size: 256, data: b }]);
    expect(ico.subarray(ico.readUInt32LE(6 + 12), ico.readUInt32LE(6 + 12) + 5).toString()).toBe('first');
    expect(ico.readUInt8(6 + 16)).toBe(0); // 256 is written as 0
    const icns = writeIcns([{ type: 'ic10', data: b }]);
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.subarray(16).toString()).toBe('second image');
  });
});

describe('npm run dist refuses to cross-build', () => {
  it('names the OS asked for and this one, builds nothing', async () => {
    const { crossBuildRefusal, requestedPlatforms } = (await import(pathToFileURL(join(root, 'scripts', 'dist-targets.mjs')).href)) as {
      crossBuildRefusal(args: string[], host?: string): string | null;
      requestedPlatforms(args: string[]): string[];
    };
    expect(requestedPlatforms(['--dir'])).toEqual([]);
    expect(requestedPlatforms(['-mwl'])).toEqual([]); // combined short flags are not electron-builder syntax either
    expect(requestedPlatforms(['--win', 'nsis', '--linux'])).toEqual(['win32', 'linux']);
    expect(crossBuildRefusal(['--linux', 'deb'], 'linux')).toBeNull();
    expect(crossBuildRefusal(['--dir'], 'darwin')).toBeNull();
    expect(crossBuildRefusal(['--mac'], 'linux')).toMatch(/^this machine runs Linux, and cannot package Quarry for macOS: better-sqlite3 is compiled for the OS that packages/);
    expect(crossBuildRefusal(['-w'], 'darwin')).toMatch(/runs macOS, and cannot package Quarry for Windows/);
    expect(crossBuildRefusal(['--linux', 'AppImage'], 'win32')).toMatch(/runs Windows, and cannot package Quarry for Linux/);

    if (process.platform !== 'linux') return;
    const stageExisted = existsSync(join(root, 'release', 'stage'));
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'dist-electron.mjs'), '--win', 'nsis'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Quarry dist: this machine runs Linux, and cannot package Quarry for Windows/);
    expect(r.stderr).toContain('Nothing was built or changed');
    expect(r.stdout).toBe('');
    expect(existsSync(join(root, 'release', 'stage'))).toBe(stageExisted);
  });
});
