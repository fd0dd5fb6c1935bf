import type { z } from 'zod';

/** A rejected value, with a message that names the field so the user knows what to fix. */
export class ValidationError extends Error {
  readonly fields: string[];

  constructor(prefix: string, issues: readonly z.core.$ZodIssue[]) {
    const parts = issues.map((i) => `${i.path.length ? i.path.join('.') : 'value'}: ${i.message}`);
    super(`${prefix}: ${parts.join('; ')}`);
    this.name = 'ValidationError';
    this.fields = issues.map((i) => i.path.join('.'));
  }
}
