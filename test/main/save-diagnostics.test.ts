import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import {
  diagnosticsFileName,
  saveDiagnostics,
  type SaveDiagnosticsDeps,
} from '../../main/diagnostics/save-diagnostics.ts';
import { FileSaver, type SaveRequest } from '../../main/shell/save-to-file.ts';
import { GLM_KEY, KIMI_KEY, startDaemon } from '../helpers/daemon.ts';
import { createFakeElectron, saveDialogOf } from './fake-electron.ts';

// The decisions around "Save diagnostics…": the dialog, the request to the daemon, the write.
// A loopback server stands in for the daemon's route in most; the last one uses the real daemon.

const TOKEN = 'tok-diagnostics-0123456789';
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

interface Seen {
  url?: string;
  auth?: string | undefined;
}

async function fakeDaemon(
  status = 200,
  type = 'application/zip',
): Promise<{ endpoint: string; seen: Seen }> {
  const seen: Seen = {};
  server = createServer((req, res) => {
    seen.url = req.url;
    seen.auth = req.headers.authorization;
    res.writeHead(status, { 'content-type': type });
    res.end(status === 200 ? Buffer.from(ZIP) : 'bad token');
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { endpoint: `http://127.0.0.1:${port}/mcp`, seen };
}

/** A saver that records what it was offered and written; `cancel` plays the user closing the dialog. */
function recordingSaver(cancel = false) {
  const written: Array<{ path: string; data: Uint8Array }> = [];
  const offered: SaveRequest[] = [];
  const saver: Pick<FileSaver, 'save'> = {
    save: async (request, content) => {
      offered.push(request);
      if (cancel) return { saved: false };
      const data = (typeof content === 'function' ? await content() : content) as Uint8Array;
      written.push({ path: '/chosen/exai.zip', data });
      return { saved: true, path: '/chosen/exai.zip', bytes: data.length };
    },
  };
  return { saver, written, offered };
}

function deps(over: Partial<SaveDiagnosticsDeps> & { endpoint?: string; cancel?: boolean }) {
  const { saver, written, offered } = recordingSaver(over.cancel);
  const d: SaveDiagnosticsDeps = {
    daemon: () => (over.endpoint ? { httpEndpoint: over.endpoint, token: TOKEN } : undefined),
    saver,
    fetch,
    versions: { app: '0.3.0', electron: '43.8.12', chrome: '146.0.7680.80' },
    now: () => new Date(2026, 10, 29, 16, 5),
    ...over,
  };
  return { d, written, offered };
}

describe('save diagnostics', () => {
  it('fetches the archive with the token and the app versions, and writes it where the user chose', async () => {
    const { endpoint, seen } = await fakeDaemon();
    const { d, written, offered } = deps({ endpoint });
    expect(await saveDiagnostics(d)).toEqual({
      saved: true,
      path: '/chosen/exai.zip',
      bytes: ZIP.length,
    });
    expect(offered).toEqual([
      {
        title: 'Save EXAI diagnostics',
        defaultName: 'exai-diagnostics-2026-11-29-1605.zip',
        filters: [{ name: 'Zip', extensions: ['zip'] }],
      },
    ]);
    expect(seen.auth).toBe(`Bearer ${TOKEN}`);
    expect(seen.url).toBe('/diagnostics.zip?app=0.3.0&electron=43.8.12&chrome=146.0.7680.80');
    expect(written).toEqual([{ path: '/chosen/exai.zip', data: ZIP }]);
  });

  it('writes nothing and asks the daemon nothing when the user cancels the dialog', async () => {
    const { endpoint, seen } = await fakeDaemon();
    const { d, written } = deps({ endpoint, cancel: true });
    expect(await saveDiagnostics(d)).toEqual({ saved: false });
    expect(seen.url).toBeUndefined();
    expect(written).toEqual([]);
  });

  it('says the daemon is not running before opening any dialog', async () => {
    const { d, offered } = deps({});
    await expect(saveDiagnostics(d)).rejects.toThrow(/daemon is not running/);
    expect(offered).toEqual([]);
  });

  it('reports what the daemon answered instead of writing an error page as a zip', async () => {
    const refused = await fakeDaemon(401, 'text/plain');
    const first = deps({ endpoint: refused.endpoint });
    await expect(saveDiagnostics(first.d)).rejects.toThrow('the daemon answered 401: bad token');
    expect(first.written).toEqual([]);
    await new Promise((r) => server?.close(r));

    const html = await fakeDaemon(200, 'text/html');
    const second = deps({ endpoint: html.endpoint });
    await expect(saveDiagnostics(second.d)).rejects.toThrow(/text\/html, not a zip archive/);
    expect(second.written).toEqual([]);
  });

  it('says so when the daemon cannot be reached', async () => {
    const { endpoint } = await fakeDaemon();
    await new Promise((r) => server?.close(r));
    server = undefined;
    const { d, written } = deps({ endpoint });
    await expect(saveDiagnostics(d)).rejects.toThrow(/could not reach the daemon/);
    expect(written).toEqual([]);
  });

  it('names the file with the local date and time', () => {
    expect(diagnosticsFileName(new Date(2026, 0, 5, 9, 7))).toBe(
      'exai-diagnostics-2026-01-05-0907.zip',
    );
  });

  it('saves the real daemon’s archive with the app’s versions and no key or token in it', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true });
    const dir = mkdtempSync(join(tmpdir(), 'exai-diag-'));
    const path = join(dir, 'out.zip');
    const fake = createFakeElectron({ userData: dir });
    fake.saveAnswers.push(path);
    const result = await saveDiagnostics({
      daemon: () => ({ httpEndpoint: d.httpUrl, token: d.token }),
      saver: new FileSaver(saveDialogOf(fake)),
      fetch,
      versions: { app: '0.3.0', electron: '43.8.12', chrome: '146.0.7680.80' },
    });
    expect(result).toMatchObject({ saved: true, path });
    expect(fake.saveDialogs[0]!.options.defaultPath).toMatch(
      /downloads[/\\]exai-diagnostics-\d{4}-\d\d-\d\d-\d{4}\.zip$/,
    );
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    const versions = JSON.parse(strFromU8(files['versions.json']!)) as Record<string, string>;
    expect(versions).toMatchObject({ app: '0.3.0', electron: '43.8.12', chrome: '146.0.7680.80' });
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    for (const secret of [KIMI_KEY, GLM_KEY, d.token]) expect(all).not.toContain(secret);
  });
});
