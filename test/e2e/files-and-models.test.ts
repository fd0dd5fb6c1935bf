import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { GLM_KEY, KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { button, waitForBadge } from './ui.ts';

// Settings › Files and models: what the user picks there is what the running daemon obeys, from
// the next call on and without a restart.

type ToolResult = { isError?: boolean; content: Array<{ type: string; text?: string }> };
const textOf = (r: ToolResult) => r.content.map((c) => c.text ?? '').join('\n');

describe('Settings › Files and models', () => {
  let h: Harness;
  let client: Client;
  let allowed: string;
  let elsewhere: string;
  beforeAll(async () => {
    allowed = mkdtempSync(join(tmpdir(), 'exai-e2e-allowed-'));
    elsewhere = mkdtempSync(join(tmpdir(), 'exai-e2e-elsewhere-'));
    writeFileSync(join(allowed, 'notes.md'), 'ALLOWED-FILE-BODY\n');
    writeFileSync(join(elsewhere, 'secret.md'), 'ELSEWHERE-FILE-BODY\n');
    h = await startHarness({ keys: { kimi: KIMI_KEY, glm: GLM_KEY } });
    client = await h.connectClient('claude-code', '2.0.14');
  });
  afterAll(async () => {
    await h?.close();
    for (const dir of [allowed, elsewhere]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an allowed folder, allowed models and an answer language apply live to the daemon', async () => {
    const { page } = h;
    await h.open('settings');
    await waitForBadge(page, 'running');
    const pid = h.core.supervisor.state.pid;
    const card = page.getByTestId('files-models-card');

    // A relative folder is refused next to its row, and nothing is sent.
    await button(page, 'Add folder').click();
    const row = card.getByLabel('Folder 1', { exact: true });
    await row.fill('projects/app');
    await button(page, 'Save files and models').click();
    await card.getByText('Enter a full path', { exact: false }).waitFor();
    expect(h.ipcCalls.filter((c) => c.channel === 'settings:update')).toEqual([]);

    await row.fill(allowed);
    // The provider's models come from the daemon's status snapshot.
    const flash = page
      .getByTestId('allowed-models-glm')
      .getByLabel('glm-4.5-flash', { exact: true });
    await flash.check();
    await page.getByTestId('answer-language-select').selectOption('other');
    await card.getByLabel('Language tag').fill('fr');
    await button(page, 'Save files and models').click();
    await card.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    expect(h.core.settings.values.allowedRoots).toEqual([allowed]);
    expect(h.core.settings.values.allowedModels).toEqual({ kimi: [], glm: ['glm-4.5-flash'] });
    expect(h.core.settings.values.locale).toBe('fr');

    // listmodels shows only the allowed GLM model; Kimi, with none ticked, keeps all of its own.
    await expect
      .poll(async () => {
        const r = (await client.callTool({ name: 'listmodels', arguments: {} })) as ToolResult & {
          structuredContent: { providers: Array<{ id: string; models: Array<{ name: string }> }> };
        };
        const names = (id: string) =>
          r.structuredContent.providers.find((p) => p.id === id)!.models.map((m) => m.name);
        return { glm: names('glm'), kimiHasMany: names('kimi').length > 1 };
      })
      .toEqual({ glm: ['glm-4.5-flash'], kimiHasMany: true });

    // A file outside the new root is refused, naming the setting; one inside is read and sent.
    const refused = (await client.callTool({
      name: 'chat',
      arguments: {
        prompt: 'Summarise',
        model: 'glm-4.5-flash',
        files: [join(elsewhere, 'secret.md')],
      },
    })) as ToolResult;
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('allowedRoots');
    expect(JSON.stringify(h.glm.chatRequests)).not.toContain('ELSEWHERE-FILE-BODY');

    const read = (await client.callTool({
      name: 'chat',
      arguments: {
        prompt: 'Summarise',
        model: 'glm-4.5-flash',
        files: [join(allowed, 'notes.md')],
      },
    })) as ToolResult;
    expect(read.isError ?? false, textOf(read)).toBe(false);
    const sent = JSON.stringify(h.glm.chatRequests.at(-1));
    expect(sent).toContain('ALLOWED-FILE-BODY');
    // The answer language reached the model's instructions too.
    expect(sent).toContain('locale fr');

    // All of it without restarting the daemon: connected clients stayed connected.
    expect(h.core.supervisor.state.pid).toBe(pid);
    expect(h.core.supervisor.state.state).toBe('running');
  });
});
