import type { z } from 'zod';
import { tr } from './i18n.ts';

/** A rejected value, with a message that names the field so the user knows what to fix. */
export class ValidationError extends Error {
  readonly fields: string[];

  /** `prefix` and any issue message that is a catalog key (validation.*) are shown in the app's language. */
  constructor(prefix: string, issues: readonly z.core.$ZodIssue[]) {
    const parts = issues.map(
      (i) => `${i.path.length ? i.path.join('.') : 'value'}: ${translated(i.message)}`,
    );
    super(`${prefix}: ${parts.join('; ')}`);
    this.name = 'ValidationError';
    this.fields = issues.map((i) => i.path.join('.'));
  }
}

function translated(message: string): string {
  return message.startsWith('validation.') ? tr(message) : message;
}
