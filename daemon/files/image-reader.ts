import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ToolError } from '../core/tool-error.ts';
import { statInputFile } from './file-reader.ts';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** Turns the `images` argument (absolute paths or data URLs) into data URLs a vision model accepts. */
export async function readImages(images: readonly string[], capBytes: number): Promise<string[]> {
  const urls: string[] = [];
  for (const image of images) {
    if (image.startsWith('data:')) {
      if (!/^data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=\s]+$/i.test(image)) {
        throw new ToolError(
          'INVALID_ARGUMENTS',
          'images: a data URL must look like data:image/png;base64,…',
        );
      }
      urls.push(image);
      continue;
    }
    const mime = MIME[extname(image).toLowerCase()];
    await statInputFile(image, capBytes, 'images');
    if (!mime) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `images: ${image} is not a supported image (png, jpg, gif, webp)`,
      );
    }
    urls.push(`data:${mime};base64,${(await readFile(image)).toString('base64')}`);
  }
  return urls;
}
