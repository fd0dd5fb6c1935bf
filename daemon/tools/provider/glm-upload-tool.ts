import { z } from 'zod';
import { defineTool, type ToolResult } from '../tool.ts';
import { providerClient, upstream } from './provider-client.ts';
import { readUploadSource } from './upload-source.ts';

/** Z.ai's published per-file limit for its Files API. */
export const GLM_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

export const glmUploadFileTool = defineTool({
  name: 'glm_upload_file',
  title: 'GLM: upload a file',
  description:
    "Upload one file to Z.ai's Files API and return the file object (id, bytes, purpose…).",
  category: 'provider',
  timeoutS: 300,
  inputSchema: {
    file: z.string().min(1).describe('Absolute path of the file'),
    purpose: z.string().min(1).optional().describe('Default file-extract'),
  },
  async handler(args, ctx): Promise<ToolResult> {
    const source = await readUploadSource(args.file, GLM_UPLOAD_LIMIT_BYTES, 'file', ctx);
    const handle = await providerClient(ctx, 'glm');
    ctx.progress({ message: `uploading ${source.filename} (${source.data.length} bytes) to GLM` });
    const upload = await handle.sdk.toFile(source.data, source.filename);
    const purpose = (args.purpose ?? 'file-extract') as 'assistants';
    const created = await upstream(ctx, handle, `uploading ${source.path}`, () =>
      handle.client.files.create({ file: upload, purpose }, handle.options()),
    );
    const file = { ...created } as unknown as Record<string, unknown>;
    return {
      content: [
        {
          type: 'text',
          text: `uploaded ${source.path} to GLM as ${created.id} (${source.data.length} bytes)\n${JSON.stringify(file, null, 2)}`,
        },
      ],
      structuredContent: { file },
      meta: { provider: 'glm' },
    };
  },
});
