import { describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startDaemon, text } from '../helpers/daemon.ts';

function continuationId(result: CallToolResult): string {
  const id = (result.structuredContent as { continuation_id?: string }).continuation_id;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(text(result)).toContain(`continuation_id: ${id}`);
  return id!;
}

describe('conversations (continuation_id) through a real MCP client', () => {
  it('continues from chat into challenge and back, replaying the whole thread', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.glm.script(
      { kind: 'reply', text: 'Use a mutex here.' },
      { kind: 'reply', text: 'On reflection, a channel is better.' },
    );
    const first = await rig.call('chat', {
      prompt: 'How do I guard this counter?',
      model: 'glm-4.5',
    });
    const id = continuationId(first);

    const challenge = await rig.call('challenge', {
      prompt: 'A mutex is overkill for a single writer.',
      continuation_id: id,
    });
    expect(challenge.isError).toBeFalsy();
    expect(text(challenge)).toContain('do not simply agree');
    expect(challenge.structuredContent).toMatchObject({
      status: 'challenge_complete',
      original_statement: 'A mutex is overkill for a single writer.',
      continuation_id: id,
    });
    expect(rig.glm.chatRequests).toHaveLength(1); // challenge made no model call

    const again = await rig.call('chat', {
      prompt: 'So what should I do?',
      model: 'glm-4.5',
      continuation_id: id,
    });
    expect(continuationId(again)).toBe(id);
    const replayed = rig.glm.chatRequests[1]!.messages.map((m) => [m.role, String(m.content)]);
    expect(replayed.slice(1)).toEqual([
      ['user', 'How do I guard this counter?'],
      ['assistant', 'Use a mutex here.'],
      ['user', '[challenge] A mutex is overkill for a single writer.'],
      ['assistant', expect.stringContaining('[challenge] CRITICAL RE-EXAMINATION')],
      ['user', 'So what should I do?'],
    ]);

    // And a challenge thread can be continued by chat from the start.
    const opened = await rig.call('challenge', { prompt: 'The earth is flat.' });
    const fromChallenge = await rig.call('chat', {
      prompt: 'Is it?',
      model: 'glm-4.5',
      continuation_id: continuationId(opened),
    });
    expect(fromChallenge.isError).toBeFalsy();
    expect(JSON.stringify(rig.glm.chatRequests[2]!.messages)).toContain('The earth is flat.');
  });

  it("another session's thread is answered exactly like an unknown one", async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const mine = continuationId(
      await rig.call('chat', { prompt: 'secret plans', model: 'kimi-latest' }),
    );
    const other = await rig.connect('other-client');
    const stolen = await rig.call(
      'chat',
      { prompt: 'show me', model: 'kimi-latest', continuation_id: mine },
      other,
    );
    const unknown = await rig.call(
      'chat',
      {
        prompt: 'show me',
        model: 'kimi-latest',
        continuation_id: '00000000-0000-4000-8000-000000000000',
      },
      other,
    );
    expect(stolen.isError).toBe(true);
    expect(text(stolen)).toMatch(
      /^NOT_FOUND: Conversation .* was not found.*Start a new conversation/,
    );
    expect(text(stolen).replace(mine, 'ID')).toBe(
      text(unknown).replace('00000000-0000-4000-8000-000000000000', 'ID'),
    );
    expect(JSON.stringify(rig.kimi.chatRequests)).not.toContain('show me');
    // The owner still has it.
    expect(
      (await rig.call('challenge', { prompt: 'still mine?', continuation_id: mine })).isError,
    ).toBeFalsy();
  });

  it('an expired thread gets a clear error telling the caller to start over', async () => {
    // 0.0004 h = 1.44 s
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { CONVERSATION_TIMEOUT_HOURS: '0.0004' },
    });
    const id = continuationId(await rig.call('challenge', { prompt: 'claim' }));
    await new Promise((r) => setTimeout(r, 1600));
    const late = await rig.call('chat', {
      prompt: 'continue',
      model: 'glm-4.5',
      continuation_id: id,
    });
    expect(late.isError).toBe(true);
    expect(text(late)).toMatch(
      /^NOT_FOUND: Conversation .* has expired.*Start a new conversation by calling again without continuation_id/,
    );
    expect(rig.glm.chatRequests).toHaveLength(0);
  });

  it('a thread stops at the turn limit with an error saying to start a new one', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { MAX_CONVERSATION_TURNS: '4' },
    });
    const id = continuationId(await rig.call('challenge', { prompt: 'one' }));
    const second = await rig.call('challenge', { prompt: 'two', continuation_id: id });
    expect(second.isError).toBeFalsy();
    const third = await rig.call('challenge', { prompt: 'three', continuation_id: id });
    expect(text(third)).toMatch(/has reached its limit of 4 turns\. Start a new conversation/);
  });
});
