#!/usr/bin/env node
import { parseCli } from './args.ts';
import { ConfigError } from '../config/env.ts';
import { runDaemon } from './run-daemon.ts';
import { runStatus, runStop } from './control.ts';
import { DAEMON_VERSION } from '../core/version.ts';

const USAGE = `exai ${DAEMON_VERSION} — the EXAI MCP daemon and its tools

Usage:
  exai daemon [--port N] [--host H] [--data-dir D] [--config F] [--log-level L]
                         run the daemon headless (Ctrl-C stops it gracefully)
  exai status [--json]   show the running daemon's health (exit 1 if none runs)
  exai stop              stop the running daemon gracefully
  exai bridge [--url U] [--token T] [--no-autostart]
                         stdio ⇄ daemon bridge for stdio-only MCP clients
  exai usage [--since D] [--json]
                         tokens and cost per day, provider, model, tool and client
                         (D: a date such as 2026-11-01, or 7d; default 30d)
  exai diagnostics --out FILE
                         write a zip for a bug report (no keys, token or prompts)
  exai help | --version

Settings come from defaults < <data-dir>/config.json < environment < flags; see README.md.
`;

async function main(argv: string[]): Promise<number | undefined> {
  const args = parseCli(argv);
  switch (args.command) {
    case 'daemon':
      await runDaemon(args);
      return undefined;
    case 'status':
      return runStatus(args);
    case 'stop':
      return runStop(args);
    case 'bridge': {
      const { runBridge } = await import('./run-bridge.ts');
      return runBridge(args);
    }
    case 'usage': {
      const { runUsage } = await import('./run-usage.ts');
      return runUsage(args);
    }
    case 'diagnostics': {
      const { runDiagnostics } = await import('./run-diagnostics.ts');
      return runDiagnostics(args);
    }
    case 'version':
      process.stdout.write(`${DAEMON_VERSION}\n`);
      return 0;
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`exai: unknown command "${args.command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`exai: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`exai: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
