// `npm run build`: everything electron-builder packs, into dist/.
//   dist/main/index.js      Electron main (ESM), all dependencies bundled except electron
//   dist/preload/index.cjs  the sandboxed preload (CommonJS: sandboxed preloads cannot load ESM)
//   dist/daemon/exai.mjs    the daemon entry, self-contained with its dist/daemon/chunks/, run as a
//                           utilityProcess (and by `node dist/daemon/exai.mjs bridge` for stdio clients)
//   dist/renderer/          the React UI, built by Vite with renderer/vite.config.ts
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';
import { bundleDaemon, ESM_REQUIRE_BANNER } from './bundle-daemon.ts';

const root = resolve(import.meta.dirname, '..');
// EXAI_DIST lets tests build into a temporary folder instead of the shared dist/.
const dist = process.env.EXAI_DIST ? resolve(process.env.EXAI_DIST) : join(root, 'dist');
const only = new Set(process.argv.slice(2)); // e.g. `npm run build -- daemon` while iterating

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const steps: Record<string, () => Promise<unknown>> = {
  main: () =>
    esbuild({
      ...common,
      entryPoints: [join(root, 'main/index.ts')],
      outfile: join(dist, 'main/index.js'),
      format: 'esm',
      external: ['electron'],
      banner: ESM_REQUIRE_BANNER,
    }),
  preload: () =>
    esbuild({
      ...common,
      entryPoints: [join(root, 'preload/index.ts')],
      outfile: join(dist, 'preload/index.cjs'),
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
    }),
  daemon: () => {
    // Chunk names carry content hashes: old ones must not pile up beside the new.
    rmSync(join(dist, 'daemon'), { recursive: true, force: true });
    return bundleDaemon(join(dist, 'daemon'), { sourcemap: 'linked' });
  },
  renderer: () =>
    viteBuild({
      root: join(root, 'renderer'),
      configFile: join(root, 'renderer/vite.config.ts'),
      build: { outDir: join(dist, 'renderer') },
      logLevel: 'warn',
    }),
};

const selected = Object.keys(steps).filter((name) => only.size === 0 || only.has(name));
if (only.size === 0) rmSync(dist, { recursive: true, force: true });
for (const name of selected) {
  const started = Date.now();
  await steps[name]!();
  console.log(`built ${name} in ${Date.now() - started} ms`);
}
