import module from 'node:module';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { loadConfig } from '../config/load.ts';
import { Daemon } from '../daemon.ts';
import { connectToParent } from '../parent/messages.ts';
import { StartupError } from '../startup-error.ts';
import type { CliArgs } from './args.ts';
import { ConfigError } from '../config/env.ts';
import { tokenFile } from '../lifecycle/token.ts';

/** `exai daemon`: headless, or as the app's utility process when a parent is connected. */
export async function runDaemon(args: CliArgs): Promise<void> {
  const parent = connectToParent();
  const fail = (error: StartupError): never => {
    parent?.send({
      type: 'fatal',
      reason: error.reason,
      message: error.message,
      ...(error.port !== undefined ? { port: error.port } : {}),
    });
    process.stderr.write(`exai daemon: ${error.message}\n`);
    process.exit(error.exitCode);
  };

  let config;
  try {
    if (!parent) {
      // Headless users keep keys in a .env file (the original's names); the app passes its own.
      dotenv.config({ path: '.env', quiet: true });
      const dataDir = (args.flags.dataDir as string | undefined) ?? process.env.EXAI_HOME;
      if (dataDir) dotenv.config({ path: join(dataDir, '.env'), quiet: true });
    }
    config = loadConfig({ env: process.env, flags: args.flags, configFile: args.configFile });
  } catch (error) {
    if (error instanceof ConfigError) fail(new StartupError('bad-config', error.message));
    throw error;
  }

  const stop = (why: string) => {
    process.stderr.write(`exai daemon: ${why}, shutting down\n`);
    // Whatever happens while draining, the process must end: the app waits for it.
    setTimeout(() => process.exit(0), (config.shutdownGraceS + 5) * 1000).unref();
    daemon.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `exai daemon: error while shutting down: ${(error as Error).message}\n`,
        );
        process.exit(1);
      },
    );
  };
  const daemon = new Daemon(config, { parent, logToStderr: !parent, onExitRequested: stop });
  process.once('SIGINT', () => stop('SIGINT received'));
  process.once('SIGTERM', () => stop('SIGTERM received'));
  // The app going away without a goodbye must not leave an orphan daemon behind.
  if (parent) process.once('disconnect', () => stop('parent disconnected'));
  try {
    await daemon.start();
  } catch (error) {
    if (error instanceof StartupError) fail(error);
    throw error;
  }
  // What start-up compiled goes to the compile cache now (if bundle-entry.ts enabled it), not
  // only at exit: a crash or a kill must not cost the next start its cache.
  module.flushCompileCache?.();
  if (!parent && !config.token) {
    process.stderr.write(
      `Clients authenticate with the token in ${tokenFile(config.dataDir)} (or set EXAI_WS_TOKEN).\n`,
    );
  }
}
