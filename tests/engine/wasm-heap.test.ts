/**
 * The size-class allocator over the kernels' memory (src/engine/kernels/wasm-heap.ts),
 * as plain address arithmetic: random sequences of allocations and frees.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockHeap } from '../../src/engine/kernels/wasm-heap.js';

const START = 4096;
const END = START + (1 << 20);

/** A step of a random sequence: allocate `bytes`, or free the live block at (index mod live count). */
type Op = { alloc: number } | { free: number };
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ alloc: fc.integer({ min: 1, max: 40_000 }) }),
  fc.record({ free: fc.nat() }),
);

describe('BlockHeap', () => {
  it('never hands out overlapping blocks, keeps them 64-byte aligned and inside its range (property)', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 300 }), (ops) => {
        const h = new BlockHeap(START, END);
        const live = new Map<number, number>(); // addr → bytes asked
        for (const op of ops) {
          if ('alloc' in op) {
            const addr = h.alloc(op.alloc);
            if (addr < 0) continue; // full: refused, which the caller handles
            expect(addr % 64).toBe(0);
            expect(addr).toBeGreaterThanOrEqual(START);
            expect(addr + h.blockBytes(addr)).toBeLessThanOrEqual(END);
            expect(h.blockBytes(addr)).toBeGreaterThanOrEqual(op.alloc);
            for (const [a, n] of live) {
              const disjoint = addr + op.alloc <= a || a + n <= addr;
              expect(disjoint, `block ${addr}+${op.alloc} overlaps ${a}+${n}`).toBe(true);
            }
            live.set(addr, op.alloc);
          } else if (live.size > 0) {
            const addr = [...live.keys()][op.free % live.size];
            h.free(addr);
            live.delete(addr);
          }
        }
        expect(h.stats().liveBlocks).toBe(live.size);
      }),
      { numRuns: 200 },
    );
  });

  it('reuses freed memory: the same sizes again, after freeing them, do not raise the high-water mark (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 60 }), (sizes) => {
        const h = new BlockHeap(START, END * 16);
        for (let round = 0; round < 3; round++) {
          const addrs = sizes.map((n) => h.alloc(n));
          expect(addrs.every((a) => a >= 0)).toBe(true);
          const high = h.stats().highWaterBytes;
          addrs.forEach((a) => h.free(a));
          expect(h.stats().liveBlocks).toBe(0);
          if (round > 0) expect(h.stats().highWaterBytes).toBe(high);
        }
        // Round 2 reused round 1's blocks exactly: nothing above them was ever touched.
        const bytes = sizes.reduce((s, n) => s + Math.max(64, 2 ** Math.ceil(Math.log2(n))), 0);
        expect(h.stats().highWaterBytes).toBe(bytes);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses when full, then serves again from freed blocks, a larger free block included', () => {
    const h = new BlockHeap(0, 1024);
    const a = h.alloc(512);
    const b = h.alloc(512);
    expect([a, b]).toEqual([0, 512]);
    expect(h.alloc(100)).toBe(-1);
    h.free(b);
    // No 128-byte block free and no room above: a 512-byte block two classes up serves it.
    expect(h.alloc(100)).toBe(512);
    expect(h.blockBytes(512)).toBe(512);
    expect(h.alloc(1)).toBe(-1);
  });

  it('refuses a double free or an address it never handed out, loudly', () => {
    const h = new BlockHeap(0, 4096);
    const a = h.alloc(10);
    h.free(a);
    expect(() => h.free(a)).toThrow(/not an allocated block/);
    expect(() => h.free(64 * 7)).toThrow(/not an allocated block/);
  });

  it('capped for a test: free blocks forgotten, the bump pointer rises `bytes` more at most; uncapped again', () => {
    const h = new BlockHeap(0, 1 << 16);
    h.free(h.alloc(64));
    h.capForTests(256);
    expect(h.alloc(64)).toBe(64); // not the freed block at 0
    expect(h.alloc(128)).toBe(128);
    expect(h.alloc(128)).toBe(-1);
    h.capForTests(undefined);
    expect(h.alloc(128)).toBe(256);
    expect(h.stats().capacityBytes).toBe(1 << 16);
  });
});
