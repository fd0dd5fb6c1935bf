import { tokensEqual } from '../lifecycle/token.ts';
import type { RotateTokenFrame, RotateTokenRes } from './frames.ts';

const MIN_TOKEN_LENGTH = 16;

/**
 * The rules the original got wrong: rotation needs the current token (compared in constant
 * time), and with no token configured nobody may set one this way.
 */
export function decideRotation(frame: RotateTokenFrame, current: string): RotateTokenRes {
  if (!frame.old || !frame.new) {
    return {
      op: 'rotate_token_res',
      ok: false,
      error: 'missing_params',
      message: 'rotate_token needs both "old" and "new"',
    };
  }
  if (!current) {
    return {
      op: 'rotate_token_res',
      ok: false,
      error: 'unauthorized',
      message: 'no token is configured, so none can be rotated; set EXAI_WS_TOKEN or use the app',
    };
  }
  if (!tokensEqual(frame.old, current)) {
    return {
      op: 'rotate_token_res',
      ok: false,
      error: 'unauthorized',
      message: '"old" is not the current token',
    };
  }
  if (frame.new.length < MIN_TOKEN_LENGTH || /\s/.test(frame.new)) {
    return {
      op: 'rotate_token_res',
      ok: false,
      error: 'missing_params',
      message: `"new" must be at least ${MIN_TOKEN_LENGTH} characters without whitespace`,
    };
  }
  return { op: 'rotate_token_res', ok: true };
}
