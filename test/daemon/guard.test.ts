import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';

let d: RunningDaemon;
beforeAll(async () => {
  d = await startDaemon();
});
afterAll(async () => {
  await d?.stop();
});

/** A raw request, so tests can send any Host and Origin header. */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: d.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function upgrade(
  url: string,
  options: { protocol?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options.protocol ?? 'mcp', { headers: options.headers });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('error', () => undefined);
  });
}

describe('the guard', () => {
  it('serves /healthz without a token and without secrets', async () => {
    const { status, body } = await get('/healthz', { host: `127.0.0.1:${d.port}` });
    expect(status).toBe(200);
    const health = JSON.parse(body);
    expect(health).toMatchObject({
      status: 'ok',
      version: '0.1.0',
      port: d.port,
      sessions: 0,
      inflight: 0,
      providers: { kimi: { configured: false }, glm: { configured: false } },
    });
    expect(typeof health.pid).toBe('number');
    expect(typeof health.uptime_s).toBe('number');
    expect(Date.parse(health.started_at)).not.toBeNaN();
    expect(body).not.toContain(d.token);
  });

  it('answers 401 for a missing or wrong token, with the reason', async () => {
    const missing = await get('/metrics', { host: `127.0.0.1:${d.port}` });
    expect(missing.status).toBe(401);
    expect(missing.body).toContain('missing token');
    const wrong = await get('/metrics', {
      host: `127.0.0.1:${d.port}`,
      authorization: 'Bearer nope-nope-nope-nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('wrong token');
    const ok = await get('/metrics', {
      host: `127.0.0.1:${d.port}`,
      authorization: `Bearer ${d.token}`,
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Origin and a rebinding Host with 403', async () => {
    const origin = await get('/healthz', {
      host: `127.0.0.1:${d.port}`,
      origin: 'https://evil.example',
    });
    expect(origin.status).toBe(403);
    expect(origin.body).toContain('forbidden origin');
    const host = await get('/healthz', { host: `evil.example:${d.port}` });
    expect(host.status).toBe(403);
    expect(host.body).toContain('forbidden host');
    const otherPort = await get('/healthz', { host: `127.0.0.1:1` });
    expect(otherPort.status).toBe(403);
    expect((await get('/healthz', { host: `localhost:${d.port}` })).status).toBe(200);
  });

  it('refuses WebSocket upgrades before MCP: no token, wrong token, bad Origin', async () => {
    expect(await upgrade(d.wsUrl)).toMatchObject({
      status: 401,
      body: expect.stringContaining('missing token'),
    });
    expect(await upgrade(`${d.wsUrl}?token=wrong-wrong-wrong-wrong`)).toMatchObject({
      status: 401,
    });
    expect(
      await upgrade(`${d.wsUrl}?token=${d.token}`, { headers: { origin: 'http://evil.example' } }),
    ).toMatchObject({ status: 403 });
    expect(
      await upgrade(d.wsUrl, { headers: { authorization: `Bearer ${d.token}` } }),
    ).toMatchObject({ status: 101 });
    expect(await upgrade(`${d.wsUrl}?token=${d.token}`)).toMatchObject({ status: 101 });
  });

  it('allows an Origin that the user allow-listed', async () => {
    const open = await startDaemon({ env: { EXAI_ALLOWED_ORIGINS: 'http://localhost:5173' } });
    try {
      const res = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: open.port,
            path: '/healthz',
            headers: { origin: 'http://localhost:5173' },
          },
          (r) => {
            r.resume();
            resolve(r.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(res).toBe(200);
    } finally {
      await open.stop();
    }
  });

  it('serves Prometheus metrics for calls, latency, sessions and in-flight', async () => {
    const res = await fetch(`${d.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${d.token}` },
    });
    const text = await res.text();
    for (const name of [
      'exai_tool_calls_total',
      'exai_tool_call_duration_seconds',
      'exai_sessions',
      'exai_inflight_calls',
      'exai_process_resident_memory_bytes',
    ]) {
      expect(text).toContain(name);
    }
  });
});
