/**
 * Blocks of the kernels' memory for tensors (its [heap, end) part, see wasm-module.ts), so
 * the kernels read and write tensors where they are instead of copying them in and out.
 * Who frees them and when is step-memory.ts's business: everything a training step
 * allocated here is given back when the step ends.
 *
 * The allocator (BlockHeap) is plain arithmetic over addresses: power-of-two size classes
 * from 64 bytes up (so every block is 64-byte aligned: one cache line, the kernels'
 * alignment), a free list per class, and a bump pointer above the highest block handed out.
 * A training loop asks for the same sizes step after step, so after the first step every
 * request is met from a free list and the bump pointer (the high-water mark) stops rising.
 * No splitting or merging: a request whose class list is empty and that no longer fits
 * above the bump pointer takes a free block of the next classes up, else it is refused
 * (the caller uses an ordinary array).
 */
import { kernelModule } from './wasm-module.js';

/** Smallest block: 64 bytes. */
const MIN_SHIFT = 6;
/** A refused request looks this many classes up for a free block before giving up. */
const LOOK_UP_CLASSES = 2;

/** Power-of-two blocks over the byte range [start, end); addresses only, no memory. */
export class BlockHeap {
  private top: number;
  private limit: number;
  /** Free block addresses per class (index = log2 of the block size). */
  private readonly freeLists: number[][] = [];
  /** Live block address → its class. */
  private readonly live = new Map<number, number>();
  private liveBytes = 0;

  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    if (start % 64 !== 0) throw new Error(`BlockHeap: start ${start} is not 64-byte aligned`);
    this.top = start;
    this.limit = end;
  }

  /** The address of a block of at least `bytes` bytes, or -1 when none is free and none fits. */
  alloc(bytes: number): number {
    const cls = sizeClass(bytes);
    let addr = this.freeLists[cls]?.pop();
    let got = cls;
    if (addr === undefined) {
      const size = 2 ** cls;
      if (this.top + size <= this.limit) {
        addr = this.top;
        this.top += size;
      } else {
        for (let c = cls + 1; c <= cls + LOOK_UP_CLASSES && addr === undefined; c++) {
          addr = this.freeLists[c]?.pop();
          got = c;
        }
        if (addr === undefined) return -1;
      }
    }
    this.live.set(addr, got);
    this.liveBytes += 2 ** got;
    return addr;
  }

  /** Gives a block back; an address that is not a live block is refused loudly (a double free would corrupt the heap). */
  free(addr: number): void {
    const cls = this.live.get(addr);
    if (cls === undefined) throw new Error(`BlockHeap: ${addr} is not an allocated block`);
    this.live.delete(addr);
    this.liveBytes -= 2 ** cls;
    (this.freeLists[cls] ??= []).push(addr);
  }

  /** Bytes of the block at a live address (its class size). */
  blockBytes(addr: number): number {
    const cls = this.live.get(addr);
    return cls === undefined ? 0 : 2 ** cls;
  }

  /** The bump pointer: memory at and above it was never handed out (still zero). */
  get bump(): number {
    return this.top;
  }

  /**
   * Tests: a heap that fills. The free lists are forgotten (their blocks are never handed out
   * again) and the bump pointer may rise `bytes` more at most; undefined lifts the cap.
   */
  capForTests(bytes: number | undefined): void {
    this.freeLists.length = 0;
    this.limit = bytes === undefined ? this.end : Math.min(this.end, this.top + bytes);
  }

  stats(): HeapStats {
    return { liveBlocks: this.live.size, liveBytes: this.liveBytes, highWaterBytes: this.top - this.start, capacityBytes: this.limit - this.start };
  }
}

export interface HeapStats {
  /** Blocks handed out and not yet given back, and their bytes (class sizes). */
  liveBlocks: number;
  liveBytes: number;
  /** Bytes ever touched: the bump pointer's height. Flat once a training loop has warmed up. */
  highWaterBytes: number;
  /** Bytes the bump pointer may reach. */
  capacityBytes: number;
}

/** log2 of the block size for `bytes`: at least MIN_SHIFT. */
function sizeClass(bytes: number): number {
  return Math.max(MIN_SHIFT, Math.ceil(Math.log2(Math.max(1, bytes))));
}

let heap: BlockHeap | null | undefined;

/** The heap over the kernels' memory, created on first use; null when the kernels cannot load. */
function theHeap(): BlockHeap | null {
  if (heap === undefined) {
    const mod = kernelModule();
    heap = mod ? new BlockHeap(mod.heap, mod.end) : null;
  }
  return heap;
}

/** Whether the heap is there (loading the kernels if they were not yet). */
export function heapAvailable(): boolean {
  return theHeap() !== null;
}

/** A zeroed block of `n` floats in the kernels' memory and its view, or undefined when the heap is full or absent. */
export function heapAlloc(n: number): { addr: number; view: Float32Array } | undefined {
  const h = theHeap();
  const mod = kernelModule();
  if (h === null || !mod) return undefined;
  const fresh = h.bump;
  const addr = h.alloc(4 * n);
  if (addr < 0) return undefined;
  const view = new Float32Array(mod.buffer, addr, n);
  // A reused block holds a freed tensor's numbers; above the bump pointer memory was never written.
  if (addr < fresh) view.fill(0);
  return { addr, view };
}

/** Gives a block back (the step that allocated it has ended). */
export function heapFree(addr: number): void {
  theHeap()?.free(addr);
}

/** The heap's numbers (tests, benchmarks), or undefined when the kernels cannot load here. */
export function heapStats(): HeapStats | undefined {
  return theHeap()?.stats();
}

/** Tests: the heap fills after `bytes` more (its free blocks forgotten); undefined lifts the cap. */
export function limitHeapForTests(bytes: number | undefined): void {
  theHeap()?.capForTests(bytes);
}
