/**
 * The WebAssembly SIMD GEMM: the same contract as gemm() in ../gemm.ts, computed by the
 * AssemblyScript kernel in ./wasm/gemm.ts. The module, its loading and its memory layout are
 * wasm-module.ts's; if it cannot load, wasmGemm() returns false (no retry, no throw) and the
 * caller runs its JS path.
 *
 * Operands that already live in the kernels' memory (tensors made inside a training step:
 * wasm-heap.ts) are passed by address, C written where it is; the others are copied densely
 * into the copy area, and C copied back out (wasm-operands.ts). The memory never grows, so
 * nothing here re-creates views; a product whose copies do not fit the copy area runs in JS.
 */
import type { GemmArgs } from '../gemm-args.js';
import { kernelModule } from './wasm-module.js';
import { CopyArea, copyOut, placeOperand } from './wasm-operands.js';

export { kernelsLocation, wasmKernelStatus } from './wasm-module.js';

/**
 * C (+)= op(A)·op(B) by the WebAssembly kernel. The arguments must already be valid
 * (gemm() checks them before dispatching here). Returns false, touching nothing, when the
 * kernels are unavailable or the operands to copy do not fit the copy area; the caller then uses JS.
 */
export function wasmGemm(g: GemmArgs): boolean {
  const mod = kernelModule();
  if (!mod) return false;
  const { M, N, K } = g;
  if (M === 0 || N === 0) return true;
  const transA = g.transA === true;
  const transB = g.transB === true;
  const accumulate = g.accumulate === true;
  const co = g.cOffset ?? 0;
  // Stored blocks: op(A) is (K×M if transposed else M×K), op(B) (N×K or K×N).
  const area = new CopyArea(mod);
  const a = placeOperand(area, g.A, g.aOffset ?? 0, transA ? K : M, transA ? M : K, g.lda);
  const b = a && placeOperand(area, g.B, g.bOffset ?? 0, transB ? N : K, transB ? K : N, g.ldb);
  const c = b && placeOperand(area, g.C, co, M, N, g.ldc, accumulate);
  if (!a || !b || !c) return false;
  mod.ex.gemm(M, N, K, a.addr, a.ld, transA ? 1 : 0, b.addr, b.ld, transB ? 1 : 0, c.addr, c.ld, accumulate ? 1 : 0, mod.packA, mod.packB, mod.tile);
  copyOut(mod, c, g.C, co, M, N, g.ldc);
  return true;
}
