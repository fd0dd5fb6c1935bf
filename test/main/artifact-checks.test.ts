import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPackage, getRawHeader, listPackage } from '@electron/asar';
import { flipFuses, FuseVersion, getCurrentFuseWire, type FuseConfig } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  asarHeaderHash,
  asarProblems,
  FUSE_POSITIONS,
  fuseProblems,
  infoPlistProblems,
  nsisProblems,
  packagedApp,
  perUserInstallProblems,
  updateMetadataProblems,
} from '../../scripts/artifact-checks.ts';

// The checks scripts/check-artifacts.ts runs on the CI runners, fed here with real archives and
// a stand-in binary carrying a real fuse wire (the Electron binary itself cannot be had here).

const root = resolve(import.meta.dirname, '../..');
const builderConfig = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  electronFuses: Record<string, unknown>;
  nsis: Record<string, unknown>;
};
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'exai-artifacts-'));
  dirs.push(d);
  return d;
}

/** A file laid out like Electron's binary around the fuse wire: sentinel, version 1, 8 fuses at Electron's defaults. */
function fakeElectron(dir: string): string {
  const file = join(dir, 'electron');
  const wire = Buffer.from([1, 8, 49, 48, 49, 49, 48, 48, 48, 49]); // Electron's defaults
  writeFileSync(
    file,
    Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), wire, Buffer.alloc(64, 7)]),
  );
  return file;
}

describe('fuses', () => {
  it('a binary flipped as electron-builder.yml says passes; an unflipped one names each fuse', async () => {
    const dir = temp();
    const exe = fakeElectron(dir);
    const before = (await getCurrentFuseWire(exe)) as unknown as Record<string, unknown>;
    const problems = fuseProblems(builderConfig.electronFuses, before);
    expect(problems).toContain('fuse runAsNode: expected disabled, the binary has enabled');
    expect(problems).toContain(
      'fuse onlyLoadAppFromAsar: expected enabled, the binary has disabled',
    );

    // What electron-builder does with the electronFuses block.
    const config = { version: FuseVersion.V1 } as Record<string | number, unknown>;
    for (const [name, value] of Object.entries(builderConfig.electronFuses)) {
      const position = FUSE_POSITIONS[name];
      if (typeof value === 'boolean' && position !== undefined) config[position] = value;
    }
    await flipFuses(exe, config as unknown as FuseConfig);
    expect(
      fuseProblems(
        builderConfig.electronFuses,
        (await getCurrentFuseWire(exe)) as unknown as Record<string, unknown>,
      ),
    ).toEqual([]);
  });

  it('a fuse the binary does not have is a problem, not a pass', () => {
    expect(fuseProblems({ runAsNode: false }, {})).toEqual([
      'fuse runAsNode: expected disabled, the binary has no such fuse',
    ]);
  });
});

describe('app.asar', () => {
  async function pack(files: string[]): Promise<string> {
    const dir = temp();
    const src = join(dir, 'app');
    for (const f of files) {
      mkdirSync(join(src, f, '..'), { recursive: true });
      writeFileSync(join(src, f), `// ${f}`);
    }
    const archive = join(dir, 'app.asar');
    await createPackage(src, archive);
    return archive;
  }

  it('the app’s files inside and the daemon unpacked pass', async () => {
    const archive = await pack([
      'dist/main/index.js',
      'dist/preload/index.cjs',
      'dist/renderer/index.html',
      'package.json',
    ]);
    expect(asarProblems(listPackage(archive, { isPack: false }), true)).toEqual([]);
  });

  it('a missing renderer, packed source maps or a packed-in daemon are named', async () => {
    const archive = await pack([
      'dist/main/index.js',
      'dist/main/index.js.map',
      'dist/preload/index.cjs',
      'package.json',
    ]);
    expect(asarProblems(listPackage(archive, { isPack: false }), false)).toEqual([
      'app.asar: /dist/renderer/index.html is missing',
      `app.asar.unpacked: ${join('dist', 'daemon', 'exai.mjs')} is missing (asarUnpack did not apply)`,
      'app.asar: source maps of dist/ were packed (the files filter should drop them)',
    ]);
  });

  it('Info.plist must record the archive’s header hash and LSUIElement', async () => {
    const archive = await pack(['package.json']);
    const hash = asarHeaderHash(getRawHeader(archive).headerString);
    const good = {
      LSUIElement: true,
      ElectronAsarIntegrity: { 'Resources/app.asar': { algorithm: 'SHA256', hash } },
    };
    expect(infoPlistProblems(good, hash)).toEqual([]);
    const other = await pack(['package.json', 'extra.js']);
    expect(infoPlistProblems(good, asarHeaderHash(getRawHeader(other).headerString))[0]).toMatch(
      /does not match the archive/,
    );
    expect(infoPlistProblems({ ...good, LSUIElement: undefined }, hash)).toEqual([
      'Info.plist: LSUIElement is undefined, so the app would show a Dock icon',
    ]);
  });
});

describe('installers', () => {
  it('the NSIS config installs per user without elevation', () => {
    expect(nsisProblems({ nsis: builderConfig.nsis })).toEqual([]);
    expect(nsisProblems({ nsis: { ...builderConfig.nsis, perMachine: true } })[0]).toMatch(
      /must install per user/,
    );
  });

  it('a silent install must land under %LOCALAPPDATA%\\Programs', () => {
    const lad = join('C:', 'Users', 'me', 'AppData', 'Local');
    expect(
      perUserInstallProblems(join(lad, 'Programs', 'exai-desktop', 'EXAI Desktop.exe'), lad),
    ).toEqual([]);
    expect(perUserInstallProblems(undefined, lad)[0]).toMatch(/put no EXAI Desktop\.exe/);
    expect(
      perUserInstallProblems(
        join('C:', 'Program Files', 'EXAI Desktop', 'EXAI Desktop.exe'),
        lad,
      )[0],
    ).toMatch(/not per user/);
  });

  it('each platform writes its update metadata', () => {
    expect(updateMetadataProblems('win32', ['exai-desktop-setup-0.1.0.exe', 'latest.yml'])).toEqual(
      [],
    );
    expect(updateMetadataProblems('darwin', ['latest.yml'])[0]).toMatch(
      /latest-mac\.yml was not written/,
    );
    expect(updateMetadataProblems('linux', ['latest-linux.yml'])).toEqual([]);
  });

  it('finds the unpacked app electron-builder leaves on each runner', () => {
    expect(packagedApp('release', 'win32', 'x64').executable).toBe(
      join('release', 'win-unpacked', 'EXAI Desktop.exe'),
    );
    expect(packagedApp('release', 'darwin', 'arm64')).toMatchObject({
      executable: join(
        'release',
        'mac-arm64',
        'EXAI Desktop.app',
        'Contents',
        'MacOS',
        'EXAI Desktop',
      ),
      fuseTarget: join('release', 'mac-arm64', 'EXAI Desktop.app'),
    });
    const linux = packagedApp('release', 'linux', 'x64');
    expect(linux.executable).toBe(join('release', 'linux-unpacked', 'exai-desktop'));
    // The same name electron-builder.yml gives the Linux binary.
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
      linux: { executableName: string };
    };
    expect(linux.executable.endsWith(config.linux.executableName)).toBe(true);
  });
});
