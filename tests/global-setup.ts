import { execFileSync } from 'node:child_process';

/** The CLI tests run the built program, so build once before the suite. */
export default function setup(): void {
  if (process.env.NNLEARN_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
