import type { SafeStorageLike } from '../../main/settings/secrets.ts';

// Stands in for Electron's safeStorage: a reversible XOR "cipher" with a marker, so tests can see
// that what reaches disk is not the plain text and that decryption round-trips.
export class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  rotateNext = false;
  calls = { encryptAsync: 0, decryptAsync: 0 };

  isEncryptionAvailable(): boolean {
    return this.available;
  }
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.concat([
      Buffer.from('FAKE'),
      Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a),
    ]);
  }
  decryptString(encrypted: Buffer): string {
    if (encrypted.subarray(0, 4).toString() !== 'FAKE')
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    return Buffer.from(encrypted.subarray(4).map((b) => b ^ 0x5a)).toString('utf8');
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.encryptAsync += 1;
    return this.encryptString(plainText);
  }
  async decryptStringAsync(
    encrypted: Buffer,
  ): Promise<{ result: string; shouldReEncrypt: boolean }> {
    this.calls.decryptAsync += 1;
    return { result: this.decryptString(encrypted), shouldReEncrypt: this.rotateNext };
  }
}
