import { z } from 'zod';
import { defineTool, type ToolResult } from '../tool.ts';
import { EXTRACT_TEXT_LIMIT_CHARS, uploadAndExtract } from './kimi-files.ts';

export const filesArg = z.array(z.string().min(1)).min(1).describe('Absolute paths of the files');

export const kimiUploadAndExtractTool = defineTool({
  name: 'kimi_upload_and_extract',
  title: 'Kimi: upload and extract',
  description: `Upload files to Kimi's Files API (purpose file-extract) and return the text Kimi extracts from each (PDF, Office, text…), up to ${EXTRACT_TEXT_LIMIT_CHARS} characters per file. The same content is not uploaded twice while Kimi still holds it.`,
  category: 'provider',
  timeoutS: 300,
  inputSchema: { files: filesArg },
  async handler(args, ctx): Promise<ToolResult> {
    const files = await uploadAndExtract(ctx, args.files);
    const text = files
      .map(
        (f) =>
          `=== ${f.file} (file_id ${f.file_id}, ${f.bytes} bytes${f.reused ? ', already uploaded' : ''}) ===\n${f.text}${f.note ? `\n[${f.note}]` : ''}`,
      )
      .join('\n\n');
    return {
      content: [{ type: 'text', text }],
      structuredContent: { files },
      meta: {
        provider: 'kimi',
        uploaded: files.filter((f) => !f.reused).length,
        reused: files.filter((f) => f.reused).length,
      },
    };
  },
});
