import { execFile } from 'node:child_process';
import { ToolError } from '../tools/tool-error.ts';

/** Large diffs are cut by the file budget later, not here; this only bounds memory. */
const MAX_GIT_OUTPUT = 32 * 1024 * 1024;

/** What git needs from the environment; never the daemon's own (provider keys live there). */
const PASSED_ENV = [
  'PATH',
  'HOME',
  'USERPROFILE',
  'SYSTEMROOT',
  'SystemRoot',
  'ComSpec',
  'TEMP',
  'TMP',
  'TMPDIR',
  'XDG_CONFIG_HOME',
];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of PASSED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}

/**
 * Settings a repository's own config could use to run programs during a diff or listing
 * (fsmonitor hooks, external diff drivers, textconv): all off, so reading a checkout runs nothing.
 */
const SAFE_CONFIG = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.quotepath=off',
  '-c',
  'color.ui=false',
  '-c',
  'diff.external=',
];

export class NotAWorkTreeError extends ToolError {
  constructor(path: string) {
    super('INVALID_ARGUMENTS', `${path} is not inside a git work tree`);
  }
}

/**
 * Runs git (never a shell) with the call's signal, so a cancelled call kills it. No pager, no
 * colour: the output is plain, whatever the user's config says.
 */
export function runGit(args: string[], cwd: string, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['--no-pager', ...SAFE_CONFIG, ...args],
      {
        cwd,
        signal,
        maxBuffer: MAX_GIT_OUTPUT,
        encoding: 'utf8',
        env: gitEnv(),
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (signal.aborted) return reject(signal.reason);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && !stderr)
          return reject(
            new ToolError('EXEC_ERROR', 'git is not installed or not on PATH', { cause: error }),
          );
        const text = String(stderr).trim() || error.message;
        if (/not a git repository/i.test(text)) return reject(new NotAWorkTreeError(cwd));
        reject(new ToolError('EXEC_ERROR', `git ${args[0]} failed: ${text}`, { cause: error }));
      },
    );
  });
}

/** The work tree's top folder, or NotAWorkTreeError. */
export async function workTreeRoot(path: string, signal: AbortSignal): Promise<string> {
  const out = await runGit(['rev-parse', '--show-toplevel'], path, signal);
  const root = out.trim();
  if (!root) throw new NotAWorkTreeError(path);
  return root;
}
