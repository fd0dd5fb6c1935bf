import { ToolError } from '../core/tool-error.ts';
import type { FileReaderConfig } from './allowed-roots.ts';
import { formatBytes } from './open-user-file.ts';

interface Budget {
  seen: Set<string>;
  files: number;
  bytes: number;
}

// One budget per call, keyed by the call's AbortSignal (each call has its own), so `files`,
// `images`, `relevant_files` and uploads of one call share the caps without passing state around.
const budgets = new WeakMap<AbortSignal, Budget>();

function budgetOf(signal: AbortSignal): Budget {
  let budget = budgets.get(signal);
  if (!budget) budgets.set(signal, (budget = { seen: new Set(), files: 0, bytes: 0 }));
  return budget;
}

/**
 * Counts one more file of `bytes` against the call's caps, or throws naming the cap and its
 * setting. Call it before reading, with the size from fstat. A file this call already counted
 * (same key: kind and real path, e.g. in both `files` and `relevant_files`) is not counted again.
 */
export function chargeFile(
  signal: AbortSignal,
  config: FileReaderConfig,
  key: string,
  bytes: number,
  argName: string,
  path: string,
): void {
  const budget = budgetOf(signal);
  if (budget.seen.has(key)) return;
  if (budget.files + 1 > config.maxFilesPerCall) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `${argName}: ${path} would be file number ${budget.files + 1} of this call, over the ${config.maxFilesPerCall}-file cap (setting maxFilesPerCall)`,
    );
  }
  if (budget.bytes + bytes > config.maxFileBytesPerCall) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `${argName}: ${path} would bring this call's files to ${formatBytes(budget.bytes + bytes)}, over the ${formatBytes(config.maxFileBytesPerCall)} cap per call (setting maxFileBytesPerCall)`,
    );
  }
  budget.seen.add(key);
  budget.files += 1;
  budget.bytes += bytes;
}
