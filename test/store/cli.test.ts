// `exai usage` and `exai diagnostics` against the data folder of a daemon that served calls.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { readAppPrices } from '../../daemon/catalog/app-prices.ts';
import { startFakePair } from '../fixtures/fake-provider.ts';
import {
  cleanEnv,
  connectMcpWs,
  EXAI_ENTRY,
  GLM_KEY,
  KIMI_KEY,
  startDaemon,
  tempDataDir,
} from '../helpers/daemon.ts';

const run = promisify(execFile);
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

const PROMPT = 'the secret plan is codename marmalade';

async function daemonWithUsage(env: Record<string, string> = {}) {
  const fakes = await startFakePair({ kimi: KIMI_KEY, glm: GLM_KEY });
  cleanups.push(() => fakes.stop());
  fakes.glm.script({
    kind: 'reply',
    text: 'ok',
    usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 },
  });
  const dataDir = tempDataDir();
  const d = await startDaemon({
    dataDir,
    env: {
      KIMI_API_URL: fakes.kimi.baseUrl,
      GLM_API_URL: fakes.glm.baseUrl,
      KIMI_API_KEY: KIMI_KEY,
      GLM_API_KEY: GLM_KEY,
      ...env,
    },
  });
  cleanups.push(() => d.stop());
  const client = await connectMcpWs(d, 'cursor');
  cleanups.push(() => client.close());
  await client.callTool({ name: 'chat', arguments: { prompt: PROMPT, model: 'glm-4.5' } });
  return { d, dataDir };
}

// The user's shell, as when they set their keys there.
function exai(args: string[]) {
  return run(process.execPath, [EXAI_ENTRY, ...args], {
    env: cleanEnv({ KIMI_API_KEY: KIMI_KEY, GLM_API_KEY: GLM_KEY }),
  });
}

describe('exai usage', () => {
  it('prints usage as JSON with provider, model, tool, client, tokens and cost', async () => {
    const { dataDir } = await daemonWithUsage();
    const { stdout } = await exai(['usage', '--json', '--since', '7d', '--data-dir', dataDir]);
    const report = JSON.parse(stdout) as { rows: Array<Record<string, unknown>> };
    expect(report.rows).toEqual([
      expect.objectContaining({
        provider: 'glm',
        model: 'glm-4.5',
        tool: 'chat',
        client: 'cursor',
        input_tokens: 1200,
        output_tokens: 300,
        cost: (1200 * 0.6 + 300 * 2.2) / 1e6,
      }),
    ]);
  });

  it('prints a table, and refuses a bad --since by name', async () => {
    const { dataDir } = await daemonWithUsage();
    const { stdout } = await exai(['usage', '--data-dir', dataDir]);
    expect(stdout).toMatch(/glm-4\.5\s+chat\s+cursor\s+1\s+1200\s+300/);
    await expect(
      exai(['usage', '--since', 'yesterday', '--data-dir', dataDir]),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--since: expected a date'),
    });
  });
});

// The app starts its daemon with the user's edited prices in EXAI_PRICES (main/settings/daemon-env.ts)
// and sends later edits in a `configure` message (main/settings/settings-sync.ts); a terminal's
// `exai usage` must price the recorded request exactly as the Usage page does.
describe('exai usage prices as the app does', () => {
  const glmCost = async (dataDir: string) => {
    const { stdout } = await exai(['usage', '--json', '--data-dir', dataDir]);
    return (
      JSON.parse(stdout) as { rows: Array<{ model: string; cost: number | null }> }
    ).rows.find((r) => r.model === 'glm-4.5')?.cost;
  };
  const price = (input: number, output: number) => ({ input, output, currency: 'USD' });

  it('uses the prices the app started the daemon with, then the ones it edits live, after the daemon stops too', async () => {
    const { d, dataDir } = await daemonWithUsage({
      EXAI_PRICES: JSON.stringify({ 'glm-4.5': price(10, 20) }),
    });
    expect(await glmCost(dataDir)).toBeCloseTo((1200 * 10 + 300 * 20) / 1e6, 12);

    d.child.send({ type: 'configure', prices: { 'glm-4.5': price(1, 100) } });
    // The daemon keeps them in its data folder as the message arrives.
    await expect
      .poll(() => {
        const saved = readAppPrices(dataDir);
        return saved.kind === 'saved' ? saved.prices['glm-4.5'] : saved;
      })
      .toEqual(price(1, 100));
    expect(await glmCost(dataDir)).toBeCloseTo((1200 * 1 + 300 * 100) / 1e6, 12);
    // The Usage page (the daemon's /usage) says the same.
    const usage = (await (
      await fetch(`${d.baseUrl}/usage?since=0&tz=0`, {
        headers: { authorization: `Bearer ${d.token}` },
      })
    ).json()) as { rows: Array<{ cost: number }> };
    expect(usage.rows[0]?.cost).toBeCloseTo((1200 * 1 + 300 * 100) / 1e6, 12);

    await d.stop();
    expect(await glmCost(dataDir)).toBeCloseTo((1200 * 1 + 300 * 100) / 1e6, 12);
    // The diagnostics' usage summary is priced the same way.
    const out = join(dataDir, 'diag.zip');
    await exai(['diagnostics', '--out', out, '--data-dir', dataDir]);
    const summary = JSON.parse(strFromU8(unzipSync(readFileSync(out))['usage-summary.json']!)) as {
      totals: { cost: Record<string, number> };
    };
    expect(summary.totals.cost.USD).toBeCloseTo((1200 * 1 + 300 * 100) / 1e6, 12);
  });

  it('names a damaged price file and prices at the shipped list instead of failing', async () => {
    const { d, dataDir } = await daemonWithUsage({
      EXAI_PRICES: JSON.stringify({ 'glm-4.5': price(10, 20) }),
    });
    await d.stop();
    const file = join(dataDir, 'app-prices.json');
    writeFileSync(file, '{"prices": {"glm-4.5": {"input": "cheap"');
    const { stdout, stderr } = await exai(['usage', '--json', '--data-dir', dataDir]);
    expect(stderr).toContain(`the app's prices in ${file} could not be read (not valid JSON`);
    expect(stderr).toContain('using the shipped prices and config.json instead');
    const rows = (JSON.parse(stdout) as { rows: Array<{ cost: number }> }).rows;
    expect(rows[0]?.cost).toBeCloseTo((1200 * 0.6 + 300 * 2.2) / 1e6, 12);

    writeFileSync(file, JSON.stringify({ prices: { 'glm-4.5': { input: -1, output: 2 } } }));
    const second = await exai(['usage', '--data-dir', dataDir]);
    expect(second.stderr).toMatch(/"prices\.glm-4\.5\.input": .*>=0/);
  });

  it('without the app (a daemon run from a terminal), prices at the shipped list + config.json', async () => {
    const fakes = await startFakePair({ kimi: KIMI_KEY, glm: GLM_KEY });
    cleanups.push(() => fakes.stop());
    fakes.glm.script({
      kind: 'reply',
      text: 'ok',
      usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 },
    });
    const dataDir = tempDataDir();
    const d = await startDaemon({
      dataDir,
      headless: true,
      config: { prices: { 'glm-4.5': price(2, 4) } },
      env: {
        KIMI_API_URL: fakes.kimi.baseUrl,
        GLM_API_URL: fakes.glm.baseUrl,
        KIMI_API_KEY: KIMI_KEY,
        GLM_API_KEY: GLM_KEY,
      },
    });
    cleanups.push(() => d.stop());
    const client = await connectMcpWs(d, 'cursor');
    cleanups.push(() => client.close());
    await client.callTool({ name: 'chat', arguments: { prompt: 'hi', model: 'glm-4.5' } });
    expect(existsSync(join(dataDir, 'app-prices.json'))).toBe(false);
    expect(await glmCost(dataDir)).toBeCloseTo((1200 * 2 + 300 * 4) / 1e6, 12);
  });
});

describe('exai diagnostics', () => {
  it('writes a zip with versions, settings, status, logs and usage, and no key, token or prompt', async () => {
    const { d, dataDir } = await daemonWithUsage();
    // A line an older version might have logged with a key in it.
    writeFileSync(
      join(dataDir, 'logs', 'daemon.log.1'),
      `{"level":40,"msg":"upstream said: invalid key ${KIMI_KEY}"}\n`,
    );
    const out = join(dataDir, 'diag.zip');
    await exai(['diagnostics', '--out', out, '--data-dir', dataDir]);
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'versions.json',
        'settings.json',
        'status.json',
        'recent-errors.json',
        'usage-summary.json',
        'logs/daemon.log',
        'logs/daemon.log.1',
      ]),
    );
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(JSON.parse(strFromU8(files['status.json']!))).toMatchObject({ pid: d.child.pid });
    expect(all).toContain('"input_tokens": 1200');
    for (const secret of [KIMI_KEY, GLM_KEY, d.token, PROMPT]) expect(all).not.toContain(secret);
  });

  it('names the missing --out', async () => {
    await expect(exai(['diagnostics', '--data-dir', tempDataDir()])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--out FILE is required'),
    });
  });
});

describe('GET /diagnostics.zip', () => {
  it('serves the same archive to the app, with its versions, to token holders only', async () => {
    const { d } = await daemonWithUsage();
    expect((await fetch(`${d.baseUrl}/diagnostics.zip`)).status).toBe(401);
    const response = await fetch(
      `${d.baseUrl}/diagnostics.zip?electron=43.8.12&chrome=bad%20value`,
      { headers: { authorization: `Bearer ${d.token}` } },
    );
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const versions = JSON.parse(strFromU8(files['versions.json']!)) as Record<string, string>;
    expect(versions.electron).toBe('43.8.12');
    expect(versions.chrome).toBeUndefined();
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    for (const secret of [KIMI_KEY, GLM_KEY, d.token, PROMPT]) expect(all).not.toContain(secret);
  });
});
