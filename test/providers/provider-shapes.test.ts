import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../daemon/providers/provider-error.ts';
import { startRig } from './setup.ts';

// Each provider's own wire shapes, from the fake's dialects (test/fixtures/fake-dialects.ts):
// tool-call arguments split over stream deltas, where usage comes, and how errors look.
const ask = [{ role: 'user' as const, content: 'hello' }];
const opts = () => ({ signal: new AbortController().signal, timeoutMs: 5000 });

async function failure(p: Promise<unknown>): Promise<ProviderCallError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe('provider wire shapes', () => {
  it('reassembles tool-call arguments streamed over several deltas', async () => {
    const rig = await startRig();
    rig.kimi.dialect = 'kimi';
    const args = '{"search_result":{"search_id":"s-42"},"usage":{"total_tokens":99}}';
    rig.kimi.script(
      {
        kind: 'reply',
        toolCalls: [{ id: 'call-7', name: '$web_search', arguments: args }],
        argumentChunks: 5,
      },
      { kind: 'reply', text: 'Found.' },
    );
    const answer = await rig.services.providers
      .get('kimi')
      .chat({ model: 'kimi-k2-0905-preview', messages: ask, webSearch: true }, opts());
    expect(answer.text).toBe('Found.');
    // The tool result echoed back is the whole argument text, not its first piece.
    expect(rig.kimi.chatRequests[1]?.messages.at(-1)).toEqual({
      role: 'tool',
      tool_call_id: 'call-7',
      name: '$web_search',
      content: args,
    });
  });

  it("reads Kimi's usage from inside the last choice and GLM's from the chunk", async () => {
    const rig = await startRig();
    rig.kimi.dialect = 'kimi';
    rig.glm.dialect = 'glm';
    const usage = { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 };
    rig.kimi.script({ kind: 'reply', text: 'a b c', usage });
    rig.glm.script({ kind: 'reply', text: 'a b c', usage });
    const expected = { promptTokens: 12, completionTokens: 3, totalTokens: 15 };
    expect(
      (
        await rig.services.providers
          .get('kimi')
          .chat({ model: 'kimi-latest', messages: ask }, opts())
      ).usage,
    ).toEqual(expected);
    expect(
      (await rig.services.providers.get('glm').chat({ model: 'glm-4.5', messages: ask }, opts()))
        .usage,
    ).toEqual(expected);
  });

  it("turns Kimi's typed errors and GLM's coded errors into readable, classified failures", async () => {
    const rig = await startRig();
    rig.kimi.dialect = 'kimi';
    rig.glm.dialect = 'glm';
    rig.kimi.script({
      kind: 'status',
      status: 429,
      retryAfterS: 3,
      message: 'Your account org-1 request reached max RPM: 3',
    });
    rig.glm.script(
      {
        kind: 'status',
        status: 429,
        code: '1113',
        message: 'Insufficient balance or no resource package. Please recharge.',
      },
      {
        kind: 'status',
        status: 400,
        code: '1301',
        message: 'The content may contain unsafe or sensitive information.',
      },
    );
    const kimi = await failure(
      rig.services.providers.get('kimi').chat({ model: 'kimi-latest', messages: ask }, opts()),
    );
    expect([kimi.kind, kimi.retryAfterMs]).toEqual(['rate-limited', 3000]);
    expect(kimi.message).toMatch(
      /Kimi is rate limiting \(429\): Your account org-1 request reached max RPM: 3/,
    );
    const balance = await failure(
      rig.services.providers.get('glm').chat({ model: 'glm-4.5', messages: ask }, opts()),
    );
    expect(balance.kind).toBe('rate-limited');
    expect(balance.message).toMatch(/GLM .*Insufficient balance/);
    const refused = await failure(
      rig.services.providers.get('glm').chat({ model: 'glm-4.5', messages: ask }, opts()),
    );
    expect(refused.kind).toBe('rejected');
    expect(refused.message).toMatch(
      /GLM rejected the request \(400\): The content may contain unsafe/,
    );
    expect(refused.message).not.toMatch(/[{}]/);
  });
});
