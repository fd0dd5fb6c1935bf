// Error codes are the legacy "op" protocol's (docs/architecture.md, Transports), so every
// transport can report the same failure the same way; NOT_CONFIGURED, NOT_FOUND and STORE_ERROR
// are ours and map to EXEC_ERROR there.
export type ToolErrorCode =
  | 'TIMEOUT'
  | 'OVER_CAPACITY'
  | 'EXEC_ERROR'
  | 'TOOL_NOT_FOUND'
  | 'INVALID_ARGUMENTS'
  | 'CANCELLED'
  | 'NOT_CONFIGURED'
  | 'NOT_FOUND'
  | 'UPSTREAM_ERROR'
  /** exai.db could not be read or written (locked, full disk). */
  | 'STORE_ERROR';

export class ToolError extends Error {
  readonly code: ToolErrorCode;
  /** Seconds a caller should wait before retrying (OVER_CAPACITY). */
  readonly retryAfter: number | undefined;

  constructor(
    code: ToolErrorCode,
    message: string,
    options?: { retryAfter?: number; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ToolError';
    this.code = code;
    this.retryAfter = options?.retryAfter;
  }
}

export function isToolError(error: unknown): error is ToolError {
  return error instanceof ToolError;
}
