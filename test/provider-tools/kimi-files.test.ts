import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDaemon, tempDataDir, text, type FakeBackedDaemon } from '../helpers/daemon.ts';

function uploads(rig: FakeBackedDaemon) {
  return rig.kimi.requests.filter((r) => r.method === 'POST' && r.path === '/files');
}

describe('kimi_upload_and_extract through a real MCP client', () => {
  it('uploads each file as file-extract and returns its extracted text', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const dir = tempDataDir();
    writeFileSync(join(dir, 'a.txt'), 'alpha contents');
    writeFileSync(join(dir, 'b.md'), '# beta\nsecond file');
    const result = await rig.call('kimi_upload_and_extract', {
      files: [join(dir, 'a.txt'), join(dir, 'b.md')],
    });
    expect(result.isError).toBeFalsy();
    const files = (result.structuredContent as { files: Array<Record<string, unknown>> }).files;
    expect(files).toEqual([
      {
        file: join(dir, 'a.txt'),
        file_id: 'file-1',
        bytes: 14,
        text: 'alpha contents',
        reused: false,
      },
      {
        file: join(dir, 'b.md'),
        file_id: 'file-2',
        bytes: 18,
        text: '# beta\nsecond file',
        reused: false,
      },
    ]);
    expect(text(result)).toContain('alpha contents');
    const posts = uploads(rig);
    expect(posts).toHaveLength(2);
    expect(String(posts[0]!.headers['content-type'])).toMatch(/^multipart\/form-data/);
    expect([...rig.kimi.filesApi.files.values()].map((f) => [f.filename, f.purpose])).toEqual([
      ['a.txt', 'file-extract'],
      ['b.md', 'file-extract'],
    ]);
    expect(
      rig.kimi.requests.some((r) => r.method === 'GET' && r.path === '/files/file-2/content'),
    ).toBe(true);
    expect(rig.kimi.requests[0]!.headers.authorization).toBe(
      `Bearer sk-kimi-e2e-secret-0123456789abcdef`,
    );
    expect(rig.glm.requests.filter((r) => r.path.startsWith('/files'))).toHaveLength(0);
  });

  it('does not upload the same content twice while Kimi still lists it, and uploads again once it is gone', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const dir = tempDataDir();
    writeFileSync(join(dir, 'one.txt'), 'same bytes');
    writeFileSync(join(dir, 'copy.txt'), 'same bytes');
    await rig.call('kimi_upload_and_extract', { files: [join(dir, 'one.txt')] });
    const again = await rig.call('kimi_upload_and_extract', { files: [join(dir, 'copy.txt')] });
    expect(again.isError).toBeFalsy();
    expect(again.structuredContent).toMatchObject({
      files: [{ file_id: 'file-1', reused: true, text: 'same bytes' }],
    });
    expect(uploads(rig)).toHaveLength(1);
    const index = JSON.parse(
      readFileSync(join(rig.d.dataDir, 'provider-uploads.json'), 'utf8'),
    ) as { uploads: Array<Record<string, unknown>> };
    expect(index.uploads).toMatchObject([{ provider: 'kimi', file_id: 'file-1', bytes: 10 }]);

    rig.kimi.filesApi.files.clear();
    const third = await rig.call('kimi_upload_and_extract', { files: [join(dir, 'one.txt')] });
    expect(third.structuredContent).toMatchObject({
      files: [{ file_id: 'file-2', reused: false }],
    });
    expect(uploads(rig)).toHaveLength(2);
  });

  it('caps the extracted text and says so', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const dir = tempDataDir();
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(100_050));
    const result = await rig.call('kimi_upload_and_extract', { files: [join(dir, 'big.txt')] });
    const [file] = (result.structuredContent as { files: Array<{ text: string; note?: string }> })
      .files;
    expect(file!.text).toHaveLength(100_000);
    expect(file!.note).toBe('text cut at 100000 of 100050 characters');
    expect(text(result)).toContain('[text cut at 100000 of 100050 characters]');
  });

  it('refuses a missing path, a directory, a FIFO and a relative path before uploading anything', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const dir = tempDataDir();
    mkdirSync(join(dir, 'sub'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    writeFileSync(join(dir, 'ok.txt'), 'fine');
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'nope.txt'), /does not exist/],
      [join(dir, 'sub'), /is a directory/],
      [join(dir, 'pipe'), /not a regular file/],
      ['relative.txt', /not an absolute path/],
    ];
    for (const [path, why] of cases) {
      const result = await rig.call('kimi_upload_and_extract', {
        files: [join(dir, 'ok.txt'), path],
      });
      expect(result.isError, path).toBe(true);
      expect(text(result)).toMatch(/^INVALID_ARGUMENTS: files: /);
      expect(text(result)).toMatch(why);
    }
    expect(uploads(rig)).toHaveLength(0);
  });
});

describe('kimi_manage_files', () => {
  it('lists, cleans up old files (dry run first) and prunes the upload index, and deletes by id', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const dir = tempDataDir();
    for (const name of ['old.txt', 'new.txt', 'other.txt'])
      writeFileSync(join(dir, name), `content of ${name}`);
    await rig.call('kimi_upload_and_extract', {
      files: ['old.txt', 'new.txt', 'other.txt'].map((n) => join(dir, n)),
    });
    rig.kimi.filesApi.files.get('file-1')!.created_at -= 5 * 3600;

    const list = await rig.call('kimi_manage_files', { operation: 'list' });
    expect(
      (list.structuredContent as { files: Array<{ id: string }> }).files.map((f) => f.id),
    ).toEqual(['file-1', 'file-2', 'file-3']);
    expect(text(list)).toContain('old.txt');

    const dry = await rig.call('kimi_manage_files', {
      operation: 'cleanup',
      older_than_hours: 2,
      dry_run: true,
    });
    expect(dry.structuredContent).toEqual({
      operation: 'cleanup',
      dry_run: true,
      would_delete: ['file-1'],
    });
    expect(rig.kimi.filesApi.files.has('file-1')).toBe(true);
    expect(rig.kimi.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);

    const clean = await rig.call('kimi_manage_files', {
      operation: 'cleanup',
      older_than_hours: 2,
    });
    expect(clean.structuredContent).toEqual({
      operation: 'cleanup',
      dry_run: false,
      deleted: ['file-1'],
      index_pruned: 1,
    });
    expect([...rig.kimi.filesApi.files.keys()]).toEqual(['file-2', 'file-3']);
    const index = () =>
      (
        JSON.parse(readFileSync(join(rig.d.dataDir, 'provider-uploads.json'), 'utf8')) as {
          uploads: Array<{ file_id: string }>;
        }
      ).uploads.map((u) => u.file_id);
    expect(index()).toEqual(['file-2', 'file-3']);

    const del = await rig.call('kimi_manage_files', { operation: 'delete', file_id: 'file-3' });
    expect(del.isError).toBeFalsy();
    expect([...rig.kimi.filesApi.files.keys()]).toEqual(['file-2']);
    expect(index()).toEqual(['file-2']);

    const missingId = await rig.call('kimi_manage_files', { operation: 'delete' });
    expect(text(missingId)).toMatch(/INVALID_ARGUMENTS: delete needs file_id/);
  });
});
