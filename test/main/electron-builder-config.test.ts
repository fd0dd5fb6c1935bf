import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LINUX_EXECUTABLE } from '../../scripts/artifact-checks.ts';

// electron-builder.yml against the JSON schema app-builder-lib ships, so a typo fails CI here
// instead of on a Windows or macOS runner.
const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// A parsed YAML document, checked by the schema below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type BuilderConfig = Record<string, any>;
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

function validator() {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  return ajv.compile(schema);
}

describe('electron-builder.yml', () => {
  it('matches app-builder-lib’s schema', () => {
    const validate = validator();
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check catches a typo', () => {
    const validate = validator();
    expect(validate({ ...config, nsis: { ...config.nsis, oneClik: false } })).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNodee: false } })).toBe(false);
  });

  it('sets every required fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('builds a per-user NSIS installer, DMG + zip with hardened runtime, AppImage + deb', () => {
    expect(config.appId).toBe('ai.exai.desktop');
    expect(config.productName).toBe('EXAI Desktop');
    expect(config.asar).toBe(true);
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg', 'zip']);
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('publishes to GitHub releases, which electron-updater reads', () => {
    expect(config.publish).toEqual([{ provider: 'github', releaseType: 'release' }]);
    // Squirrel.Mac updates from the zip, not the dmg.
    expect(config.mac.target.map((t: { target: string }) => t.target)).toContain('zip');
    const validate = validator();
    expect(validate({ ...config, publish: [{ provider: 'gihtub' }] })).toBe(false);
  });

  it('names every artifact without spaces, as latest*.yml and the GitHub release will', () => {
    const names = [config.artifactName, config.nsis.artifactName, config.dmg.artifactName];
    for (const name of names) expect(name, name).toMatch(/^[\w.${}-]+$/);
  });

  it('builds Linux as AppImage and deb, with the binary name the CI checks run', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.executableName).toBe(LINUX_EXECUTABLE);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // dpkg refuses a deb without one
  });

  it('points at files that exist', () => {
    for (const p of [
      config.win.icon,
      config.mac.icon,
      config.linux.icon,
      config.mac.entitlements,
    ]) {
      expect(existsSync(join(root, p)), p).toBe(true);
    }
    for (const r of config.extraResources as Array<{ from: string }>)
      expect(existsSync(join(root, r.from)), r.from).toBe(true);
  });
});
