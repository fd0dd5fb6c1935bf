// The daemon bundle exactly as the app ships it, for `npm run build` and for `npm run bench`,
// so the bench measures what users run.
import { join, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

/** Bundled CommonJS dependencies still call require() for Node built-ins; give ESM bundles one. */
export const ESM_REQUIRE_BANNER = {
  js: "import { createRequire as __exaiCreateRequire } from 'node:module'; const require = __exaiCreateRequire(import.meta.url);",
};

/**
 * `<outdir>/exai.mjs` turns on Node's compile cache and imports the daemon from `<outdir>/chunks/`.
 * Split so that what a start does not use (the openai client, `exai bridge`) is not read or
 * parsed until it is; minified because V8 keeps every loaded source in memory and scans it all.
 */
export function bundleDaemon(
  outdir: string,
  extra: Pick<BuildOptions, 'sourcemap' | 'metafile' | 'logLevel'> = {},
) {
  return build({
    entryPoints: { exai: join(root, 'daemon/cli/bundle-entry.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // ws's optional native speed-ups; it falls back to JS when they are missing.
    external: ['bufferutil', 'utf-8-validate'],
    banner: ESM_REQUIRE_BANNER,
    ...extra,
  });
}
