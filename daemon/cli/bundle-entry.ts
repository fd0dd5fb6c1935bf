// The entry of the shipped bundle (dist/daemon/exai.mjs). Node's compile cache must be on before
// the bulk of the daemon is parsed, so this module stays tiny and imports the rest after.
import module from 'node:module';
import { join } from 'node:path';
import envPaths from 'env-paths';

// NODE_COMPILE_CACHE already turned the cache on (and chose its folder) before we ran.
if (!process.env.NODE_COMPILE_CACHE && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  try {
    // The OS cache folder, not the temp dir: it survives the reboot before a login start.
    module.enableCompileCache(join(envPaths('exai', { suffix: '' }).cache, 'compile-cache'));
  } catch {
    // No cache (a read-only home, or a stdio client's older Node running `exai bridge`): start uncached.
  }
}

await import('./exai.ts');
