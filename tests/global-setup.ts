import { execFileSync } from 'node:child_process';

/**
 * The CLI tests run the built program, so build once before the suite (into
 * dist/ only: the lesson manifest in src/ is left as committed). A
 * failed build does not stop the unit tests: the CLI tests then fail on their own.
 */
export default function setup(): void {
  if (process.env.NNLEARN_SKIP_BUILD === '1') return;
  try {
    // --keep-manifest: a test run writes nothing into src/ (the manifest test checks the committed copy).
    execFileSync(process.execPath, ['scripts/build.mjs', '--keep-manifest'], { stdio: 'pipe' });
  } catch (e) {
    const err = e as { stderr?: Buffer; stdout?: Buffer };
    console.error('nnlearn build failed; tests of the built CLI will fail:\n' + String(err.stderr ?? '') + String(err.stdout ?? ''));
  }
}
