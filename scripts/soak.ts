// npm run soak: the attack suite in test/security at full scale (EXAI_SOAK=1: more frames, more
// sessions, more kill -9 rounds). Minutes, not seconds; `npm test` runs the bounded version.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const result = spawnSync(
  process.execPath,
  [vitest, 'run', 'test/security', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, EXAI_SOAK: '1' },
  },
);
process.exit(result.status ?? 1);
