import { z } from 'zod';
import { defineTool, textResult, type ToolResult } from '../tool.ts';
import { ToolError } from '../tool-error.ts';
import { listKimiFiles } from './kimi-files.ts';
import { providerClient, upstream } from './provider-client.ts';
import { UploadIndex } from './upload-index.ts';

interface ListedFile {
  id: string;
  filename: string;
  bytes: number;
  purpose: string;
  created_at?: number;
}

export const kimiManageFilesTool = defineTool({
  name: 'kimi_manage_files',
  title: 'Kimi: manage files',
  description:
    "Kimi's uploaded files: list them, delete one (file_id), or clean up those older than older_than_hours (dry_run shows what would go). Cleanup also forgets them in the daemon's upload index.",
  category: 'provider',
  inputSchema: {
    operation: z.enum(['list', 'delete', 'cleanup']),
    file_id: z.string().min(1).optional().describe('delete: the file to delete'),
    older_than_hours: z
      .number()
      .min(0)
      .optional()
      .describe('cleanup: delete files uploaded longer ago than this (default 24)'),
    dry_run: z.boolean().optional().describe('cleanup: only list what would be deleted'),
  },
  async handler(args, ctx): Promise<ToolResult> {
    const handle = await providerClient(ctx, 'kimi');
    const index = new UploadIndex(ctx.services.config().dataDir);
    if (args.operation === 'delete') {
      if (!args.file_id)
        throw new ToolError('INVALID_ARGUMENTS', 'delete needs file_id (see operation "list")');
      const id = args.file_id;
      await upstream(ctx, handle, `deleting ${id}`, () =>
        handle.client.files.delete(id, handle.options()),
      );
      index.remove('kimi', new Set([id]));
      return textResult(`deleted ${id}`, {
        structuredContent: { operation: 'delete', deleted: [id] },
      });
    }
    const files: ListedFile[] = (await listKimiFiles(ctx, handle)).map((f) => ({
      id: f.id,
      filename: f.filename,
      bytes: f.bytes,
      purpose: f.purpose,
      ...(typeof f.created_at === 'number' && { created_at: f.created_at }),
    }));
    if (args.operation === 'list') {
      const lines = files.map(
        (f) =>
          `${f.id}  ${f.filename}  ${f.bytes} bytes${f.created_at ? `  ${new Date(f.created_at * 1000).toISOString()}` : ''}`,
      );
      return textResult(files.length ? lines.join('\n') : 'no files', {
        structuredContent: { operation: 'list', files },
      });
    }
    const hours = args.older_than_hours ?? 24;
    const cutoffS = Date.now() / 1000 - hours * 3600;
    // A file without created_at cannot be shown to be old, so it stays.
    const old = files.filter((f) => f.created_at !== undefined && f.created_at <= cutoffS);
    if (args.dry_run) {
      const text = old.length
        ? `would delete ${old.length} file(s) older than ${hours} h:\n${old.map((f) => `${f.id}  ${f.filename}`).join('\n')}`
        : `no file is older than ${hours} h`;
      return textResult(text, {
        structuredContent: {
          operation: 'cleanup',
          dry_run: true,
          would_delete: old.map((f) => f.id),
        },
      });
    }
    const deleted: string[] = [];
    for (const f of old) {
      await upstream(ctx, handle, `deleting ${f.id}`, () =>
        handle.client.files.delete(f.id, handle.options()),
      );
      deleted.push(f.id);
    }
    // Index entries for files Kimi no longer lists are stale too.
    const still = new Set(files.map((f) => f.id).filter((id) => !deleted.includes(id)));
    const stale = new Set(
      index
        .all()
        .filter((r) => r.provider === 'kimi' && !still.has(r.file_id))
        .map((r) => r.file_id),
    );
    const pruned = index.remove('kimi', stale);
    return textResult(
      `deleted ${deleted.length} file(s) older than ${hours} h; forgot ${pruned} upload record(s)`,
      {
        structuredContent: { operation: 'cleanup', dry_run: false, deleted, index_pruned: pruned },
      },
    );
  },
});
