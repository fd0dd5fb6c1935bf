import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replacePrivateFile } from '../../core/private-file.ts';

/** One upload this daemon made to a provider's Files API. */
export interface UploadRecord {
  provider: 'kimi' | 'glm';
  sha256: string;
  file_id: string;
  filename: string;
  bytes: number;
  /** Epoch milliseconds. */
  uploaded_at: number;
}

const FILE = 'provider-uploads.json';

/**
 * The uploads this daemon made (a small JSON file in the data folder), so the same content is
 * not uploaded twice while the provider still lists it. Written whole to a temporary file and
 * renamed, so a crash never leaves it half-written; an unreadable file counts as empty.
 */
export class UploadIndex {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, FILE);
  }

  all(): UploadRecord[] {
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as { uploads?: unknown };
      return Array.isArray(parsed.uploads) ? (parsed.uploads as UploadRecord[]) : [];
    } catch {
      return [];
    }
  }

  find(provider: UploadRecord['provider'], sha256: string): UploadRecord | undefined {
    return this.all().find((r) => r.provider === provider && r.sha256 === sha256);
  }

  add(record: UploadRecord): void {
    const rest = this.all().filter(
      (r) => !(r.provider === record.provider && r.sha256 === record.sha256),
    );
    this.write([...rest, record]);
  }

  /** Drops the records of these file ids; returns how many went. */
  remove(provider: UploadRecord['provider'], fileIds: ReadonlySet<string>): number {
    const all = this.all();
    const kept = all.filter((r) => r.provider !== provider || !fileIds.has(r.file_id));
    if (kept.length !== all.length) this.write(kept);
    return all.length - kept.length;
  }

  private write(uploads: UploadRecord[]): void {
    mkdirSync(join(this.path, '..'), { recursive: true });
    replacePrivateFile(this.path, JSON.stringify({ uploads }, null, 1));
  }
}
