/**
 * One fast-check seed per test file, so every property failure can be replayed:
 * FC_SEED from the environment (CI sets one per run and prints it), else a fresh
 * random one as fast-check would pick. A failing test prints the seed and the
 * command that reruns it. A property that passes its own `seed` keeps it.
 */
import fc from 'fast-check';
import { beforeEach } from 'vitest';

function seedFromEnv(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`FC_SEED must be an integer, got "${raw}"`);
  return n | 0; // fast-check seeds are 32-bit
}

const seed = seedFromEnv(process.env.FC_SEED) ?? ((Date.now() ^ (Math.random() * 0x100000000)) | 0);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });

beforeEach((ctx) => {
  ctx.onTestFailed(() => {
    const file = ctx.task.file.filepath.replace(`${process.cwd()}/`, '');
    console.error(`fast-check seed of this file: ${seed} — replay with FC_SEED=${seed} npx vitest run ${file}`);
  });
});
