// `node scripts/smoke-packaged.ts [executable]`: runs the packaged app (release/*-unpacked, or the
// given binary) with --smoke-test and exits with its exit code (see main/smoke/smoke-test.ts for the
// codes). Spawned from Node so Windows waits for the GUI binary and its output reaches the log.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { packagedApp } from './artifact-checks.ts';

const root = resolve(import.meta.dirname, '..');
const executable =
  process.argv[2] ?? packagedApp(join(root, 'release'), process.platform, process.arch).executable;
const TIMEOUT_MS = 5 * 60_000;

console.log(`smoke-packaged: ${executable} --smoke-test`);
const child = spawn(executable, ['--smoke-test'], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
});
const timer = setTimeout(() => {
  console.error(`smoke-packaged: FAILED: no exit within ${TIMEOUT_MS / 1000} s`);
  child.kill('SIGKILL');
  process.exit(124);
}, TIMEOUT_MS);
child.on('error', (error) => {
  console.error(`smoke-packaged: FAILED to start ${executable}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  if (code !== 0) console.error(`smoke-packaged: the app exited with ${code ?? signal}`);
  process.exit(code ?? 1);
});
