/**
 * The WebAssembly kernel module (dist/engine/kernels.wasm): finding it, compiling it once,
 * and laying out its memory. Every kernel file (wasm-gemm.ts, the conv kernels) takes the
 * module from kernelModule() here, so there is one instance and one memory.
 *
 * Where the module is: scripts/build.mjs compiles it to <package root>/dist/engine/kernels.wasm,
 * and the package root is the nearest folder above this module that holds a package.json.
 * That one rule holds for the built engine (dist/engine/index.js, dist/chunks/*.js, also
 * inside node_modules/nnlearn/) and for the sources run by vitest or tsx: from source the
 * build's output is used, as for the workers, so tests need a build (the test run's global
 * setup makes one).
 *
 * The module is compiled lazily, on the first call that wants it, never when the engine is
 * imported: `nnlearn --help` does not pay for it. If WebAssembly SIMD does not validate, the
 * file is missing or anything else fails, kernelModule() returns undefined (once decided,
 * for good) and callers run their JS paths.
 *
 * The memory grows ONCE, right after instantiation, to a fixed reservation (RESERVE_BYTES,
 * halved down to MIN_RESERVE_BYTES if the engine refuses), and never again. Growing a
 * WebAssembly memory detaches every Float32Array over it, so a memory that never grows lets
 * tensors live in it (wasm-heap.ts) and ops hold views of it across calls. The reservation
 * costs nothing until used: Linux maps untouched pages lazily (measured here: resident memory
 * rises by the pages written, not by the gigabyte reserved).
 *
 * Layout (byte addresses, each 64-byte aligned):
 *   [0, packA)              the kernels' own static data
 *   packA, packB, tile      the GEMM's packing areas and its edge tile
 *   [scratch, heap)         the copy area: operands not already in this memory are copied here
 *   [heap, end)             tensor blocks, handed out by wasm-heap.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The few WebAssembly globals used here (the project's lib carries no WebAssembly typings). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/** The module's exports that the kernel files call (more kernels add theirs here). */
export interface KernelExports {
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

export interface KernelModule {
  ex: KernelExports;
  memory: WasmMemory;
  /** memory.buffer, fixed for good: the memory never grows after load. */
  buffer: ArrayBuffer;
  /** The whole memory as floats (index = byte address / 4). */
  f32: Float32Array;
  packA: number;
  packB: number;
  tile: number;
  /** The copy area [scratch, scratchEnd). */
  scratch: number;
  scratchEnd: number;
  /** The tensor heap [heap, end). */
  heap: number;
  end: number;
}

/** (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt): validates only where SIMD is supported. */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
const PAGE = 65536;
/** The edge tile: 6×8 floats, rounded to a cache line. */
const TILE_BYTES = 256;
/** The memory reserved at load (touched pages only are ever resident). */
export const RESERVE_BYTES = 1 << 30;
/** Below this the reservation is not worth having: the kernels are not used at all. */
export const MIN_RESERVE_BYTES = 64 << 20;
/** The copy area takes this share of the reservation (the rest is the tensor heap), at most COPY_AREA_MAX. */
const COPY_AREA_SHARE = 4;
const COPY_AREA_MAX = 256 << 20;

let loaded: KernelModule | undefined;
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

/** The loaded module, compiling it on the first call; undefined when it cannot load here. */
export function kernelModule(): KernelModule | undefined {
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
    const fixed = align(tile + TILE_BYTES);
    const end = reserve(ex.memory, fixed);
    const copyArea = align(Math.min(COPY_AREA_MAX, (end - fixed) / COPY_AREA_SHARE));
    const buffer = ex.memory.buffer;
    loaded = {
      ex, memory: ex.memory, buffer, f32: new Float32Array(buffer),
      packA, packB, tile, scratch: fixed, scratchEnd: fixed + copyArea, heap: fixed + copyArea, end,
    };
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  }
  return loaded;
}

/**
 * Grows the memory once to RESERVE_BYTES (or the largest half of it the engine grants, down
 * to MIN_RESERVE_BYTES); returns its size in bytes. Throws when not even the minimum fits.
 */
function reserve(memory: WasmMemory, fixed: number): number {
  for (let want = RESERVE_BYTES; want >= MIN_RESERVE_BYTES; want /= 2) {
    const have = memory.buffer.byteLength;
    if (have >= want) return have;
    try {
      memory.grow(Math.ceil((want - have) / PAGE));
      if (memory.buffer.byteLength > fixed) return memory.buffer.byteLength;
    } catch {
      // refused: try half as much
    }
  }
  throw new Error(`the kernels' memory could not grow to ${MIN_RESERVE_BYTES >> 20} MiB`);
}

function align(n: number): number {
  return Math.ceil(n / 64) * 64;
}

/** Whether the kernels load here (compiling them on the first call), and why not if they do not. */
export function wasmKernelStatus(): { ok: true } | { ok: false; reason: string } {
  return kernelModule() ? { ok: true } : { ok: false, reason: failure ?? 'unknown' };
}

/** The module if it has been loaded already (never loads it: for callers that must not pay for a compile). */
export function kernelModuleIfLoaded(): KernelModule | undefined {
  return loaded;
}

/** Whether `a` lies in the kernels' memory (then a kernel can read and write it where it is). */
export function inKernelMemory(a: Float32Array): boolean {
  return loaded !== undefined && a.buffer === loaded.buffer;
}
