// The suite's one polling helper, for conditions vitest's own `vi.waitFor` / `expect.poll` do not
// fit well (a value to carry on with, or state outside a test body). Decide outcomes by polling
// state, never by sleeping a fixed time.
//
//   await until(() => out.length === 1, 'the answer');
//   const session = await until(async () => (await status()).sessions.find(...), 'the session');

/** Resolves with the probe's first truthy value; rejects naming `what` after `timeoutMs`. */
export async function until<T>(
  probe: () => T | Promise<T>,
  what = 'a condition',
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
