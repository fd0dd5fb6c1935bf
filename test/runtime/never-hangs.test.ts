import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../daemon/runtime/canonical-json.ts';
import { defineTool, type ToolSpec } from '../../daemon/tools/tool.ts';
import { ToolError } from '../../daemon/tools/tool-error.ts';
import { makeRig, runtimeCounters, settle } from './runner-rig.ts';
import { until } from '../helpers/poll.ts';

// A handler that ignores its AbortSignal and never settles: the worst a tool can do.
const stuck = defineTool({
  name: 'stuck',
  description: 'test-only: never answers, ignores cancellation',
  category: 'utility',
  inputSchema: {},
  handler: () => new Promise(() => undefined),
});

describe('a call never hangs', () => {
  it('even a handler that ignores its signal is answered with TIMEOUT at the deadline, and its slots are freed', async () => {
    const rig = makeRig({ callTimeoutS: 0.1, limits: { session: 1 } }, [stuck as ToolSpec]);
    const session = rig.session('s1');
    await expect(rig.runner.run({ tool: 'stuck', args: {}, session })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    await settle(rig);
    expect(Object.values(runtimeCounters(rig)).every((n) => n === 0)).toBe(true);
    // The session's only slot is free again.
    await expect(rig.call({ args: { key: 'after' } })).resolves.toBeDefined();
  });

  it('shutdown (cancelAll) answers every caller, coalesced ones included, with the given error', async () => {
    const rig = makeRig({}, [stuck as ToolSpec]);
    const session = rig.session('s1');
    const calls = [0, 1, 2].map(() =>
      rig.runner.run({ tool: 'stuck', args: {}, session }).catch((e: unknown) => e),
    );
    await until(() => rig.runner.inflightCount === 3, 'three callers in flight');
    expect(rig.runner.executionCount).toBe(1);
    expect(rig.runner.inflightCount).toBe(3);
    rig.runner.cancelAll(new ToolError('CANCELLED', 'daemon shutting down'));
    for (const e of await Promise.all(calls))
      expect(e).toMatchObject({ code: 'CANCELLED', message: 'daemon shutting down' });
    await settle(rig);
    expect(Object.values(runtimeCounters(rig)).every((n) => n === 0)).toBe(true);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order, drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ x: [1, 2] })).not.toBe(canonicalJson({ x: [2, 1] }));
    expect(canonicalJson(undefined)).toBe('null');
  });
});
