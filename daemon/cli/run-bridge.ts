import type { CliArgs } from './args.ts';

/** `exai bridge` is built with the runtime issue (stdio ⇄ daemon); until then it says so. */
export async function runBridge(_args: CliArgs): Promise<number> {
  process.stderr.write('exai bridge: not available in this build yet\n');
  return 2;
}
