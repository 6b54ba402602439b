/**
 * The training steps' memory under the WebAssembly GEMM, engine only (no peers), quickly:
 *   npx tsx bench/step-memory.ts [--seconds S] [--rows mlp,lenet,lstm,transformer] [--js]
 * prints, for each training row, steps/s and images/s with setGemmBackend('wasm') (the
 * rows' steps run in stepScope: bench/training/sides.ts), the heap's high-water mark and
 * the process's resident memory after the row; then matmul 512 GFLOP/s with its operands
 * made outside any step (copied into the kernels' memory on every call) and inside one
 * (passed in place); and the resident memory before and after the kernels reserve their
 * memory. Run it on two checkouts to compare before and after.
 */
import { setGemmBackend } from '../src/engine/gemm.js';
import { wasmKernelStatus } from '../src/engine/kernels/wasm-gemm.js';
import { matmul } from '../src/engine/ops/linear.js';
import { randUniform } from '../src/engine/random.js';
import { Tensor } from '../src/engine/tensor.js';
import { trainingRows } from './training/run.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const seconds = Number(arg('--seconds') ?? 3);
const only = arg('--rows')?.split(',');
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;

/** step-memory.ts where this checkout has it (older ones do not). */
type StepMemory = { stepScope<T>(fn: () => T): T; stepMemoryStats(): { heap?: { highWaterBytes: number } } };
const memory: StepMemory | undefined = await import('../src/engine/step-memory.js' as string).catch(() => undefined);

const rssBefore = process.memoryUsage().rss;
const status = wasmKernelStatus();
const rssLoaded = process.memoryUsage().rss;
const reserved = (await import('../src/engine/kernels/wasm-module.js' as string).catch(() => undefined))?.kernelModule?.()?.buffer.byteLength;
console.log(
  `kernels: ${status.ok ? 'loaded' : status.reason}; memory reserved ${reserved === undefined ? '-' : mib(reserved)}; ` +
    `resident memory ${mib(rssBefore)} before loading, ${mib(rssLoaded)} after`,
);
/** --js: the JS GEMM (steps then allocate ordinary arrays: compares the JS path across checkouts). */
setGemmBackend(process.argv.includes('--js') ? 'js' : 'wasm');

function timeFor(run: () => void): { perSecond: number; runs: number } {
  for (let i = 0; i < 3; i++) run();
  const t0 = performance.now();
  let runs = 0;
  while (performance.now() - t0 < seconds * 1000) {
    run();
    runs++;
  }
  return { perSecond: (runs * 1000) / (performance.now() - t0), runs };
}

/** Rounds of each way, interleaved (the machine is shared: a slow spell hits both). */
const ROUNDS = 3;
type StepMemoryMore = StepMemory & { useStepHeap?(on: boolean): void };
for (const row of trainingRows) {
  if (only && !only.some((o) => row.name.toLowerCase().includes(o))) continue;
  const ways = (memory as StepMemoryMore | undefined)?.useStepHeap ? [true, false] : [false];
  // A model per way: the first step with the heap on moves the parameters into it for good.
  const sides = new Map(ways.map((w) => [w, row.nnlearn()]));
  const side0 = sides.get(ways[0])!;
  if ('unavailable' in side0) continue;
  const rates = new Map<boolean, number[]>(ways.map((w) => [w, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const w of ways) {
      (memory as StepMemoryMore | undefined)?.useStepHeap?.(w);
      const side = sides.get(w) as Exclude<typeof side0, { unavailable: string }>;
      rates.get(w)!.push(timeFor(() => void side.step()).perSecond);
    }
  }
  (memory as StepMemoryMore | undefined)?.useStepHeap?.(true);
  const hw = memory?.stepMemoryStats().heap?.highWaterBytes;
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const show = (w: boolean): string => {
    const v = median(rates.get(w)!);
    return `${v.toFixed(1).padStart(7)} steps/s ${(v * row.itemsPerStep).toFixed(0).padStart(6)} ${row.itemsPerStep > 1 ? 'img/s' : ''}`;
  };
  console.log(
    `${row.name.slice(0, 40).padEnd(40)} ` +
      ways.map((w) => `${w ? 'step heap' : 'ordinary arrays'}: ${show(w)}`).join('   ') +
      `   heap high water ${hw === undefined ? '-' : mib(hw)}  rss ${mib(process.memoryUsage().rss)}`,
  );
}

const n = 512;
const flops = 2 * n * n * n;
const outside = { a: randUniform([n, n], -1, 1, 1), b: randUniform([n, n], -1, 1, 2) };
const t1 = timeFor(() => void matmul(outside.a, outside.b));
console.log(`matmul 512, operands outside any step: ${((t1.perSecond * flops) / 1e9).toFixed(1)} GFLOP/s`);
if (memory) {
  // Operands made inside an outer step live in the kernels' memory; each product runs in an inner step.
  memory.stepScope(() => {
    const a = new Tensor([n, n]);
    const b = new Tensor([n, n]);
    a.data.set(outside.a.data);
    b.data.set(outside.b.data);
    const t2 = timeFor(() => memory.stepScope(() => void matmul(a, b)));
    console.log(`matmul 512, operands made inside a step (read in place): ${((t2.perSecond * flops) / 1e9).toFixed(1)} GFLOP/s`);
  });
}
