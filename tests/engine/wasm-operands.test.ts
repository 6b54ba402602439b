/**
 * placeOperand (src/engine/kernels/wasm-operands.ts), the one rule every kernel uses to reach
 * an operand: its own address when it lies in the kernels' memory, else a dense copy in the
 * copy area, or nothing (the caller's JS path) when the copy does not fit. Run on a stand-in
 * module over an ordinary buffer, so the copy area can be made small.
 */
import { describe, expect, it } from 'vitest';
import { CopyArea, copyOut, placeOperand } from '../../src/engine/kernels/wasm-operands.js';
import type { KernelModule } from '../../src/engine/kernels/wasm-module.js';

function standIn(scratchBytes: number): KernelModule {
  const buffer = new ArrayBuffer(64 * 1024);
  return { buffer, f32: new Float32Array(buffer), scratch: 1024, scratchEnd: 1024 + scratchBytes, heap: 1024 + scratchBytes, end: buffer.byteLength } as unknown as KernelModule;
}

describe('placeOperand', () => {
  it('an operand in the kernels’ memory is used where it is: its byte address, its own stride, nothing copied', () => {
    const mod = standIn(4096);
    const a = new Float32Array(mod.buffer, 8192, 100);
    const p = placeOperand(new CopyArea(mod), a, 5, 3, 4, 7);
    expect(p).toEqual({ addr: 8192 + 4 * 5, ld: 7, copied: false });
  });

  it('other operands are copied densely, one after another, each starting on a cache line', () => {
    const mod = standIn(4096);
    const area = new CopyArea(mod);
    const src = Float32Array.from({ length: 40 }, (_, i) => i);
    const p = placeOperand(area, src, 2, 3, 4, 10)!; // rows 2…5, 12…15, 22…25
    expect(p).toEqual({ addr: 1024, ld: 4, copied: true });
    expect([...mod.f32.subarray(256, 268)]).toEqual([2, 3, 4, 5, 12, 13, 14, 15, 22, 23, 24, 25]);
    const q = placeOperand(area, src, 0, 1, 5, 5)!;
    expect(q.addr).toBe(1024 + 64);
    // An output: room only, then copied back into its strided place.
    const out = new Float32Array(20);
    const c = placeOperand(area, out, 1, 2, 3, 6, false)!;
    mod.f32.set([1, 2, 3, 4, 5, 6], c.addr >> 2);
    copyOut(mod, c, out, 1, 2, 3, 6);
    expect([...out.subarray(0, 10)]).toEqual([0, 1, 2, 3, 0, 0, 0, 4, 5, 6]);
  });

  it('a copy that does not fit the area gives nothing (the caller runs its JS path)', () => {
    const mod = standIn(256);
    const area = new CopyArea(mod);
    expect(placeOperand(area, new Float32Array(64), 0, 8, 8, 8)).toBeDefined(); // 256 bytes: exactly full
    expect(placeOperand(area, new Float32Array(1), 0, 1, 1, 1)).toBeUndefined();
    expect(placeOperand(new CopyArea(mod), new Float32Array(65), 0, 1, 65, 65)).toBeUndefined();
  });
});
