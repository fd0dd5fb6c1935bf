import type { z } from 'zod';

// Tool input shapes hold zod core types; only their definitions are read here.
type AnyZod = z.core.$ZodType;

export interface FieldShape {
  kind: 'string' | 'enum' | 'string-array' | 'other';
  optional: boolean;
  description?: string;
}

interface ZodInternals {
  _zod: {
    def: { type: string; innerType?: AnyZod; element?: AnyZod; entries?: Record<string, string> };
  };
  description?: string;
}

/** Peels optional/default wrappers off a zod 4 schema, noting whether one made it optional. */
function unwrap(schema: AnyZod): { inner: ZodInternals; optional: boolean; description?: string } {
  let current = schema as unknown as ZodInternals;
  let optional = false;
  const description = current.description;
  for (;;) {
    const { type, innerType } = current._zod.def;
    if ((type === 'optional' || type === 'default' || type === 'nullable') && innerType) {
      optional = true;
      current = innerType as unknown as ZodInternals;
      continue;
    }
    return { inner: current, optional, description: description ?? current.description };
  }
}

/** What a prompt needs to know of one tool input: its kind, whether it may be left out. */
export function fieldOf(schema: AnyZod): FieldShape {
  const { inner, optional, description } = unwrap(schema);
  const def = inner._zod.def;
  const kind =
    def.type === 'string'
      ? 'string'
      : def.type === 'enum'
        ? 'enum'
        : def.type === 'array' &&
            def.element &&
            (def.element as unknown as ZodInternals)._zod.def.type === 'string'
          ? 'string-array'
          : 'other';
  return { kind, optional, ...(description !== undefined && { description }) };
}

/** The values of a zod enum input (behind optional/default), or undefined for anything else. */
export function enumValues(schema: AnyZod | undefined): string[] | undefined {
  if (!schema) return undefined;
  const { inner } = unwrap(schema);
  const entries = inner._zod.def.type === 'enum' ? inner._zod.def.entries : undefined;
  return entries ? Object.values(entries) : undefined;
}
