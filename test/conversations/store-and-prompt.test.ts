import { describe, expect, it } from 'vitest';
import { ModelCatalog } from '../../daemon/catalog/catalog.ts';
import { ConversationStore } from '../../daemon/conversations/conversation-store.ts';
import { buildPrompt } from '../../daemon/conversations/prompt-builder.ts';
import { estimateTokens, isMostlyCjk } from '../../daemon/conversations/token-estimate.ts';
import { isToolError } from '../../daemon/tools/tool-error.ts';

function store(now: { t: number }, ttlMs = 1000, maxTurns = 20) {
  return new ConversationStore({
    ttlMs: () => ttlMs,
    maxTurns: () => maxTurns,
    now: () => now.t,
    sweepEveryMs: 3_600_000,
  });
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isToolError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('token estimate', () => {
  it('counts CJK text about a token per character, Latin text about four characters a token', () => {
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens('这是一个测试')).toBe(6);
    expect(estimateTokens('日本語のテキスト')).toBe(8);
    // A naive length/4 would say 2 for the Chinese sentence: the window would overflow four times over.
    expect(estimateTokens('这是一个测试')).toBeGreaterThan('这是一个测试'.length / 4);
  });

  it('calls a prompt mostly CJK only when most of its letters are', () => {
    expect(isMostlyCjk('请帮我看看这个函数 parse()')).toBe(true);
    expect(isMostlyCjk('Please review parse() — 谢谢')).toBe(false);
    expect(isMostlyCjk('12345 !!!')).toBe(false);
  });
});

describe('ConversationStore', () => {
  it('hands a thread only to its own scope; another scope gets the unknown-id answer', () => {
    const now = { t: 0 };
    const s = store(now);
    const t = s.create('session-a');
    expect(s.get(t.id, 'session-a')).toBe(t);
    const foreign = errorOf(() => s.get(t.id, 'session-b')).replace(t.id, 'X');
    const unknown = errorOf(() => s.get('nope', 'session-b')).replace('nope', 'X');
    expect(foreign).toBe(unknown);
    s.dispose();
  });

  it('expires a thread a TTL after its last turn, and the sweep drops expired threads', () => {
    const now = { t: 0 };
    const s = store(now, 1000);
    const a = s.create('x');
    const b = s.create('x');
    now.t = 900;
    s.append(b, { role: 'user', content: 'hi', tool: 'chat' });
    now.t = 1500;
    expect(errorOf(() => s.get(a.id, 'x'))).toMatch(/has expired.*Start a new conversation/);
    expect(s.get(b.id, 'x')).toBe(b);
    const c = s.create('x');
    now.t = 2600;
    expect(s.size).toBe(2);
    expect(s.sweep()).toBe(2);
    expect(s.size).toBe(0);
    expect(errorOf(() => s.get(c.id, 'x'))).toMatch(/not found.*Start a new conversation/);
    s.dispose();
  });

  it('refuses a call that would pass the turn limit', () => {
    const s = store({ t: 0 }, 1000, 4);
    const t = s.create('x');
    s.checkRoom(t, 2);
    s.append(
      t,
      { role: 'user', content: '1', tool: 'chat' },
      { role: 'assistant', content: '2', tool: 'chat' },
    );
    s.checkRoom(t, 2);
    s.append(
      t,
      { role: 'user', content: '3', tool: 'chat' },
      { role: 'assistant', content: '4', tool: 'chat' },
    );
    expect(errorOf(() => s.checkRoom(t, 2))).toMatch(/limit of 4 turns/);
    s.dispose();
  });

  it('dispose clears every thread', () => {
    const s = store({ t: 0 });
    s.create('x');
    s.dispose();
    expect(s.size).toBe(0);
  });
});

describe('buildPrompt within the token budget', () => {
  const catalog = ModelCatalog.fromFile();
  const small = catalog.resolve('moonshot-v1-8k');

  it('keeps the newest history turns that fit and says how many were left out', () => {
    const s = store({ t: 0 });
    const t = s.create('x');
    for (let i = 0; i < 10; i += 1)
      s.append(t, {
        role: i % 2 ? 'assistant' : 'user',
        content: `${i} ${'word '.repeat(800)}`,
        tool: 'chat',
      });
    const built = buildPrompt(
      { tool: 'chat', system: 'sys', prompt: 'now', files: [], images: [], thread: t },
      small,
    );
    expect(built.omittedTurns).toBeGreaterThan(0);
    expect(built.omittedTurns).toBeLessThan(10);
    const history = built.messages.slice(1, -1).map((m) => String(m.content).split(' ')[0]);
    expect(history.at(-1)).toBe('9');
    expect(String(built.messages[0]?.content)).toContain(
      `The ${built.omittedTurns} earliest turns`,
    );
    s.dispose();
  });

  it('budgets CJK history by its real token weight', () => {
    const s = store({ t: 0 });
    const t = s.create('x');
    // 2000 CJK characters per turn ≈ 2000 tokens: only a couple fit in an 8k window.
    for (let i = 0; i < 6; i += 1)
      s.append(t, { role: 'user', content: '测'.repeat(2000), tool: 'chat' });
    const built = buildPrompt(
      { tool: 'chat', system: 'sys', prompt: 'now', files: [], images: [], thread: t },
      small,
    );
    expect(built.messages.length - 2).toBeLessThanOrEqual(3);
    s.dispose();
  });

  it('embeds files that fit and lists those that do not', () => {
    const built = buildPrompt(
      {
        tool: 'chat',
        system: 'sys',
        prompt: 'look',
        files: [
          { path: '/a.txt', content: 'small file', bytes: 10 },
          { path: '/b.txt', content: 'x'.repeat(40_000), bytes: 40_000 },
        ],
        images: [],
      },
      small,
    );
    expect(built.embeddedFiles).toEqual(['/a.txt']);
    expect(built.omittedFiles).toEqual(['/b.txt']);
    expect(String(built.messages.at(-1)?.content)).toContain(
      'Not included, too large for the context window: /b.txt',
    );
  });

  it('refuses a prompt larger than the model accepts', () => {
    expect(() =>
      buildPrompt(
        { tool: 'chat', system: '', prompt: 'y'.repeat(40_000), files: [], images: [] },
        small,
      ),
    ).toThrow(/more than moonshot-v1-8k accepts/);
  });
});
