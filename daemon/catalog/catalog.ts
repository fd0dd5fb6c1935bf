import { z } from 'zod';
import { PROVIDER_IDS, type ProviderId } from '../core/provider-id.ts';
// Imported, not read from disk, so the catalog travels inside the bundled daemon.
import catalogData from './models.json' with { type: 'json' };

export const capabilitySchema = z.enum(['images', 'function_calling', 'websearch', 'thinking']);
export type Capability = z.infer<typeof capabilitySchema>;

export const modelInfoSchema = z
  .object({
    name: z.string().min(1),
    provider: z.enum(PROVIDER_IDS),
    aliases: z.array(z.string()).default([]),
    contextWindow: z.number().int().positive(),
    maxOutput: z.number().int().positive(),
    capabilities: z.array(capabilitySchema).default([]),
    tier: z.enum(['speed', 'quality']).default('speed'),
    /** Where the entry came from: the shipped catalog, a provider's live /models, or the user. */
    source: z.enum(['catalog', 'live', 'user']).default('catalog'),
  })
  .strict();
export type ModelInfo = z.infer<typeof modelInfoSchema>;

const catalogFileSchema = z.object({
  $comment: z.string().optional(),
  models: z.array(modelInfoSchema),
});

export class UnknownModelError extends Error {
  constructor(name: string, known: readonly string[]) {
    super(`Unknown model "${name}". Known models: ${known.join(', ')}`);
    this.name = 'UnknownModelError';
  }
}

/** Names resolve exactly, then case-insensitively, then by alias. */
export class ModelCatalog {
  private models: ModelInfo[];

  constructor(models: readonly ModelInfo[]) {
    this.models = [...models];
  }

  /** The shipped catalog (models.json). */
  static fromFile(data: unknown = catalogData): ModelCatalog {
    // Once, at start: without zod's JIT, which would compile a parser for this one use.
    return new ModelCatalog(catalogFileSchema.parse(data, { jitless: true }).models);
  }

  list(provider?: ProviderId): ModelInfo[] {
    return provider ? this.models.filter((m) => m.provider === provider) : [...this.models];
  }

  names(): string[] {
    return this.models.map((m) => m.name);
  }

  find(name: string): ModelInfo | undefined {
    const exact = this.models.find((m) => m.name === name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return (
      this.models.find((m) => m.name.toLowerCase() === lower) ??
      this.models.find((m) => m.aliases.some((a) => a.toLowerCase() === lower))
    );
  }

  resolve(name: string): ModelInfo {
    const found = this.find(name);
    if (!found) throw new UnknownModelError(name, this.names());
    return found;
  }

  /** Adds models not already known (by name), e.g. from a provider's live list. Returns how many were new. */
  merge(models: readonly ModelInfo[]): number {
    let added = 0;
    for (const m of models) {
      if (!this.find(m.name)) {
        this.models.push(m);
        added += 1;
      }
    }
    return added;
  }
}
