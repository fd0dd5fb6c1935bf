import { createHash } from 'node:crypto';
import { join } from 'node:path';

// What the installers workflow checks in a packaged app, as plain functions of what was read from
// it (scripts/check-artifacts.ts does the reading on the CI runner). Each returns the problems it
// found, in words; an empty list means the check passed.

export const PRODUCT_NAME = 'EXAI Desktop';
export const LINUX_EXECUTABLE = 'exai-desktop';

export interface PackagedApp {
  /** What to run with --smoke-test. */
  executable: string;
  /** The binary @electron/fuses reads (macOS: the .app bundle). */
  fuseTarget: string;
  /** The folder holding app.asar and app.asar.unpacked. */
  resources: string;
  /** macOS only: Contents/Info.plist. */
  infoPlist?: string;
}

/** Where electron-builder leaves the unpacked app (--dir output, also written beside every installer). */
export function packagedApp(
  releaseDir: string,
  platform: NodeJS.Platform,
  arch: string,
): PackagedApp {
  switch (platform) {
    case 'win32': {
      const dir = join(releaseDir, arch === 'arm64' ? 'win-arm64-unpacked' : 'win-unpacked');
      const exe = join(dir, `${PRODUCT_NAME}.exe`);
      return { executable: exe, fuseTarget: exe, resources: join(dir, 'resources') };
    }
    case 'darwin': {
      const app = join(releaseDir, arch === 'arm64' ? 'mac-arm64' : 'mac', `${PRODUCT_NAME}.app`);
      return {
        executable: join(app, 'Contents', 'MacOS', PRODUCT_NAME),
        fuseTarget: app,
        resources: join(app, 'Contents', 'Resources'),
        infoPlist: join(app, 'Contents', 'Info.plist'),
      };
    }
    default: {
      const dir = join(releaseDir, arch === 'arm64' ? 'linux-arm64-unpacked' : 'linux-unpacked');
      const exe = join(dir, LINUX_EXECUTABLE);
      return { executable: exe, fuseTarget: exe, resources: join(dir, 'resources') };
    }
  }
}

/** electron-builder.yml's `electronFuses` names → @electron/fuses' FuseV1Options wire positions. */
export const FUSE_POSITIONS: Readonly<Record<string, number>> = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};
/** electronFuses options that steer electron-builder rather than name a fuse. */
const NOT_FUSES = new Set(['resetAdHocDarwinSignature', 'strictlyRequireAllFuses']);
/** @electron/fuses' FuseState: the byte on the wire. */
const FUSE_ENABLE = 49;
const FUSE_DISABLE = 48;

/** Compares the fuse wire read from the binary with what electron-builder.yml asks for. */
export function fuseProblems(
  expected: Record<string, unknown>,
  wire: Record<string | number, unknown>,
): string[] {
  const problems: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    if (typeof want !== 'boolean' || NOT_FUSES.has(name)) continue;
    const position = FUSE_POSITIONS[name];
    if (position === undefined) {
      problems.push(`fuse ${name}: unknown to this check`);
      continue;
    }
    const got = wire[position];
    const wantByte = want ? FUSE_ENABLE : FUSE_DISABLE;
    if (got !== wantByte)
      problems.push(
        `fuse ${name}: expected ${want ? 'enabled' : 'disabled'}, the binary has ${describeFuse(got)}`,
      );
  }
  return problems;
}

function describeFuse(byte: unknown): string {
  if (byte === FUSE_ENABLE) return 'enabled';
  if (byte === FUSE_DISABLE) return 'disabled';
  if (byte === undefined) return 'no such fuse';
  return `state ${String(byte)}`;
}

/** Files the app needs inside app.asar (as @electron/asar's listPackage prints them). */
export const ASAR_REQUIRED = [
  '/dist/main/index.js',
  '/dist/preload/index.cjs',
  '/dist/renderer/index.html',
  '/package.json',
];
/** The daemon entry, which must be on disk (asarUnpack) so the utility process and a stdio client's Node can run it. */
export const UNPACKED_DAEMON = join('dist', 'daemon', 'exai.mjs');

export function asarProblems(listing: readonly string[], unpackedDaemonExists: boolean): string[] {
  const files = new Set(listing.map((f) => f.replaceAll('\\', '/')));
  const problems = ASAR_REQUIRED.filter((f) => !files.has(f)).map(
    (f) => `app.asar: ${f} is missing`,
  );
  if (!unpackedDaemonExists)
    problems.push(`app.asar.unpacked: ${UNPACKED_DAEMON} is missing (asarUnpack did not apply)`);
  // Our own bundles' maps (they would ship the whole source); dependencies are not this check's business.
  if ([...files].some((f) => f.startsWith('/dist/') && f.endsWith('.map')))
    problems.push('app.asar: source maps of dist/ were packed (the files filter should drop them)');
  return problems;
}

/** Electron's asar integrity: SHA-256 of the archive's header string. */
export function asarHeaderHash(headerString: string): string {
  return createHash('sha256').update(headerString).digest('hex');
}

/** macOS Info.plist (as JSON via `plutil -convert json`): a menu-bar app, with asar integrity recorded. */
export function infoPlistProblems(plist: Record<string, unknown>, headerHash: string): string[] {
  const problems: string[] = [];
  if (plist.LSUIElement !== true && plist.LSUIElement !== '1' && plist.LSUIElement !== 1) {
    problems.push(
      `Info.plist: LSUIElement is ${JSON.stringify(plist.LSUIElement)}, so the app would show a Dock icon`,
    );
  }
  const integrity = plist.ElectronAsarIntegrity as
    Record<string, { algorithm?: string; hash?: string }> | undefined;
  const entry = integrity?.['Resources/app.asar'];
  if (!entry)
    problems.push('Info.plist: ElectronAsarIntegrity has no entry for Resources/app.asar');
  else if (entry.hash !== headerHash)
    problems.push(
      `Info.plist: asar integrity hash ${entry.hash} does not match the archive (${headerHash})`,
    );
  return problems;
}

/** Windows: the NSIS settings electron-builder actually used (release/builder-effective-config.yaml). */
export function nsisProblems(effective: { nsis?: Record<string, unknown> }): string[] {
  const n = effective.nsis ?? {};
  const problems: string[] = [];
  if (n.perMachine !== false)
    problems.push(
      `nsis.perMachine is ${JSON.stringify(n.perMachine)}: the installer must install per user`,
    );
  if (n.allowElevation !== false)
    problems.push(
      `nsis.allowElevation is ${JSON.stringify(n.allowElevation)}: a per-user install never asks for admin rights`,
    );
  if (n.oneClick !== false)
    problems.push(
      `nsis.oneClick is ${JSON.stringify(n.oneClick)}: the assisted installer lets the user choose the folder`,
    );
  return problems;
}

/** Windows, after a silent `/S` install: the app must land in the user's own Programs folder. */
export function perUserInstallProblems(
  installedExe: string | undefined,
  localAppData: string,
): string[] {
  if (!installedExe)
    return [
      `the silent install put no ${PRODUCT_NAME}.exe under ${join(localAppData, 'Programs')}`,
    ];
  const normalized = installedExe.toLowerCase();
  if (!normalized.startsWith(join(localAppData, 'Programs').toLowerCase()))
    return [`installed to ${installedExe}, not per user`];
  return [];
}

/** The update metadata electron-updater reads from the GitHub release, per platform. */
export function updateMetadataProblems(
  platform: NodeJS.Platform,
  releaseFiles: readonly string[],
): string[] {
  const want =
    platform === 'win32'
      ? 'latest.yml'
      : platform === 'darwin'
        ? 'latest-mac.yml'
        : 'latest-linux.yml';
  return releaseFiles.includes(want)
    ? []
    : [`release/${want} was not written (is publish: configured in electron-builder.yml?)`];
}
