// main's side of the Usage and Tools pages against a real daemon: the report and the tool list
// come back as the renderer reads them, Export CSV writes what the daemon's /usage.csv says where
// the user chose (or nothing when they cancel), and a stopped daemon is a readable error.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvFileName, createUsageService } from '../../main/ipc/usage-service.ts';
import { FileSaver } from '../../main/shell/save-to-file.ts';
import { startDaemon, tempDataDir, type RunningDaemon } from '../helpers/daemon.ts';

function serviceFor(d: RunningDaemon | undefined, chosen: Array<string | undefined>) {
  const asked: string[] = [];
  const service = createUsageService({
    readyInfo: () =>
      d
        ? {
            type: 'ready',
            pid: 1,
            host: '127.0.0.1',
            port: d.port,
            endpoint: d.wsUrl,
            httpEndpoint: d.httpUrl,
            version: 't',
          }
        : undefined,
    token: () => d?.token ?? '',
    saver: new FileSaver({
      dialog: {
        showSaveDialog: async (...args) => {
          asked.push(basename((args.at(-1) as { defaultPath: string }).defaultPath));
          const filePath = chosen.shift();
          return { canceled: filePath === undefined, filePath };
        },
      },
      focusedWindow: () => null,
      getPath: () => tempDataDir(),
    }),
    now: () => Date.UTC(2026, 2, 10, 20, 0),
  });
  return { service, asked };
}

describe('usage service', () => {
  it('reads the usage and tools, and exports the CSV where the user chose', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true });
    d.kimi.script({
      kind: 'reply',
      text: 'ok',
      usage: { prompt_tokens: 100_000, completion_tokens: 20_000, total_tokens: 120_000 },
    });
    await d.call('chat', { prompt: 'hi', model: 'kimi-k2-0905-preview' });
    const target = join(tempDataDir(), 'usage.csv');
    const { service, asked } = serviceFor(d, [target, undefined]);

    await expect.poll(async () => (await service.report(0, 0)).rows.length).toBe(1);
    const report = await service.report(0, 0);
    expect(report.rows[0]).toMatchObject({
      provider: 'kimi',
      model: 'kimi-k2-0905-preview',
      tool: 'chat',
      input_tokens: 100_000,
      output_tokens: 20_000,
      currency: 'USD',
    });
    // 100k × $0.60/M + 20k × $2.50/M, the shipped price.
    expect(report.rows[0]?.cost).toBeCloseTo(0.11, 10);

    const saved = await service.exportCsv(0, 480);
    expect(saved).toEqual({ saved: true, path: target });
    // Named for the day in the user's zone: 20:00 UTC is already 11 March at UTC+8.
    expect(asked).toEqual(['exai-usage-2026-03-11.csv']);
    const lines = readFileSync(target, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'day,provider,model,tool,client,requests,input_tokens,output_tokens,estimated,cost,currency',
    );
    expect(lines[1]).toMatch(
      /^\d{4}-\d\d-\d\d,kimi,kimi-k2-0905-preview,chat,[^,]+,1,100000,20000,false,0\.11\d*,USD$/,
    );

    expect(await service.exportCsv(0, 0)).toEqual({ saved: false });

    const tools = await service.tools();
    expect(tools.profile).toBe('standard');
    expect(tools.tools.map((t) => t.name)).toContain('chat');
    expect(tools.stats.find((s) => s.tool === 'chat')).toMatchObject({
      calls: 1,
      errors: 0,
      tokens: 120_000,
    });
  });

  it('says the daemon is not running instead of failing obscurely', async () => {
    const { service, asked } = serviceFor(undefined, []);
    await expect(service.report(0, 0)).rejects.toThrow(/not running/);
    await expect(service.exportCsv(0, 0)).rejects.toThrow(/not running/);
    expect(asked).toEqual([]);
  });

  it('names the file by the user’s day', () => {
    expect(csvFileName(Date.UTC(2026, 0, 31, 23, 0), 60)).toBe('exai-usage-2026-02-01.csv');
    expect(csvFileName(Date.UTC(2026, 0, 31, 23, 0), -300)).toBe('exai-usage-2026-01-31.csv');
  });
});
