// A multi-step workflow tool over the legacy EX-AI protocol: the pause, the continuation across
// steps, the expert with the file embedded, and bad arguments in the legacy error shape.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeProvider } from '../fixtures/fake-provider.ts';
import { startDaemon, type FakeBackedDaemon } from '../helpers/daemon.ts';
import { EXPERT_JSON, lastSent, tempProject } from '../workflows/workflow-helpers.ts';
import { LegacyClient, type Frame } from './legacy-client.ts';

let daemon: FakeBackedDaemon;
let fake: FakeProvider;
const clients: LegacyClient[] = [];

beforeAll(async () => {
  daemon = await startDaemon({ fakes: 'shared' });
  fake = daemon.kimi;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await daemon?.stop();
});

async function session(sessionId?: string): Promise<LegacyClient> {
  const { client } = await LegacyClient.session(daemon.wsUrl, daemon.token, sessionId);
  clients.push(client);
  return client;
}

/** The original's later form: `tool_call` with `tool: {name}`. */
async function toolCall(
  client: LegacyClient,
  requestId: string,
  name: string,
  args: Record<string, unknown>,
): Promise<Frame> {
  client.send({ op: 'tool_call', request_id: requestId, tool: { name }, arguments: args });
  return client.result(requestId);
}

/** A workflow answer's JSON, as a legacy client reads it from the text. */
function answerOf(res: Frame): Record<string, unknown> {
  expect(res.error).toBeUndefined();
  return JSON.parse(String(res.text)) as Record<string, unknown>;
}

function cacheProject(): string {
  const root = tempProject({
    'cache.ts':
      'export const cache = new Map();\nexport function put(k, v) {\n  cache.set(k, v);\n}\n',
  });
  return join(root, 'cache.ts');
}

describe('workflow tools over the legacy protocol', () => {
  it('lists the workflow tools with their step inputs', async () => {
    const client = await session();
    client.send({ op: 'list_tools' });
    const { tools } = (await client.next((f) => f.op === 'list_tools_res')) as unknown as {
      tools: Array<{ name: string; inputSchema: { required?: string[]; properties: object } }>;
    };
    const analyze = tools.find((t) => t.name === 'analyze');
    expect(analyze?.inputSchema.required).toEqual(
      expect.arrayContaining(['step', 'step_number', 'total_steps', 'next_step_required']),
    );
    expect(Object.keys(analyze?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['continuation_id', 'relevant_files', 'analysis_type']),
    );
  });

  it('analyze: a pause with continuation_id, then a final step whose expert gets the file; the answer carries expert_analysis', async () => {
    const client = await session();
    const file = cacheProject();
    const before = fake.chatRequests.length;

    const first = answerOf(
      await toolCall(client, 'wf1', 'analyze_EXAI-WS', {
        step: 'Read the cache module',
        step_number: 1,
        total_steps: 2,
        next_step_required: true,
        findings: 'LEGACY-FINDING-ONE: entries are added on every request',
        files_checked: [file],
        analysis_type: 'performance',
      }),
    );
    expect(first.status).toBe('pause_for_analyze');
    const id = first.continuation_id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.next_call).toMatchObject({
      tool: 'analyze',
      arguments: { step_number: 2, continuation_id: id },
    });
    // The ack names the tool without its IDE suffix; a pause calls no model.
    expect(client.all((f) => f.op === 'call_tool_ack' && f.request_id === 'wf1')).toEqual([
      expect.objectContaining({ accepted: true, name: 'analyze' }),
    ]);
    expect(fake.chatRequests.length).toBe(before);

    fake.script({ kind: 'reply', text: '```json\n' + EXPERT_JSON + '\n```' });
    const res = await toolCall(client, 'wf2', 'analyze', {
      step: 'Checked the callers',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
      findings: 'LEGACY-FINDING-TWO: nothing ever deletes',
      relevant_files: [file],
      confidence: 'high',
      continuation_id: id,
    });
    const last = answerOf(res);
    expect(last.status).toBe('analyze_complete');
    expect(last.continuation_id).toBe(id);
    expect(last.expert_analysis).toMatchObject({
      format: 'json',
      analysis: 'The cache never evicts.',
      recommendations: ['bound the map with an LRU'],
    });
    expect(last.complete_analyze).toMatchObject({ files_embedded: [file] });
    // Progress frames say which model the expert run asks.
    const notes = client
      .all((f) => f.op === 'progress' && f.request_id === 'wf2')
      .map((f) => String(f.note));
    expect(notes).toContain('Expert analysis: asking kimi-k2-0905-preview (kimi)');
    // The legacy answer also says which model answered.
    expect(res.meta).toMatchObject({ provider: 'kimi', continuation_id: id });

    // One expert request, with both steps' findings (the thread was found) and the file's lines.
    expect(fake.chatRequests.length).toBe(before + 1);
    const sent = lastSent(fake);
    expect(sent).toContain('LEGACY-FINDING-ONE');
    expect(sent).toContain('LEGACY-FINDING-TWO');
    expect(sent).toContain('analysis_type: performance');
    expect(sent).toContain(`BEGIN FILE: ${file}`);
    expect(sent).toContain('3│   cache.set(k, v);');
  });

  it('continues a workflow after a reconnect with the same session_id', async () => {
    const first = await session('wf-legacy-resume');
    const opened = answerOf(
      await toolCall(first, 'r1', 'debug', {
        step: 'Reproduce the blank page',
        step_number: 1,
        total_steps: 2,
        next_step_required: true,
        findings: 'RESUMED-FINDING: blank after login',
      }),
    );
    expect(opened.status).toBe('pause_for_investigation');
    await first.close();

    const again = await session('wf-legacy-resume');
    fake.script({ kind: 'reply', text: EXPERT_JSON });
    const done = answerOf(
      await toolCall(again, 'r2', 'debug', {
        step: 'Found it',
        step_number: 2,
        total_steps: 2,
        next_step_required: false,
        findings: 'the session cookie is dropped',
        continuation_id: opened.continuation_id,
      }),
    );
    expect(done.status).toBe('debug_complete');
    expect(lastSent(fake)).toContain('RESUMED-FINDING: blank after login');
  });

  it('cancel stops the expert (its request is aborted); the same request_id then retries the final step with the record intact', async () => {
    const client = await session();
    const opened = answerOf(
      await toolCall(client, 'x1', 'codereview', {
        step: 'Read the handler',
        step_number: 1,
        total_steps: 2,
        next_step_required: true,
        findings: 'CANCEL-FINDING: the handler never closes the file',
      }),
    );
    const final = {
      step: 'Checked the callers',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
      findings: 'no caller closes it either',
      continuation_id: opened.continuation_id,
    };
    const before = fake.chatRequests.length;
    fake.script({ kind: 'hang' });
    client.send({
      op: 'tool_call',
      request_id: 'x2',
      tool: { name: 'codereview' },
      arguments: final,
    });
    await fake.waitFor(() => fake.chatRequests.length === before + 1);
    client.send({ op: 'cancel', request_id: 'x2' });
    expect((await client.result('x2')).error).toMatchObject({ code: 'CANCELLED' });
    await fake.waitFor(() => fake.chatRequests[before]!.aborted === true);

    // A cancelled answer is not replayed: the shim's retry with the same id really runs again.
    fake.script({ kind: 'reply', text: EXPERT_JSON });
    client.send({
      op: 'tool_call',
      request_id: 'x2',
      tool: { name: 'codereview' },
      arguments: final,
    });
    const retried = await client.next(
      (f) => f.op === 'call_tool_res' && f.request_id === 'x2' && f.error === undefined,
    );
    const done = answerOf(retried);
    expect(done.status).toBe('codereview_complete');
    // The cancelled attempt's step was replaced, not counted twice.
    expect(done.complete_codereview).toMatchObject({
      steps_recorded: 2,
      findings: [
        { step: 1, findings: 'CANCEL-FINDING: the handler never closes the file' },
        { step: 2, findings: 'no caller closes it either' },
      ],
    });
    expect(fake.chatRequests.length).toBe(before + 2);
    expect(lastSent(fake)).toContain('CANCEL-FINDING: the handler never closes the file');
  });

  it("refuses another session's continuation_id, as chat does", async () => {
    const owner = await session();
    const opened = answerOf(
      await toolCall(owner, 'o1', 'analyze', {
        step: 'Look around',
        step_number: 1,
        total_steps: 2,
        next_step_required: true,
        findings: 'OWNER-ONLY',
      }),
    );
    const stranger = await session();
    const before = fake.chatRequests.length;
    const res = await toolCall(stranger, 's1', 'analyze', {
      step: 'Take over',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
      findings: 'not mine',
      continuation_id: opened.continuation_id,
    });
    expect(res.error).toMatchObject({ code: 'EXEC_ERROR' });
    expect((res.error as { message: string }).message).toMatch(
      /continuation_id|thread|conversation/i,
    );
    expect(fake.chatRequests.length).toBe(before);
  });

  it('answers a bad workflow argument with INVALID_ARGUMENTS naming the argument', async () => {
    const client = await session();
    const res = await toolCall(client, 'bad1', 'analyze', {
      step: 'Read the cache module',
      step_number: 0,
      total_steps: 2,
      next_step_required: true,
      findings: 'x',
    });
    expect(res.error).toMatchObject({ code: 'INVALID_ARGUMENTS' });
    expect((res.error as { message: string }).message).toMatch(/step_number/);

    const relative = await toolCall(client, 'bad2', 'analyze', {
      step: 'Read the cache module',
      step_number: 1,
      total_steps: 1,
      next_step_required: false,
      findings: 'x',
      relevant_files: ['src/cache.ts'],
    });
    expect(relative.error).toMatchObject({ code: 'INVALID_ARGUMENTS' });
    expect((relative.error as { message: string }).message).toMatch(/relevant_files/);
    expect((relative.error as { message: string }).message).toMatch(/src\/cache\.ts/);

    const later = await toolCall(client, 'bad3', 'debug', {
      step: 'Second step with no thread',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
      findings: 'x',
    });
    expect(later.error).toMatchObject({ code: 'INVALID_ARGUMENTS' });
    expect((later.error as { message: string }).message).toMatch(/continuation_id/);
  });
});
