import { DAEMON_NODE_FLAGS } from '../../daemon/parent/messages.ts';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { UtilityProcess } from 'electron';
import { ElectronLauncher, type UtilityFork } from '../../main/supervision/electron-launcher.ts';

// utilityProcess itself only exists inside Electron; this checks what we ask of it and how its
// events are translated, with a stand-in object shaped like UtilityProcess.
function fakeUtility() {
  const proc = Object.assign(new EventEmitter(), {
    pid: 4242 as number | undefined,
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    posted: [] as unknown[],
    postMessage(m: unknown) {
      this.posted.push(m);
    },
    kill: () => true,
  });
  return proc;
}

describe('ElectronLauncher', () => {
  it('forks with serviceName exai-daemon, piped stdio, the daemon Node flags and exactly the given env', () => {
    const calls: unknown[][] = [];
    const proc = fakeUtility();
    const fork: UtilityFork = (...a) => (calls.push(a), proc as unknown as UtilityProcess);
    new ElectronLauncher({ fork, entry: '/app/dist/daemon/exai.mjs' }).launch({
      args: ['daemon', '--port', '0'],
      env: { A: '1' },
    });
    expect(calls).toEqual([
      [
        '/app/dist/daemon/exai.mjs',
        ['daemon', '--port', '0'],
        {
          env: { A: '1' },
          stdio: 'pipe',
          serviceName: 'exai-daemon',
          execArgv: [...DAEMON_NODE_FLAGS],
        },
      ],
    ]);
  });

  it('relays messages, stderr lines and exit; kill is a hard SIGKILL reported as such', async () => {
    const proc = fakeUtility();
    const killed: unknown[] = [];
    const launcher = new ElectronLauncher({
      fork: () => proc as unknown as UtilityProcess,
      entry: 'x',
      killPid: (pid, sig) => killed.push([pid, sig]),
    });
    const dp = launcher.launch({ args: [], env: {} });
    const got: unknown[] = [];
    dp.on('message', (m) => got.push(['message', m]));
    dp.on('stderr', (l) => got.push(['stderr', l]));
    dp.on('exit', (e) => got.push(['exit', e]));
    expect(dp.send({ type: 'shutdown' })).toBe(true);
    expect(proc.posted).toEqual([{ type: 'shutdown' }]);
    proc.emit('message', { type: 'ready' });
    proc.stderr.write('first line\nsecond ');
    proc.stderr.write('line\n');
    await new Promise((r) => setImmediate(r));
    dp.kill();
    expect(killed).toEqual([[4242, 'SIGKILL']]);
    proc.emit('exit', 1);
    expect(got).toEqual([
      ['message', { type: 'ready' }],
      ['stderr', 'first line'],
      ['stderr', 'second line'],
      ['exit', { code: null, signal: 'SIGKILL' }],
    ]);
    expect(dp.send({ type: 'shutdown' })).toBe(false);
  });
});
