/**
 * The WebAssembly SIMD GEMM (stage 1 of the two back ends): the same contract as
 * gemm() in ../gemm.ts, computed by the AssemblyScript kernel in ./wasm/gemm.ts.
 *
 * Where the module is: scripts/build.mjs compiles it to <package root>/dist/engine/kernels.wasm,
 * and the package root is the nearest folder above this module that holds a package.json.
 * That one rule holds for the built engine (dist/engine/index.js, dist/chunks/*.js, also
 * inside node_modules/nnlearn/) and for the sources run by vitest or tsx
 * (src/engine/kernels/wasm-gemm.ts): from source the build's output is used, as for the
 * workers, so tests need a build (the test run's global setup makes one).
 *
 * The module is compiled lazily, on the first call that wants it, never when the engine
 * is imported: `nnlearn --help` does not pay for it. If WebAssembly SIMD does not
 * validate, the file is missing or anything else fails, wasmGemm() returns false once
 * per call (no retry, no throw) and the caller runs its JS path.
 *
 * Stage 1 copies: op(A) and op(B)'s stored blocks are copied densely into a scratch area
 * of the module's memory (C too when accumulating), the kernel runs, C is copied out.
 * The area only grows (memory.grow); a grown memory detaches old views, so the view is
 * re-created whenever the buffer changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GemmArgs } from '../gemm-args.js';

/** The few WebAssembly globals used here (the project's lib carries no WebAssembly typings). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

interface KernelExports {
  memory: WasmMemory;
  heapBase(): number;
  packASize(): number;
  packBSize(): number;
  gemm(
    M: number, N: number, K: number,
    a: number, lda: number, transA: number,
    b: number, ldb: number, transB: number,
    c: number, ldc: number, accumulate: number,
    packA: number, packB: number, tile: number,
  ): void;
}

interface Loaded {
  ex: KernelExports;
  /** Byte addresses: the two packing areas, the edge tile, then the operands from `free` on. */
  packA: number;
  packB: number;
  tile: number;
  free: number;
  view: Float32Array;
}

/** (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt): validates only where SIMD is supported. */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
const PAGE = 65536;
/** The edge tile: 6×8 floats, rounded to a cache line. */
const TILE_BYTES = 256;

let loaded: Loaded | undefined;
let failure: string | undefined;

/** <package root>/dist/engine/kernels.wasm, the root found by walking up from `from` to a package.json. */
export function kernelsLocation(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'engine', 'kernels.wasm');
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = up;
  }
}

function load(): Loaded | undefined {
  if (loaded || failure !== undefined) return loaded;
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) throw new Error('WebAssembly is not available here');
    if (!wasm.validate(SIMD_PROBE)) throw new Error('WebAssembly SIMD is not supported here');
    const mod = new wasm.Module(readFileSync(kernelsLocation()));
    const inst = new wasm.Instance(mod, {
      env: {
        abort: () => {
          throw new Error('kernels.wasm aborted');
        },
      },
    });
    const ex = inst.exports as unknown as KernelExports;
    const packA = align(ex.heapBase());
    const packB = align(packA + ex.packASize());
    const tile = align(packB + ex.packBSize());
    const free = align(tile + TILE_BYTES);
    ensureBytes(ex.memory, free);
    loaded = { ex, packA, packB, tile, free, view: new Float32Array(ex.memory.buffer) };
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  }
  return loaded;
}

function align(n: number): number {
  return Math.ceil(n / 64) * 64;
}

function ensureBytes(memory: WasmMemory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
}

/**
 * The module's exports and memory if it is ALREADY loaded, else undefined; never compiles it
 * (the elementwise kernels ask on every op call, also where no GEMM ever ran). An array can
 * only be in the module's memory once the module is loaded, so "not loaded" means "not there".
 */
export function loadedKernelModule(): { ex: object; memory: WasmMemory } | undefined {
  if (!loaded) return undefined;
  return (loadedView ??= { ex: loaded.ex, memory: loaded.ex.memory });
}
let loadedView: { ex: object; memory: WasmMemory } | undefined;

/** Whether the kernels load here (compiling them on the first call), and why not if they do not. */
export function wasmKernelStatus(): { ok: true } | { ok: false; reason: string } {
  return load() ? { ok: true } : { ok: false, reason: failure ?? 'unknown' };
}

/**
 * dst[at…] = src, in pieces of at most COPY_CHUNK floats. One large TypedArray.set is a
 * single memmove, and past a size glibc's memmove switches to non-temporal stores; into a
 * freshly allocated output (pages not yet touched) that ran ~35× slower here (12.8 MB: 40 ms
 * against 1 ms in 256 KiB pieces, Node 20 and 24; bench:wasm's conv 224 row shows it).
 */
const COPY_CHUNK = 65536;
function copyChunked(dst: Float32Array, at: number, src: Float32Array): void {
  const n = src.length;
  if (n <= COPY_CHUNK) {
    dst.set(src, at);
    return;
  }
  for (let i = 0; i < n; i += COPY_CHUNK) dst.set(src.subarray(i, Math.min(n, i + COPY_CHUNK)), at + i);
}

/** Copies a rows×cols block stored with row stride ld at src[off…] densely to dst[at…]. */
function copyIn(dst: Float32Array, at: number, src: Float32Array, off: number, rows: number, cols: number, ld: number): void {
  if (ld === cols || rows === 1) {
    copyChunked(dst, at, src.subarray(off, off + rows * cols));
    return;
  }
  for (let r = 0; r < rows; r++) copyChunked(dst, at + r * cols, src.subarray(off + r * ld, off + r * ld + cols));
}

/**
 * C (+)= op(A)·op(B) by the WebAssembly kernel. The arguments must already be valid
 * (gemm() checks them before dispatching here). Returns false, touching nothing, when the
 * kernels are unavailable or their memory cannot grow enough; the caller then uses JS.
 */
export function wasmGemm(g: GemmArgs): boolean {
  const k = load();
  if (!k) return false;
  const { M, N, K } = g;
  if (M === 0 || N === 0) return true;
  const transA = g.transA === true;
  const transB = g.transB === true;
  const accumulate = g.accumulate === true;
  const ao = g.aOffset ?? 0;
  const bo = g.bOffset ?? 0;
  const co = g.cOffset ?? 0;
  // Dense copies: op(A)'s stored block is (K×M if transposed else M×K), op(B)'s (N×K or K×N).
  const aRows = transA ? K : M;
  const aCols = transA ? M : K;
  const bRows = transB ? N : K;
  const bCols = transB ? K : N;
  const aAt = k.free;
  const bAt = align(aAt + 4 * M * K);
  const cAt = align(bAt + 4 * K * N);
  try {
    ensureBytes(k.ex.memory, cAt + 4 * M * N);
  } catch {
    return false;
  }
  if (k.view.buffer !== k.ex.memory.buffer) k.view = new Float32Array(k.ex.memory.buffer);
  const v = k.view;
  copyIn(v, aAt >> 2, g.A, ao, aRows, aCols, g.lda);
  copyIn(v, bAt >> 2, g.B, bo, bRows, bCols, g.ldb);
  if (accumulate) copyIn(v, cAt >> 2, g.C, co, M, N, g.ldc);
  k.ex.gemm(M, N, K, aAt, aCols, transA ? 1 : 0, bAt, bCols, transB ? 1 : 0, cAt, N, accumulate ? 1 : 0, k.packA, k.packB, k.tile);
  const C = g.C;
  const cv = v.subarray(cAt >> 2, (cAt >> 2) + M * N);
  if (g.ldc === N || M === 1) copyChunked(C, co, cv);
  else for (let i = 0; i < M; i++) copyChunked(C, co + i * g.ldc, cv.subarray(i * N, i * N + N));
  return true;
}
