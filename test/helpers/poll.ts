// The suite's one polling helper for conditions vitest's own `vi.waitFor` / `expect.poll` do not
// fit (plain booleans over state outside a test body, e.g. in a fixture). Decide outcomes by
// polling state, never by sleeping a fixed time.
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
