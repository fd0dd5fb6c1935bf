// Encrypts API keys and the daemon token with Electron's safeStorage (passed in, so tests and the
// Playwright harness can supply a fake). The async API is preferred where this Electron has it.

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: 'basic_text' means the keys would be protected by a hard-coded password. */
  getSelectedStorageBackend?(): string;
}

/** 'os' = keychain/DPAPI/libsecret; 'basic-text' = Linux's plain-text fallback; 'unavailable' = cannot encrypt. */
export type EncryptionLevel = 'os' | 'basic-text' | 'unavailable';

export interface Decrypted {
  value: string;
  /** The OS rotated its key: store the value again to re-encrypt it. */
  shouldReEncrypt: boolean;
}

export class SecretBox {
  private readonly safe: SafeStorageLike;
  private readonly platform: NodeJS.Platform;

  constructor(safe: SafeStorageLike, platform: NodeJS.Platform = process.platform) {
    this.safe = safe;
    this.platform = platform;
  }

  async level(): Promise<EncryptionLevel> {
    const available = this.safe.isAsyncEncryptionAvailable
      ? await this.safe.isAsyncEncryptionAvailable()
      : this.safe.isEncryptionAvailable();
    if (!available) return 'unavailable';
    if (this.platform === 'linux' && this.safe.getSelectedStorageBackend?.() === 'basic_text')
      return 'basic-text';
    return 'os';
  }

  /** Returns base64 ciphertext; the plain text never reaches disk. */
  async encrypt(plainText: string): Promise<string> {
    const buf = this.safe.encryptStringAsync
      ? await this.safe.encryptStringAsync(plainText)
      : this.safe.encryptString(plainText);
    return Buffer.from(buf).toString('base64');
  }

  async decrypt(cipherText: string): Promise<Decrypted> {
    const buf = Buffer.from(cipherText, 'base64');
    if (this.safe.decryptStringAsync) {
      const { result, shouldReEncrypt } = await this.safe.decryptStringAsync(buf);
      return { value: result, shouldReEncrypt };
    }
    return { value: this.safe.decryptString(buf), shouldReEncrypt: false };
  }
}
