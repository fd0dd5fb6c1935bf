import { z } from 'zod';

// The legacy EX-AI "op" frames, as the original Python daemon spoke them (docs/architecture.md,
// Transports). Client frames are parsed loosely (extra fields are ignored, as the Python daemon
// did); what the daemon sends is typed exactly.

export const requestIdSchema = z.union([z.string().min(1).max(256), z.number().finite()]);
export type RequestId = z.infer<typeof requestIdSchema>;

export const helloSchema = z.object({
  op: z.literal('hello'),
  token: z.string().nullish(),
  // A shim resuming after a reconnect sends its earlier session id, so replay finds its answers.
  session_id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w.:-]+$/, 'letters, digits and . _ : - only')
    .nullish(),
});
export type HelloFrame = z.infer<typeof helloSchema>;

export const callToolSchema = z.object({
  op: z.literal('call_tool'),
  request_id: requestIdSchema,
  name: z.string().min(1).max(256),
  arguments: z.record(z.string(), z.unknown()).nullish(),
});
export type CallToolFrame = z.infer<typeof callToolSchema>;

/** The original's later clients: `tool: {name}` instead of `name`; otherwise call_tool. */
export const toolCallSchema = z.object({
  op: z.literal('tool_call'),
  request_id: requestIdSchema,
  tool: z.object({ name: z.string().min(1).max(256) }),
  arguments: z.record(z.string(), z.unknown()).nullish(),
});

export const cancelSchema = z.object({ op: z.literal('cancel'), request_id: requestIdSchema });
export const pingSchema = z.object({
  op: z.literal('ping'),
  request_id: requestIdSchema.nullish(),
});

export const rotateTokenSchema = z.object({
  op: z.literal('rotate_token'),
  old: z.string().optional(),
  new: z.string().optional(),
});
export type RotateTokenFrame = z.infer<typeof rotateTokenSchema>;

/** Any frame after hello: only `op` is known up front, the handler parses the rest. */
export const opFrameSchema = z.object({ op: z.string() });

export type WireErrorCode =
  'TIMEOUT' | 'OVER_CAPACITY' | 'EXEC_ERROR' | 'TOOL_NOT_FOUND' | 'INVALID_ARGUMENTS' | 'CANCELLED';

export interface WireError {
  code: WireErrorCode;
  message: string;
  retry_after?: number;
}

export type HelloAck =
  | { op: 'hello_ack'; ok: true; session_id: string }
  | {
      op: 'hello_ack';
      ok: false;
      error: 'invalid_hello' | 'missing_hello' | 'unauthorized' | 'over_capacity';
    };

export interface ListToolsRes {
  op: 'list_tools_res';
  tools: Array<{ name: string; description: string; inputSchema: Record<string, unknown> }>;
}

export interface CallToolAck {
  op: 'call_tool_ack';
  request_id: RequestId;
  accepted: true;
  timeout: number;
  name: string;
}

export interface ProgressFrame {
  op: 'progress';
  request_id: RequestId;
  name: string;
  /** Unix seconds. */
  t: number;
  note?: string;
}

export type CallToolRes =
  | {
      op: 'call_tool_res';
      request_id: RequestId;
      outputs: Array<{ type: 'text'; text: string }>;
      /** Every output's text joined by a blank line. */
      text: string;
      meta?: Record<string, unknown>;
    }
  | { op: 'call_tool_res'; request_id: RequestId; error: WireError; retry_after?: number };

export interface HealthRes {
  op: 'health_res';
  ok: true;
  health: Record<string, unknown>;
}

export type RotateTokenRes =
  | { op: 'rotate_token_res'; ok: true }
  | {
      op: 'rotate_token_res';
      ok: false;
      error: 'missing_params' | 'unauthorized';
      message: string;
    };

export interface CancelledFrame {
  op: 'cancelled';
  request_id: RequestId;
  /** Unix seconds. */
  timestamp: number;
}

export interface PongFrame {
  op: 'pong';
  request_id: RequestId | null;
  /** Unix seconds. */
  timestamp: number;
}

export interface ErrorFrame {
  op: 'error';
  message: string;
}

export type ServerFrame =
  | HelloAck
  | ListToolsRes
  | CallToolAck
  | ProgressFrame
  | CallToolRes
  | HealthRes
  | RotateTokenRes
  | CancelledFrame
  | PongFrame
  | ErrorFrame;

/** The close codes the legacy clients know. */
export const CLOSE = {
  invalidHello: 4000,
  missingHello: 4001,
  helloTimeout: 4002,
  unauthorized: 4003,
} as const;

/** JSON.parse that says "not JSON" instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
