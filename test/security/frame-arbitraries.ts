// fast-check generators for hostile frames: random text, random JSON, and JSON that looks
// nearly right (JSON-RPC or legacy ops with odd ids, params and arguments).
import fc from 'fast-check';

const oddId = fc.oneof(
  fc.integer(),
  fc.constantFrom(1e308, 2 ** 64, -0.5, Number.MAX_SAFE_INTEGER + 2, -0, null, true),
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const safeTools = fc.constantFrom(
  'version',
  'status',
  'listmodels',
  'challenge',
  'nope',
  '',
  'chat',
);
const args = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    { prompt: fc.string({ maxLength: 200 }), model: fc.string({ maxLength: 20 }) },
    { requiredKeys: [] },
  ),
);

export const rpcFrame = fc.oneof(
  { weight: 2, arbitrary: fc.string({ maxLength: 500 }) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
  {
    weight: 5,
    arbitrary: fc
      .record(
        {
          jsonrpc: fc.oneof(fc.constant('2.0'), fc.constant('1.0'), fc.jsonValue({ maxDepth: 1 })),
          id: oddId,
          method: fc.oneof(
            fc.constantFrom(
              'ping',
              'tools/list',
              'tools/call',
              'initialize',
              'notifications/cancelled',
              'resources/list',
              'logging/setLevel',
            ),
            fc.string({ maxLength: 40 }),
          ),
          params: fc.oneof(
            fc.record({ name: safeTools, arguments: args }, { requiredKeys: [] }),
            fc.jsonValue({ maxDepth: 3 }),
          ),
          result: fc.jsonValue({ maxDepth: 2 }),
        },
        { requiredKeys: ['jsonrpc'] },
      )
      .map((frame) => JSON.stringify(frame)),
  },
);

export const legacyFrame = fc.oneof(
  { weight: 2, arbitrary: fc.string({ maxLength: 500 }) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
  {
    weight: 5,
    arbitrary: fc
      .record(
        {
          op: fc.oneof(
            fc.constantFrom('call_tool', 'list_tools', 'health', 'hello', 'rotate_token', 'cancel'),
            fc.string({ maxLength: 20 }),
          ),
          request_id: oddId,
          name: safeTools,
          arguments: args,
          old: fc.string({ maxLength: 40 }),
          new: fc.string({ maxLength: 40 }),
        },
        { requiredKeys: ['op'] },
      )
      .map((frame) => JSON.stringify(frame)),
  },
);

export function sample(arbitrary: fc.Arbitrary<string>, count: number, seed: number): string[] {
  return fc.sample(arbitrary, { numRuns: count, seed });
}
