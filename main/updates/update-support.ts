import { execFile } from 'node:child_process';
import type { UpdateDisabledReason } from '../../preload/api.ts';

// Whether this build can update itself at all. macOS (Squirrel.Mac) installs an update only when
// the app is signed with a Developer ID; an unsigned or ad-hoc-signed build would download and then
// fail to install, so it says so up front instead. The signature is read with `codesign -dv`.

export interface UpdateSupportInput {
  packaged: boolean;
  platform: NodeJS.Platform;
  /** macOS: what `codesign -dv --verbose=2 <app>` printed (stderr), or its error; ignored elsewhere. */
  codesign?: { ok: boolean; output: string };
}

/** undefined = supported; otherwise why not. */
export function updateUnsupportedReason(
  input: UpdateSupportInput,
): Exclude<UpdateDisabledReason, 'setting-off'> | undefined {
  if (!input.packaged) return 'not-packaged';
  if (input.platform === 'darwin' && !isDeveloperIdSigned(input.codesign)) return 'unsigned-mac';
  return undefined;
}

export function isDeveloperIdSigned(codesign: UpdateSupportInput['codesign']): boolean {
  if (!codesign?.ok) return false; // "code object is not signed at all", or codesign missing
  const out = codesign.output;
  if (/Signature=adhoc/i.test(out)) return false;
  if (/TeamIdentifier=not set/i.test(out)) return false;
  return /Authority=Developer ID Application/i.test(out);
}

/** Runs `codesign -dv` on the app (macOS); never rejects, so a missing codesign reads as unsigned. */
export function readCodesign(path: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'codesign',
      ['-dv', '--verbose=2', path],
      { timeout: 5_000 },
      (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}` }),
    );
  });
}
