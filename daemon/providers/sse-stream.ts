import { APIError, OpenAIError } from 'openai';
import type OpenAI from 'openai';
import { Stream } from 'openai/streaming';

/**
 * The `openai` client's SSE decoding, in one pass. The client's own (`Stream.fromSSEResponse`)
 * copies the rest of its buffer once per event and runs three async generators and a byte-level
 * line decoder per event: about 1 ms of CPU for a burst of 100 events, most of what the daemon
 * spends on a streamed answer. This class is handed to the client with its `__streamClass`
 * request option, so the request, status errors and abort stay the client's; only the bytes →
 * events step is ours, and it yields the same events at the same moments (test/providers/
 * sse-stream.test.ts compares the two on the same bytes cut at every point).
 */
export class SseStream<Item> extends Stream<Item> {
  static override fromSSEResponse<Item>(
    response: Response,
    controller: AbortController,
    client?: OpenAI,
    synthesizeEventData?: boolean,
  ): Stream<Item> {
    let consumed = false;
    async function* iterator(): AsyncGenerator<Item> {
      if (consumed)
        throw new OpenAIError(
          'Cannot iterate over a consumed stream, use `.tee()` to split the stream.',
        );
      consumed = true;
      let done = false;
      try {
        for await (const batch of sseBatches(response, controller))
          for (const sse of batch) {
            if (done) continue;
            if (sse.data.startsWith('[DONE]')) {
              done = true;
              continue;
            }
            if (sse.event === null || !sse.event.startsWith('thread.')) {
              // The client logs a bad event through its logger (off in the daemon), then throws.
              const data = JSON.parse(sse.data) as { error?: unknown } | null;
              if (data && data.error)
                throw new APIError(undefined, data.error as object, undefined, response.headers);
              yield (synthesizeEventData ? { event: sse.event, data } : data) as Item;
            } else {
              let data: unknown;
              try {
                data = JSON.parse(sse.data);
              } catch (e) {
                console.error(`Could not parse message into JSON:`, sse.data);
                throw e;
              }
              if (sse.event == 'error')
                throw new APIError(
                  undefined,
                  (data as { error?: object }).error,
                  (data as { message?: string }).message,
                  undefined,
                );
              yield { event: sse.event, data } as Item;
            }
          }
        done = true;
      } catch (e) {
        // As the client: an abort ends the stream quietly (the caller checks its signal).
        if (isAbortError(e)) return;
        throw e;
      } finally {
        if (!done) controller.abort();
      }
    }
    return new Stream(iterator, controller, client);
  }
}

interface ServerSentEvent {
  event: string | null;
  data: string;
}

function isAbortError(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    (('name' in err && err.name === 'AbortError') ||
      ('message' in err && String(err.message).includes('FetchRequestCanceledException')))
  );
}

/** Where the client cuts its byte buffer into SSE chunks: \n\n, \r\r or \r\n\r\n, leftmost first. */
const CHUNK_END = /\n\n|\r\r|\r\n\r\n/g;

/**
 * The response body's SSE events, one array per read of the body: the events the client would
 * yield after that read (it holds back bytes after the last \n\n, \r\r or \r\n\r\n).
 */
async function* sseBatches(
  response: Response,
  controller: AbortController,
): AsyncGenerator<ServerSentEvent[]> {
  if (!response.body) {
    controller.abort();
    throw new OpenAIError('Attempted to iterate over a response with no body');
  }
  // ignoreBOM, then a BOM dropped at the start of each line: the client decodes line by line.
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const decoder = new SseDecoder();
  /** Decoded text after the last chunk end: the client holds these bytes back until more come. */
  let held = '';
  for await (const chunk of response.body as AsyncIterable<Uint8Array | ArrayBuffer | string>) {
    if (chunk == null) continue;
    held += utf8.decode(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk, {
      stream: true,
    });
    CHUNK_END.lastIndex = 0;
    let end = 0;
    while (CHUNK_END.test(held)) end = CHUNK_END.lastIndex;
    if (end === 0) continue;
    const events = decoder.feed(held.slice(0, end));
    held = held.slice(end);
    if (events.length) yield events;
  }
  yield [...decoder.feed(held + utf8.decode()), ...decoder.flush()];
}

/** The client's LineDecoder and SSEDecoder over text: lines end at \r\n, \n or \r. */
class SseDecoder {
  /** The current line so far; may end with a \r whose line ending is not known yet. */
  private line = '';
  private event: string | null = null;
  private data: string[] = [];

  feed(text: string): ServerSentEvent[] {
    const out: ServerSentEvent[] = [];
    const buf = this.line + text;
    let start = 0;
    for (let i = 0; i < buf.length; i += 1) {
      const c = buf.charCodeAt(i);
      if (c === 10) {
        this.take(buf.slice(start, i), out);
        start = i + 1;
      } else if (c === 13) {
        if (i + 1 === buf.length) break; // \r\n or a lone \r: the next byte tells
        this.take(buf.slice(start, i), out);
        if (buf.charCodeAt(i + 1) === 10) i += 1;
        start = i + 1;
      }
    }
    this.line = buf.slice(start);
    return out;
  }

  /** The end of the body: what is left is one last line (the client's `flush`). */
  flush(): ServerSentEvent[] {
    const out: ServerSentEvent[] = [];
    if (this.line) this.take(this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line, out);
    this.line = '';
    return out;
  }

  private take(raw: string, out: ServerSentEvent[]): void {
    let line = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (!line) {
      if (!this.event && !this.data.length) return;
      out.push({ event: this.event, data: this.data.join('\n') });
      this.event = null;
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}
