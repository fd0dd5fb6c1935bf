// `npm start`: the desktop app where Electron can run; otherwise, say so in one line and run the
// daemon headless (`node daemon/cli/exai.ts daemon`), which is what the app would supervise.
import { spawn, spawnSync } from 'node:child_process';
import { DAEMON_NODE_FLAGS } from '../daemon/parent/messages.ts';
import { join, resolve } from 'node:path';
import { decideStartMode } from './start-mode.ts';

const root = resolve(import.meta.dirname, '..');
const decision = decideStartMode({ root, platform: process.platform, env: process.env });
const passThrough = process.argv.slice(2);

let child;
if (decision.mode === 'electron') {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
  child = spawn(decision.binary, [root, ...passThrough], { cwd: root, stdio: 'inherit' });
} else {
  console.log(
    `EXAI: Electron cannot run here (${decision.why}); running the daemon headless instead.`,
  );
  child = spawn(
    process.execPath,
    [...DAEMON_NODE_FLAGS, join(root, 'daemon/cli/exai.ts'), 'daemon', ...passThrough],
    { cwd: root, stdio: 'inherit' },
  );
}

// Ctrl-C reaches the child through the terminal's process group; we only relay other stops.
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
