// Tests start every daemon with EXAI_TEST_LOOPBACK_ONLY=1, so a test that forgot to point a
// keyed provider at the fake fails loudly instead of sending a request to the real API. The
// stderr line is what the test launcher looks for; the throw stops the request itself.
const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);

export function refuseNonLoopbackInTests(baseUrl: string): void {
  if (process.env.EXAI_TEST_LOOPBACK_ONLY !== '1') return;
  let host = baseUrl;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    // not a URL: refused below, naming it as given
  }
  if (LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host)) return;
  const message = `EXAI_TEST_LOOPBACK_ONLY: refused an upstream request to ${host}, which is not loopback; point the test at the fake provider`;
  process.stderr.write(`${message}\n`);
  throw new Error(message);
}
