import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_BINDINGS } from '../../daemon/config/env.ts';
import { configSchema } from '../../daemon/config/schema.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README settings table', () => {
  it('documents every environment variable the daemon reads', () => {
    const missing = ENV_BINDINGS.flatMap((b) => b.names).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('documents every top-level setting', () => {
    const keys = Object.keys(configSchema.shape);
    const missing = keys.filter((k) => !readme.includes(`\`${k}`));
    expect(missing).toEqual([]);
  });
});

describe('npm run daemon', () => {
  it('starts the daemon with the same Node flags as every other launcher', async () => {
    const { DAEMON_NODE_FLAGS } = await import('../../daemon/parent/messages.ts');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.daemon).toBe(`node ${DAEMON_NODE_FLAGS.join(' ')} daemon/cli/exai.ts daemon`);
  });
});
