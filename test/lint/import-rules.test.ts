import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The folder import rules (docs/testing.md, "What each folder runs in"), checked through the project's real lint config.
const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.endsWith('no-restricted-imports'))
    .map((m) => m.message);
}

describe('import rules between process folders', () => {
  it('daemon/ may not import electron, main/ or renderer/', async () => {
    expect(
      await errorsFor('daemon/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toEqual([expect.stringContaining('never imports electron')]);
    expect(
      await errorsFor(
        'daemon/x.ts',
        "import { a } from '../main/supervisor.ts';\nexport const b = a;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errorsFor(
        'daemon/x.ts',
        "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n",
      ),
    ).toEqual([]);
  });

  it('renderer/ may not import electron, node: modules or daemon code', async () => {
    expect(
      await errorsFor(
        'renderer/src/x.ts',
        "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errorsFor(
        'renderer/src/x.ts',
        "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errorsFor(
        'renderer/src/x.ts',
        "import { Daemon } from '../../daemon/daemon.ts';\nexport const a = Daemon;\n",
      ),
    ).toHaveLength(1);
  });

  it('preload/ may not import node: modules or daemon code; main/ may not import renderer/', async () => {
    expect(
      await errorsFor(
        'preload/x.ts',
        "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errorsFor(
        'preload/x.ts',
        "import { Daemon } from '../daemon/daemon.ts';\nexport const a = Daemon;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errorsFor(
        'main/x.ts',
        "import { App } from '../renderer/src/App.tsx';\nexport const a = App;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errorsFor('main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toEqual([]);
  });

  it('main/ may import only daemon/parent/* of the daemon, from any folder depth', async () => {
    const only = 'main/ may import only daemon/parent/* of the daemon.';
    expect(
      await errorsFor(
        'main/x.ts',
        "import { loadConfig } from '../daemon/config/load.ts';\nexport const a = loadConfig;\n",
      ),
    ).toEqual([expect.stringContaining(only)]);
    expect(
      await errorsFor(
        'main/settings/x.ts',
        "import type { Config } from '../../daemon/config/schema.ts';\nexport type A = Config;\n",
      ),
    ).toEqual([expect.stringContaining(only)]);
    expect(
      await errorsFor(
        'main/settings/x.ts',
        "import { Daemon } from '../../daemon/daemon.ts';\nexport const a = Daemon;\n",
      ),
    ).toEqual([expect.stringContaining(only)]);
    expect(
      await errorsFor(
        'main/ipc/x.ts',
        "import { PROVIDER_IDS } from '../../daemon/parent/settings-contract.ts';\nexport const a = PROVIDER_IDS;\n",
      ),
    ).toEqual([]);
    expect(
      await errorsFor(
        'main/x.ts',
        "import type { ReadyMessage } from '../daemon/parent/messages.ts';\nexport type A = ReadyMessage;\n",
      ),
    ).toEqual([]);
  });

  it('renderer/ may only type-import preload/api.ts', async () => {
    const only = 'renderer/ may only type-import preload/api.ts.';
    expect(
      await errorsFor(
        'renderer/src/x.ts',
        "import type { SettingsView } from '../../preload/api.ts';\nexport type A = SettingsView;\n",
      ),
    ).toEqual([]);
    expect(
      await errorsFor(
        'renderer/src/x.ts',
        "import { invokeChannels } from '../../preload/api.ts';\nexport const a = invokeChannels;\n",
      ),
    ).toEqual([expect.stringContaining(only)]);
    expect(
      await errorsFor(
        'renderer/src/x.ts',
        "import type { X } from '../../preload/index.ts';\nexport type A = X;\n",
      ),
    ).toEqual([expect.stringContaining(only)]);
    // Its build config runs in Node and may read the settings contract, and nothing else of the daemon.
    expect(
      await errorsFor(
        'renderer/vite.config.ts',
        "import { appDaemonDefaults } from '../daemon/parent/settings-contract.ts';\nexport const a = appDaemonDefaults;\n",
      ),
    ).toEqual([]);
    expect(
      await errorsFor(
        'renderer/vite.config.ts',
        "import { loadConfig } from '../daemon/config/load.ts';\nexport const a = loadConfig;\n",
      ),
    ).toHaveLength(1);
  });
});
