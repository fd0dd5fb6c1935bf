import { describe, expect, it } from 'vitest';
import { errorFrame, resultFrame } from '../../daemon/legacy/call-tool.ts';
import { ReplayStore } from '../../daemon/legacy/replay-store.ts';
import { stripIdeSuffix } from '../../daemon/legacy/suffix.ts';
import { ToolError } from '../../daemon/tools/tool-error.ts';

describe('stripIdeSuffix', () => {
  it('strips the four IDE suffixes and nothing else', () => {
    for (const suffix of ['_EXAI-WS', '-EXAI-WS', '_EXAI_WS', '-EXAI_WS'])
      expect(stripIdeSuffix(`thinkdeep${suffix}`)).toBe('thinkdeep');
    expect(stripIdeSuffix('chat')).toBe('chat');
    expect(stripIdeSuffix('chat_EXAI-WS_EXAI-WS')).toBe('chat_EXAI-WS');
    expect(stripIdeSuffix('chatEXAI-WS')).toBe('chatEXAI-WS');
    expect(stripIdeSuffix('chat_exai-ws')).toBe('chat_exai-ws');
  });
});

describe('legacy answer frames', () => {
  it('joins every output text with a blank line', () => {
    const frame = resultFrame('r', {
      content: [
        { type: 'text', text: 'one' },
        { type: 'text', text: 'two' },
        { type: 'text', text: 'three' },
      ],
    });
    expect(frame).toMatchObject({
      op: 'call_tool_res',
      request_id: 'r',
      text: 'one\n\ntwo\n\nthree',
    });
  });

  it('maps the daemon-only codes to EXEC_ERROR and carries retry_after for OVER_CAPACITY', () => {
    for (const code of ['NOT_CONFIGURED', 'NOT_FOUND', 'UPSTREAM_ERROR'] as const) {
      expect(errorFrame(1, new ToolError(code, 'nope'))).toEqual({
        op: 'call_tool_res',
        request_id: 1,
        error: { code: 'EXEC_ERROR', message: 'nope' },
      });
    }
    for (const code of [
      'TIMEOUT',
      'EXEC_ERROR',
      'TOOL_NOT_FOUND',
      'INVALID_ARGUMENTS',
      'CANCELLED',
    ] as const) {
      expect(errorFrame('x', new ToolError(code, 'm'))).toMatchObject({ error: { code } });
    }
    expect(errorFrame('x', new ToolError('OVER_CAPACITY', 'busy', { retryAfter: 3 }))).toEqual({
      op: 'call_tool_res',
      request_id: 'x',
      error: { code: 'OVER_CAPACITY', message: 'busy', retry_after: 3 },
      retry_after: 3,
    });
    expect(errorFrame('x', new Error('boom'))).toMatchObject({
      error: { code: 'EXEC_ERROR', message: 'boom' },
    });
  });
});

describe('ReplayStore', () => {
  const answer = (id: string) => ({
    op: 'call_tool_res' as const,
    request_id: id,
    outputs: [],
    text: id,
  });

  it('remembers per session and forgets after the TTL', () => {
    const clock = { t: 5_000 };
    const store = new ReplayStore({
      ttlS: 60,
      maxEntries: 10,
      maxBytes: 10_000,
      now: () => clock.t,
    });
    store.remember('s1', 'r', answer('r'));
    expect(store.answered('s1', 'r')).toEqual(answer('r'));
    expect(store.answered('s2', 'r')).toBeUndefined();
    expect(store.answered('s1', 'other')).toBeUndefined();
    clock.t += 59_999;
    expect(store.answered('s1', 'r')).toEqual(answer('r'));
    clock.t += 2;
    expect(store.answered('s1', 'r')).toBeUndefined();
  });

  it('keys numeric and string ids apart and stays bounded by count', () => {
    const store = new ReplayStore({ ttlS: 600, maxEntries: 3, maxBytes: 10_000 });
    store.remember('s', 1, answer('number'));
    expect(store.answered('s', '1')).toBeUndefined();
    for (let i = 0; i < 10; i += 1) store.remember('s', `k${i}`, answer(`k${i}`));
    expect(store.size).toBe(3);
    expect(store.answered('s', 'k9')).toBeDefined();
  });

  it('does not remember an answer the caller says is not worth replaying', async () => {
    const store = new ReplayStore({ ttlS: 600, maxEntries: 10, maxBytes: 10_000 });
    const busy = {
      op: 'call_tool_res' as const,
      request_id: 'b',
      error: { code: 'OVER_CAPACITY' as const, message: 'busy' },
    };
    store.track('s', 'b', { answer: Promise.resolve(busy), listeners: new Set() }, () => false);
    expect(store.running('s', 'b')).toBeDefined();
    await Promise.resolve();
    await Promise.resolve();
    expect(store.running('s', 'b')).toBeUndefined();
    expect(store.answered('s', 'b')).toBeUndefined();
  });
});
