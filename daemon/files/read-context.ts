import type { FileReaderConfig } from './allowed-roots.ts';

/** What every file-reading helper needs from its call: the settings and the call's signal. */
export interface FileReadContext {
  config: FileReaderConfig;
  signal: AbortSignal;
  /** The argument named in errors; default "files". */
  argName?: string;
}
