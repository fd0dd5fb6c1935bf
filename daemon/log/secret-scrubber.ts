// Redaction by value, not by field name: whatever path a token or API key takes into a log
// line or an error message, the text is replaced before it is written anywhere.
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined | null): void {
    // Short values would blank out ordinary words; real keys and tokens are long.
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(`[redacted …${secret.slice(-2)}]`);
    }
    return out;
  }
}
