import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// .github/workflows/installers.yml as each runner would execute it: every matrix entry packages,
// starts what it packaged with --smoke-test, checks the artifacts, and only then uploads; a v* tag
// publishes the release with the update metadata. (The workflow itself runs only on GitHub.)

const root = resolve(import.meta.dirname, '../..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  'continue-on-error'?: unknown;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  strategy?: { matrix: { include: Array<Record<string, string>> } };
  steps: Step[];
}
type Workflow = { on: Record<string, unknown>; jobs: Record<string, Job> };

function load(
  text = readFileSync(join(root, '.github/workflows/installers.yml'), 'utf8'),
): Workflow {
  return parse(text) as Workflow;
}

/** The steps one matrix entry runs, with ${{ matrix.x }} filled in. Only `matrix.k == 'v'` conditions are understood. */
function stepsFor(job: Job, entry: Record<string, string>): Step[] {
  const fill = (s: string | undefined) =>
    s?.replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_, k: string) => entry[k] ?? `<no matrix.${k}>`);
  return job.steps
    .filter((step) => {
      if (step.if === undefined) return true;
      const m = /^matrix\.(\w+)\s*==\s*'([^']*)'$/.exec(step.if.trim());
      if (!m)
        throw new Error(`a build step has a condition this test does not understand: ${step.if}`);
      return entry[m[1]!] === m[2];
    })
    .map((step) => ({ ...step, run: fill(step.run) }));
}

const isPackage = (s: Step) => /electron-builder\s+--(win|mac|linux)\b/.test(s.run ?? '');
const isSmoke = (s: Step) => /scripts\/smoke-packaged\.ts/.test(s.run ?? '');
const isCheck = (s: Step) => /scripts\/check-artifacts\.ts/.test(s.run ?? '');
/** The smoke step before ${{ matrix.smoke }} is filled in. */
const isRawSmoke = (s: Step) => /matrix\.smoke/.test(s.run ?? '') || isSmoke(s);
const isUpload = (s: Step) => (s.uses ?? '').startsWith('actions/upload-artifact');

/** Every problem with the build job, per matrix entry; empty when the order is right. */
function orderProblems(wf: Workflow): string[] {
  const job = wf.jobs.build!;
  const problems: string[] = [];
  for (const entry of job.strategy?.matrix.include ?? []) {
    const steps = stepsFor(job, entry);
    const at = (pred: (s: Step) => boolean) => steps.findIndex(pred);
    const [pkg, smoke, check, upload] = [at(isPackage), at(isSmoke), at(isCheck), at(isUpload)];
    const who = entry.os;
    if (pkg < 0) problems.push(`${who}: never packages`);
    if (smoke < 0) problems.push(`${who}: never runs the smoke test`);
    if (check < 0) problems.push(`${who}: never checks the artifacts`);
    if (upload < 0) problems.push(`${who}: never uploads`);
    if (smoke >= 0 && pkg >= 0 && smoke < pkg) problems.push(`${who}: smoke test before packaging`);
    if (upload >= 0 && (upload < smoke || upload < check))
      problems.push(`${who}: uploads before the smoke test and checks`);
    for (const s of steps.slice(0, upload)) {
      if (s['continue-on-error'])
        problems.push(`${who}: "${s.name ?? s.run}" may fail without stopping the upload`);
    }
    if (steps[upload]?.if)
      problems.push(`${who}: the upload has its own condition (${steps[upload]!.if})`);
  }
  return problems;
}

describe('installers workflow', () => {
  const wf = load();
  const build = wf.jobs.build!;
  const matrix = build.strategy!.matrix.include;

  it('builds on Windows, macOS and Linux', () => {
    expect(matrix.map((e) => e.os).sort()).toEqual([
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
    expect(Object.fromEntries(matrix.map((e) => [e.os, e.target]))).toEqual({
      'windows-latest': '--win',
      'macos-latest': '--mac',
      'ubuntu-latest': '--linux',
    });
  });

  it('every matrix entry packages, runs the smoke test and checks the artifacts, and only then uploads', () => {
    expect(orderProblems(wf)).toEqual([]);
    for (const entry of matrix) {
      const smoke = stepsFor(build, entry).find(isSmoke)!;
      expect(smoke.run, entry.os).toMatch(/smoke-packaged\.ts/);
    }
  });

  it('Linux runs the smoke test under a virtual display', () => {
    const smoke = stepsFor(
      build,
      matrix.find((e) => e.os === 'ubuntu-latest')!,
    ).find(isSmoke)!;
    expect(smoke.run).toMatch(/^xvfb-run /);
  });

  it('Windows also installs per user and checks where it went', () => {
    const steps = stepsFor(
      build,
      matrix.find((e) => e.os === 'windows-latest')!,
    );
    expect(
      steps.some(
        (s) => /\/S/.test(s.run ?? '') && /check-artifacts\.ts --installed/.test(s.run ?? ''),
      ),
    ).toBe(true);
    expect(
      stepsFor(
        build,
        matrix.find((e) => e.os === 'macos-latest')!,
      ).some((s) => /--installed/.test(s.run ?? '')),
    ).toBe(false);
  });

  it('uploads every installer and the update metadata', () => {
    const upload = build.steps.find(isUpload)!;
    const paths = String(upload.with?.path);
    for (const ext of ['exe', 'dmg', 'zip', 'AppImage', 'deb', 'blockmap'])
      expect(paths).toContain(`release/*.${ext}`);
    expect(paths).toContain('release/latest*.yml');
  });

  it('a v* tag publishes the release after every build, with latest.yml and latest-mac.yml', () => {
    expect(wf.on.push).toEqual({ tags: ['v*'] });
    const release = wf.jobs.release!;
    expect(release.needs).toBe('build');
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    const publish = release.steps.find((s) =>
      (s.uses ?? '').startsWith('softprops/action-gh-release'),
    )!;
    expect(publish.with?.draft).toBe(false); // electron-updater ignores drafts
    const files = String(publish.with?.files);
    for (const f of [
      'latest.yml',
      'latest-mac.yml',
      'latest-linux.yml',
      '*.exe',
      '*.zip',
      '*.AppImage',
      '*.deb',
    ])
      expect(files).toContain(`release/${f}`);
  });

  it('the order check catches an upload moved before the smoke test, or a smoke test that may fail', () => {
    const text = readFileSync(join(root, '.github/workflows/installers.yml'), 'utf8');
    const moved = load(text);
    const steps = moved.jobs.build!.steps;
    const upload = steps.splice(steps.findIndex(isUpload), 1)[0]!;
    steps.splice(steps.findIndex(isRawSmoke), 0, upload);
    expect(orderProblems(moved)).toEqual(
      expect.arrayContaining(['ubuntu-latest: uploads before the smoke test and checks']),
    );

    const lenient = load(text);
    lenient.jobs.build!.steps.find(isRawSmoke)!['continue-on-error'] = true;
    expect(orderProblems(lenient)).toHaveLength(3);

    const macOnly = load(text);
    macOnly.jobs.build!.steps.find(isRawSmoke)!.if = "matrix.os == 'macos-latest'";
    expect(orderProblems(macOnly)).toEqual([
      'windows-latest: never runs the smoke test',
      'ubuntu-latest: never runs the smoke test',
    ]);
  });
});
