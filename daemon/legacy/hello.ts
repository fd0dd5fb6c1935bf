import { tokensEqual } from '../lifecycle/token.ts';
import { CLOSE, helloSchema, opFrameSchema, parseJson, type HelloAck } from './frames.ts';

export type HelloVerdict =
  | { ok: true; sessionId: string | undefined }
  | { ok: false; ack: Extract<HelloAck, { ok: false }>; closeCode: number; reason: string };

function refuse(
  error: 'invalid_hello' | 'missing_hello' | 'unauthorized',
  closeCode: number,
  reason: string,
): HelloVerdict {
  return { ok: false, ack: { op: 'hello_ack', ok: false, error }, closeCode, reason };
}

/** Judges the first frame of a legacy connection (the token is checked here, not at the upgrade). */
export function judgeHello(text: string, token: string): HelloVerdict {
  const parsed = parseJson(text);
  if (!parsed.ok) return refuse('invalid_hello', CLOSE.invalidHello, 'first frame is not JSON');
  const framed = opFrameSchema.safeParse(parsed.value);
  if (framed.success && framed.data.op !== 'hello') {
    return refuse(
      'missing_hello',
      CLOSE.missingHello,
      `expected op "hello" first, got "${framed.data.op.slice(0, 40)}"`,
    );
  }
  if (!framed.success) {
    const isObject =
      typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value);
    return isObject
      ? refuse('missing_hello', CLOSE.missingHello, 'expected op "hello" first')
      : refuse('invalid_hello', CLOSE.invalidHello, 'first frame is not a JSON object');
  }
  const hello = helloSchema.safeParse(parsed.value);
  if (!hello.success) {
    const bad = hello.error.issues[0];
    // A token of the wrong type is just a wrong token; anything else is a malformed hello.
    if (bad?.path[0] === 'token') return refuse('unauthorized', CLOSE.unauthorized, 'unauthorized');
    return refuse(
      'invalid_hello',
      CLOSE.invalidHello,
      `invalid hello: ${bad?.path.join('.') ?? ''} ${bad?.message ?? ''}`.trim(),
    );
  }
  // An empty configured token would let an empty hello in; the daemon always has one, but be sure.
  if (!token || !tokensEqual(hello.data.token ?? '', token)) {
    return refuse('unauthorized', CLOSE.unauthorized, 'unauthorized');
  }
  return { ok: true, sessionId: hello.data.session_id ?? undefined };
}
