import { describe, expect, it } from 'vitest';
import { translator } from '../../main/i18n.ts';
import { InflightGuard, inflightOf, type GuardedAction } from '../../main/shell/inflight-guard.ts';
import { createFakeElectron, type FakeElectron } from './fake-electron.ts';

// The tray's Stop/Restart and every Quit ask before cutting running calls short, with Electron's
// message box (here the recording fake of test/main/fake-electron.ts); with none running, they go.

function setup(calls: number, sessions = 1, language: 'en' | 'zh-CN' = 'en') {
  const fake: FakeElectron = createFakeElectron({ userData: '/nonexistent' });
  const state = { calls, sessions };
  const guard = new InflightGuard({
    electron: {
      dialog: fake.module.dialog as never,
      focusedWindow: () => fake.module.BrowserWindow.getFocusedWindow() as never,
    },
    inflight: () => state,
    t: translator(language),
  });
  const done: GuardedAction[] = [];
  const click = (action: GuardedAction) => guard.run(action, () => done.push(action));
  return { fake, guard, state, done, click };
}

/** Lets the guard's pending promises settle. */
const settle = () => new Promise((ok) => setImmediate(ok));

describe('InflightGuard', () => {
  it('goes straight through, without a question, when no calls are running', async () => {
    const { fake, done, click } = setup(0, 3);
    await click('quit');
    await click('stop');
    await click('restart');
    expect(done).toEqual(['quit', 'stop', 'restart']);
    expect(fake.messageBoxes).toEqual([]);
  });

  it('asks before Quit with calls running; Cancel keeps the app, "Quit anyway" quits', async () => {
    const { fake, done, click } = setup(2, 1);
    const first = click('quit');
    await settle();
    expect(fake.messageBoxes).toHaveLength(1);
    const box = fake.messageBoxes[0]!;
    // From the tray no window is focused: an app-wide box.
    expect(box.parent).toBeUndefined();
    expect(box.options).toMatchObject({
      message: 'Quit EXAI?',
      detail:
        '2 calls are still running. They get a few seconds to finish and are then cancelled; 1 connected client(s) lose their connection.',
      buttons: ['Quit anyway', 'Cancel'],
      cancelId: 1,
    });
    box.answer(1);
    await first;
    expect(done).toEqual([]);

    const second = click('quit');
    await settle();
    fake.messageBoxes[1]!.answer(0);
    await second;
    expect(done).toEqual(['quit']);
  });

  it("words Stop and Restart as the dashboard's own buttons do, one call singular", async () => {
    const { fake, done, click } = setup(1, 2);
    const stop = click('stop');
    await settle();
    expect(fake.messageBoxes[0]!.options).toMatchObject({
      message: 'Stop the EXAI daemon?',
      detail: expect.stringMatching(/^1 call is still running\./),
      buttons: ['Stop anyway', 'Cancel'],
    });
    fake.messageBoxes[0]!.answer(0);
    await stop;
    const restart = click('restart');
    await settle();
    expect(fake.messageBoxes[1]!.options).toMatchObject({
      message: 'Restart the EXAI daemon?',
      buttons: ['Restart anyway', 'Cancel'],
    });
    fake.messageBoxes[1]!.answer(0);
    await restart;
    expect(done).toEqual(['stop', 'restart']);
  });

  it("asks in the app's language", async () => {
    const { fake, click } = setup(3, 1, 'zh-CN');
    const quit = click('quit');
    await settle();
    expect(fake.messageBoxes[0]!.options).toMatchObject({
      message: '退出 EXAI？',
      buttons: ['仍然退出', '取消'],
      detail: expect.stringContaining('还有 3 个调用在进行中'),
    });
    fake.messageBoxes[0]!.answer(1);
    await quit;
  });

  it('is modal to the dashboard when the Quit came from the window, and asks once however many clicks', async () => {
    const { fake, done, click } = setup(1);
    const win = new fake.module.BrowserWindow({});
    win.focus();
    const first = click('quit');
    const again = click('quit'); // a second click while the question is open
    await settle();
    await again;
    expect(fake.messageBoxes).toHaveLength(1);
    expect(fake.messageBoxes[0]!.parent).toBe(win);
    fake.messageBoxes[0]!.answer(0);
    await first;
    expect(done).toEqual(['quit']);
  });

  it('counts calls and clients from the status snapshot; a stopped daemon has none', () => {
    expect(inflightOf(null)).toEqual({ calls: 0, sessions: 0 });
    expect(inflightOf({ inflight: 4, sessions: [{}, {}] })).toEqual({ calls: 4, sessions: 2 });
  });
});
