import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_BINDINGS } from '../../daemon/config/env.ts';
import { configSchema } from '../../daemon/config/schema.ts';
import { daemonDefaults, readPath } from '../../daemon/parent/settings-contract.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README settings table', () => {
  it('documents every environment variable the daemon reads', () => {
    const missing = ENV_BINDINGS.flatMap((b) => b.names).filter(
      (name) => !readme.includes(`\`${name}\``),
    );
    expect(missing).toEqual([]);
  });

  it('documents every top-level setting', () => {
    const keys = Object.keys(configSchema.shape);
    const missing = keys.filter((k) => !readme.includes(`\`${k}`));
    expect(missing).toEqual([]);
  });

  it("states each setting's default as the daemon has it", () => {
    // Rows look like: | `limits.kimi` | `EXAI_WS_KIMI_MAX_INFLIGHT` | — | `6` | … |
    const rows = readme.matchAll(/^\|\s*`([\w.]+)`\s*\|[^|]*\|[^|]*\|\s*([^|]*?)\s*\|/gm);
    const wrong: string[] = [];
    let checked = 0;
    for (const [, path, cell] of rows) {
      const value = readPath(daemonDefaults, path!);
      if (value === undefined) continue; // dataDir, token, API keys: no fixed default
      const stated =
        /^`([^`]*)`/.exec(cell!.trim())?.[1] ?? (cell!.trim() === 'empty' ? '' : cell!.trim());
      const actual = Array.isArray(value)
        ? value.join(',')
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
      if (stated !== actual) wrong.push(`${path}: README says "${stated}", the daemon "${actual}"`);
      checked += 1;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });
});

describe('npm run daemon', () => {
  it('starts the daemon with the same Node flags as every other launcher', async () => {
    const { DAEMON_NODE_FLAGS } = await import('../../daemon/parent/messages.ts');
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { scripts: Record<string, string> };
    expect(pkg.scripts.daemon).toBe(
      `node ${DAEMON_NODE_FLAGS.join(' ')} daemon/cli/exai.ts daemon`,
    );
  });
});
