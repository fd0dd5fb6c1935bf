import { ToolError } from '../core/tool-error.ts';
import type { FileReadContext } from './read-context.ts';
import { formatBytes, openUserFile, readUserFile } from './open-user-file.ts';
import { chargeFile } from './read-budget.ts';

/** The MIME type an image's first bytes show, or undefined when they are no image we send. */
export function imageMime(data: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...data.subarray(from, to));
  if (
    data.length >= 8 &&
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => data[i] === b)
  ) {
    return 'image/png';
  }
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
    return 'image/jpeg';
  if (data.length >= 6 && /^GIF8[79]a$/.test(ascii(0, 6))) return 'image/gif';
  if (data.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/** Data URLs have no path to recognise them by: each one counts. */
let dataUrls = 0;

function notAnImage(shown: string): ToolError {
  return new ToolError(
    'INVALID_ARGUMENTS',
    `images: ${shown} is not a supported image (png, jpg, gif, webp): its contents do not start like one`,
  );
}

/**
 * Turns the `images` argument (absolute paths or data URLs) into data URLs a vision model
 * accepts. Paths go through openUserFile under the image size cap; every image, path or data
 * URL, must start with a PNG, JPEG, GIF or WebP signature and counts against the call's caps.
 */
export async function readImages(
  images: readonly string[],
  ctx: FileReadContext,
): Promise<string[]> {
  const { config, signal } = ctx;
  const urls: string[] = [];
  const seen = new Set<string>();
  const sizeCap = {
    capBytes: config.imageSizeCapBytes,
    capSetting: 'imageSizeCapBytes',
    argName: 'images',
  };
  for (const [index, image] of images.entries()) {
    if (image.startsWith('data:')) {
      const match = /^data:image\/[a-z0-9.+-]+;base64,([A-Za-z0-9+/=\s]+)$/i.exec(image);
      if (!match) {
        throw new ToolError(
          'INVALID_ARGUMENTS',
          'images: a data URL must look like data:image/png;base64,…',
        );
      }
      const data = Buffer.from(match[1]!, 'base64');
      const shown = `data URL #${index + 1}`;
      if (data.length > config.imageSizeCapBytes) {
        throw new ToolError(
          'INVALID_ARGUMENTS',
          `images: ${shown} is ${formatBytes(data.length)}, over the ${formatBytes(config.imageSizeCapBytes)} file size cap (setting imageSizeCapBytes)`,
        );
      }
      const mime = imageMime(data);
      if (!mime) throw notAnImage(shown);
      chargeFile(signal, config, `data:${(dataUrls += 1)}`, data.length, 'images', shown);
      urls.push(`data:${mime};base64,${data.toString('base64')}`);
      continue;
    }
    const file = await openUserFile(image, { ...ctx, ...sizeCap });
    const key = `image:${file.realPath}`;
    if (seen.has(key)) {
      await file.handle.close();
      continue;
    }
    seen.add(key);
    try {
      chargeFile(signal, config, key, file.size, 'images', image);
    } catch (error) {
      await file.handle.close();
      throw error;
    }
    const data = await readUserFile(file, { ...ctx, ...sizeCap });
    const mime = imageMime(data);
    if (!mime) throw notAnImage(image);
    urls.push(`data:${mime};base64,${data.toString('base64')}`);
  }
  return urls;
}
