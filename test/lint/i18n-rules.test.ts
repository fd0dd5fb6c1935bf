import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule that keeps user-facing literals out of the dashboard and the tray menu, checked
// through the project's real config.
const eslint = new ESLint({ cwd: process.cwd() });

async function literals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'i18next/no-literal-string')
    .map((m) => m.message);
}

describe('no user-facing literals', () => {
  it('flags English text and labels in renderer JSX, allows keys and technical names', async () => {
    const tsx = (body: string) =>
      `import { useTranslation } from 'react-i18next';\nexport function X() {\n  const { t } = useTranslation();\n  return ${body};\n}\n`;
    expect(await literals('renderer/src/pages/X.tsx', tsx('<p>Start the daemon</p>'))).toHaveLength(
      1,
    );
    expect(
      await literals(
        'renderer/src/pages/X.tsx',
        tsx('<button aria-label="Copy token">{t(\'token.copy\')}</button>'),
      ),
    ).toHaveLength(1);
    expect(
      await literals('renderer/src/pages/X.tsx', tsx("<p title={t('a.b')}>{t('token.copy')}</p>")),
    ).toEqual([]);
    expect(
      await literals('renderer/src/pages/X.tsx', tsx('<p className="muted">MCP · Kimi · GLM</p>')),
    ).toEqual([]);
  });

  it('flags a literal label in the tray menu builder', async () => {
    const code =
      "export const items = (t: (k: string) => string) => [{ kind: 'action', label: 'Quit EXAI' }, { kind: 'action', label: t('tray.quit') }];\n";
    expect(await literals('main/shell/tray-menu.ts', code)).toEqual([
      expect.stringContaining('Quit EXAI'),
    ]);
    expect(
      await literals(
        'main/shell/tray-menu.ts',
        'export const s = (n: number) => `Restarting in ${n} s`;\n',
      ),
    ).toHaveLength(1);
  });

  it('lets main/ and renderer/ import the catalogs, and the catalogs import nothing else', async () => {
    const restricted = async (filePath: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
    };
    expect(
      await restricted(
        'main/x.ts',
        "import { catalogs } from '../locales/index.ts';\nexport const a = catalogs;\n",
      ),
    ).toEqual([]);
    expect(
      await restricted(
        'renderer/src/x.ts',
        "import { catalogs } from '../../locales/index.ts';\nexport const a = catalogs;\n",
      ),
    ).toEqual([]);
    expect(
      await restricted(
        'locales/x.ts',
        "import { tr } from '../main/i18n.ts';\nexport const a = tr;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        'locales/x.ts',
        "import en from './en.json' with { type: 'json' };\nexport const a = en;\n",
      ),
    ).toEqual([]);
  });
});
