import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Places } from '../../main/clients/client-catalog.ts';

/** MCP client config places in a fresh temporary home, so no test touches the real one. */
export function tempClients(): { places: Places; recordFile: string } {
  const home = mkdtempSync(join(tmpdir(), 'exai-clients-home-'));
  return {
    places: { home, platform: 'linux' },
    recordFile: join(home, 'userData', 'clients-written.json'),
  };
}
