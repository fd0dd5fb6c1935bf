import { FakeProvider } from '../fixtures/fake-provider.ts';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';

export const FAKE_KEY = 'sk-legacy-test-0123456789abcdef';

/** A real daemon whose Kimi and GLM both point at one fake provider on loopback. */
export async function startDaemonWithFake(env: Record<string, string> = {}, args: string[] = []): Promise<{ daemon: RunningDaemon; fake: FakeProvider; chatRequests(): number }> {
  const fake = new FakeProvider({ apiKey: FAKE_KEY });
  const baseUrl = await fake.start();
  try {
    const daemon = await startDaemon({
      env: { KIMI_API_KEY: FAKE_KEY, KIMI_API_URL: baseUrl, GLM_API_KEY: FAKE_KEY, GLM_API_URL: baseUrl, ...env },
      args,
    });
    return { daemon, fake, chatRequests: () => fake.requests.filter((r) => r.path.endsWith('/chat/completions')).length };
  } catch (error) {
    await fake.stop();
    throw error;
  }
}
