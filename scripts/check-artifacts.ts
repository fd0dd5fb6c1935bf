// `node scripts/check-artifacts.ts [--installed]`, on the installers workflow's runners after
// packaging: reads the built app (release/) and fails when it is not what electron-builder.yml
// asks for. The decisions are in scripts/artifact-checks.ts; this file only reads.
//   all:     fuses flipped in the binary (@electron/fuses), app.asar contents and the unpacked
//            daemon (@electron/asar), update metadata (latest*.yml) written
//   macOS:   LSUIElement and the asar integrity hash in Info.plist (plutil)
//   Windows: the NSIS per-user settings actually used; with --installed, a silent per-user install
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getRawHeader, listPackage } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { parse } from 'yaml';
import {
  asarHeaderHash,
  asarProblems,
  fuseProblems,
  infoPlistProblems,
  nsisProblems,
  packagedApp,
  perUserInstallProblems,
  PRODUCT_NAME,
  UNPACKED_DAEMON,
  updateMetadataProblems,
} from './artifact-checks.ts';

const root = resolve(import.meta.dirname, '..');
const release = join(root, 'release');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  electronFuses: Record<string, unknown>;
};
const app = packagedApp(release, process.platform, process.arch);
const results: Array<[string, string[]]> = [];

const wire = (await getCurrentFuseWire(app.fuseTarget)) as unknown as Record<string, unknown>;
results.push(['fuses', fuseProblems(config.electronFuses, wire)]);

const archive = join(app.resources, 'app.asar');
results.push([
  'asar',
  asarProblems(
    listPackage(archive, { isPack: false }),
    existsSync(join(app.resources, 'app.asar.unpacked', UNPACKED_DAEMON)),
  ),
]);
results.push(['update metadata', updateMetadataProblems(process.platform, readdirSync(release))]);

if (process.platform === 'darwin' && app.infoPlist) {
  const plist = JSON.parse(
    execFileSync('plutil', ['-convert', 'json', '-o', '-', app.infoPlist], { encoding: 'utf8' }),
  ) as Record<string, unknown>;
  results.push([
    'Info.plist',
    infoPlistProblems(plist, asarHeaderHash(getRawHeader(archive).headerString)),
  ]);
}

if (process.platform === 'win32') {
  const effective = parse(readFileSync(join(release, 'builder-effective-config.yaml'), 'utf8')) as {
    nsis?: Record<string, unknown>;
  };
  results.push(['NSIS config', nsisProblems(effective)]);
  if (process.argv.includes('--installed')) {
    const localAppData = process.env.LOCALAPPDATA ?? '';
    const programs = join(localAppData, 'Programs');
    const found = existsSync(programs)
      ? readdirSync(programs)
          .map((d) => join(programs, d, `${PRODUCT_NAME}.exe`))
          .find((p) => existsSync(p))
      : undefined;
    results.push(['per-user install', perUserInstallProblems(found, localAppData)]);
  }
}

let failed = false;
for (const [name, problems] of results) {
  if (problems.length === 0) console.log(`check-artifacts: ok ${name}`);
  for (const p of problems) {
    failed = true;
    console.error(`check-artifacts: FAILED ${name}: ${p}`);
  }
}
process.exit(failed ? 1 : 0);
