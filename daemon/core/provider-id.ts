export const PROVIDER_IDS = ['kimi', 'glm'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];
