// A multi-step workflow tool through `exai bridge` (stdio ⇄ daemon), as Claude Desktop runs it.
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeProvider } from '../fixtures/fake-provider.ts';
import { startDaemon, text, type FakeBackedDaemon } from '../helpers/daemon.ts';
import { EXPERT_JSON, lastSent, tempProject } from '../workflows/workflow-helpers.ts';
import { connectViaBridge, type BridgedClient } from './bridge-client.ts';

let daemon: FakeBackedDaemon;
let fake: FakeProvider;
let bridged: BridgedClient;

beforeAll(async () => {
  daemon = await startDaemon({ fakes: 'shared' });
  fake = daemon.kimi;
  bridged = await connectViaBridge(['--data-dir', daemon.dataDir, '--no-autostart']);
  // As a real client does: the SDK then checks each answer against the tool's outputSchema.
  await bridged.client.listTools();
});
afterAll(async () => {
  await bridged?.client.close();
  await daemon?.stop();
});

async function callStep(
  name: string,
  args: Record<string, unknown>,
  progress?: string[],
): Promise<{ result: CallToolResult; sc: Record<string, unknown> }> {
  const result = (await bridged.client.callTool(
    { name, arguments: args },
    undefined,
    progress ? { onprogress: (p) => progress.push(p.message ?? '') } : undefined,
  )) as CallToolResult;
  return { result, sc: (result.structuredContent ?? {}) as Record<string, unknown> };
}

describe('workflow tools through exai bridge', () => {
  it('debug: a pause with continuation_id, then a final step whose expert gets the file; structuredContent and progress pass through', async () => {
    const root = tempProject({
      'session.ts': 'export function login(res) {\n  res.cookie = undefined;\n  return res;\n}\n',
    });
    const file = join(root, 'session.ts');
    const before = fake.chatRequests.length;

    const first = await callStep('debug', {
      step: 'Reproduce the blank page after login',
      step_number: 1,
      total_steps: 2,
      next_step_required: true,
      findings: 'BRIDGE-FINDING-ONE: the page is blank after login',
      hypothesis: 'the session cookie is dropped',
      files_checked: [file],
    });
    expect(first.result.isError).toBeFalsy();
    expect(first.sc.status).toBe('pause_for_investigation');
    const id = first.sc.continuation_id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.sc.next_call).toMatchObject({
      tool: 'debug',
      arguments: { step_number: 2, continuation_id: id },
    });
    // Clients that ignore structuredContent read the same JSON from the text.
    expect(JSON.parse(text(first.result))).toEqual(first.sc);
    expect(fake.chatRequests.length).toBe(before);

    fake.script({ kind: 'reply', text: EXPERT_JSON });
    const progress: string[] = [];
    const last = await callStep(
      'debug',
      {
        step: 'Read the login handler',
        step_number: 2,
        total_steps: 2,
        next_step_required: false,
        findings: 'BRIDGE-FINDING-TWO: login() clears the cookie',
        relevant_files: [file],
        confidence: 'high',
        continuation_id: id,
      },
      progress,
    );
    expect(last.result.isError).toBeFalsy();
    expect(last.sc.status).toBe('debug_complete');
    expect(last.sc.continuation_id).toBe(id);
    expect(last.sc.expert_analysis).toMatchObject({
      provider: 'kimi',
      format: 'json',
      analysis: 'The cache never evicts.',
    });
    expect(last.sc.complete_debug).toMatchObject({ files_embedded: [file] });
    expect(last.result._meta).toMatchObject({ provider: 'kimi' });
    expect(progress).toContain('Expert analysis: asking kimi-k2-0905-preview (kimi)');

    expect(fake.chatRequests.length).toBe(before + 1);
    const sent = lastSent(fake);
    expect(sent).toContain('BRIDGE-FINDING-ONE');
    expect(sent).toContain('BRIDGE-FINDING-TWO');
    expect(sent).toContain('Hypothesis: the session cookie is dropped');
    expect(sent).toContain(`BEGIN FILE: ${file}`);
    expect(sent).toContain('2│   res.cookie = undefined;');
  });

  it('a failed expert reaches the bridged client as a tool error naming the model, and the final step can be retried', async () => {
    const opened = await callStep('analyze', {
      step: 'Look at the module',
      step_number: 1,
      total_steps: 2,
      next_step_required: true,
      findings: 'RETRY-FINDING',
    });
    const final = {
      step: 'Done looking',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
      findings: 'nothing else',
      continuation_id: opened.sc.continuation_id,
      model: 'kimi-k2-0905-preview',
    };
    fake.script({ kind: 'status', status: 400, message: 'upstream refused the request' });
    const failed = await callStep('analyze', final);
    expect(failed.result.isError).toBe(true);
    expect(text(failed.result)).toMatch(/kimi-k2-0905-preview \(kimi\)/);

    fake.script({ kind: 'reply', text: EXPERT_JSON });
    const retried = await callStep('analyze', final);
    expect(retried.result.isError).toBeFalsy();
    expect(retried.sc.status).toBe('analyze_complete');
    expect(lastSent(fake)).toContain('RETRY-FINDING');
  });

  it('a bad step argument is an error naming it, and the bridge keeps serving', async () => {
    const bad = await bridged.client
      .callTool({
        name: 'analyze',
        arguments: {
          step: 'x',
          step_number: 1,
          total_steps: 1,
          next_step_required: false,
          findings: 'x',
          confidence: 'pretty sure',
        },
      })
      .then(
        (r) => text(r as CallToolResult),
        (e: unknown) => String(e),
      );
    expect(bad).toMatch(/confidence/);
    const ok = await bridged.client.callTool({ name: 'version', arguments: {} });
    expect(text(ok as CallToolResult)).toMatch(/^EXAI daemon /);
    // Nothing but protocol on stdout. (The SDK client itself handles a response before a
    // progress notification read in the same chunk, and reports that progress as "unknown token":
    // its own ordering, not the bridge's.)
    expect(
      bridged.errors.filter((e) => !/progress notification for an unknown token/.test(e.message)),
    ).toEqual([]);
  });
});
