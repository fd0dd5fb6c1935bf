import { describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { Stream } from 'openai/streaming';
import { SseStream } from '../../daemon/providers/sse-stream.ts';

// Our one-pass SSE decoding must yield what the openai client's own yields, at the same moments:
// both read the same bytes, cut into chunks every way, from a stream that is only read on demand.

const enc = new TextEncoder();
/** A client whose logger is off, as the daemon's: the client logs a bad event before throwing. */
const client = new OpenAI({ apiKey: 'unused', logLevel: 'off' });
const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  JSON.stringify({
    id: 'c',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

const BODIES: Record<string, string> = {
  'a streamed answer': `data: ${chunk({ content: 'one ' })}\n\ndata: ${chunk({ content: 'two' })}\n\ndata: ${chunk({}, 'stop')}\n\ndata: [DONE]\n\n`,
  'CRLF line endings': `data: ${chunk({ content: 'a' })}\r\n\r\ndata: ${chunk({ content: 'b' })}\r\n\r\ndata: [DONE]\r\n\r\n`,
  'CR line endings': `data: ${chunk({ content: 'a' })}\r\rdata: ${chunk({ content: 'b' })}\r\r`,
  'mixed endings, comments, ids, event names and multi-line data': `: keep-alive\n\nid: 1\nevent: message\ndata: {"a":\ndata: 1}\n\n\n\nretry: 5\ndata:{"b":2}\r\n\n\r\ndata: {"c":3}\n\r\n`,
  'an empty event field, a field without colon': `event:\ndata: {"x":1}\n\nevent\ndata\n\ndata: {"y":2}\n\n`,
  'no blank line after the last event': `data: {"a":1}\n\ndata: {"b":2}`,
  'a trailing CR at the end': `data: {"a":1}\n\ndata: {"b":2}\n\r`,
  'multi-byte characters and BOMs': `\uFEFFdata: ${chunk({ content: 'héllo 世界 🎉' })}\n\n\uFEFFdata: {"z":"ü"}\n\n`,
  'events after [DONE] are ignored': `data: {"a":1}\n\ndata: [DONE]\n\ndata: {"b":2}\n\n`,
  'an error object mid-stream': `data: ${chunk({ content: 'a' })}\n\ndata: {"error":{"message":"overloaded","code":"500"}}\n\ndata: {"c":3}\n\n`,
  'not JSON': `data: ${chunk({ content: 'ok' })}\n\ndata: this is not json\n\n`,
  'a thread event': `event: thread.run\ndata: {"id":"r"}\n\n`,
};

/** The body cut at the given byte offsets, served one piece per read. */
function response(bytes: Uint8Array, cuts: number[], log: string[]): Response {
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    pieces.push(bytes.slice(at, cut));
    at = cut;
  }
  let i = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        log.push(`read ${i}`);
        if (i < pieces.length) c.enqueue(pieces[i++]!);
        else c.close();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body);
}

async function run(
  cls: typeof Stream,
  bytes: Uint8Array,
  cuts: number[],
): Promise<{ log: string[]; error?: string }> {
  const log: string[] = [];
  const stream = cls.fromSSEResponse<unknown>(
    response(bytes, cuts, log),
    new AbortController(),
    client,
  );
  try {
    for await (const item of stream) log.push(JSON.stringify(item));
    return { log };
  } catch (e) {
    const err = e as Error;
    return { log, error: `${err.constructor.name}: ${err.message}` };
  }
}

describe('SseStream decodes like the openai client', () => {
  for (const [name, text] of Object.entries(BODIES)) {
    it(`${name}, cut at every byte and every pair of bytes`, async () => {
      const bytes = enc.encode(text);
      const cutsList: number[][] = [[]];
      for (let a = 1; a < bytes.length; a += 1) cutsList.push([a]);
      for (let a = 1; a < bytes.length; a += 7)
        for (let b = a + 1; b < bytes.length; b += 3) cutsList.push([a, b]);
      cutsList.push(Array.from({ length: bytes.length - 1 }, (_, k) => k + 1));
      const whole = await run(Stream, bytes, []);
      expect(whole.log.filter((l) => !l.startsWith('read')).length).toBeGreaterThan(0);
      for (const cuts of cutsList) {
        const ours = await run(SseStream, bytes, cuts);
        const theirs = await run(Stream, bytes, cuts);
        expect({ cuts, ...ours }).toEqual({ cuts, ...theirs });
      }
    });
  }

  it('decodes invalid UTF-8 as the client does', async () => {
    const bytes = new Uint8Array([
      ...enc.encode('data: {"a":"'),
      0xe2,
      0x82,
      ...enc.encode('"}\n\ndata: {"b":"'),
      0xff,
      ...enc.encode('x"}\n\n'),
    ]);
    for (let a = 0; a < bytes.length; a += 1) {
      const cuts = a ? [a] : [];
      expect(await run(SseStream, bytes, cuts)).toEqual(await run(Stream, bytes, cuts));
    }
  });

  it('ends quietly when the request is aborted mid-stream, as the client does', async () => {
    for (const cls of [Stream, SseStream]) {
      const controller = new AbortController();
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(enc.encode(`data: {"a":1}\n\n`));
          controller.signal.addEventListener('abort', () =>
            c.error(new DOMException('aborted', 'AbortError')),
          );
        },
      });
      const seen: unknown[] = [];
      for await (const item of cls.fromSSEResponse<unknown>(new Response(body), controller)) {
        seen.push(item);
        controller.abort();
      }
      expect(seen).toEqual([{ a: 1 }]);
    }
  });
});
