import { describe, expect, it } from 'vitest';
import { forEachWindow, type PoolWindow } from '../../src/engine/ops/pool-windows.js';

function windows(g: Parameters<typeof forEachWindow>[0]): PoolWindow[] {
  const seen: PoolWindow[] = [];
  forEachWindow(g, (w) => seen.push({ ...w }));
  return seen;
}

describe('forEachWindow: the one pooling window loop', () => {
  it('visits every window in output order, clipped to the input, with the padded window size as divisor', () => {
    // one 3×3 plane, F=2, S=2, P=1: windows start at −1 and 1 along both axes
    const ws = windows({ planes: 1, H: 3, W: 3, outH: 2, outW: 2, kH: 2, kW: 2, sH: 2, sW: 2, pH: 1, pW: 1 });
    expect(ws.map((w) => w.out)).toEqual([0, 1, 2, 3]);
    expect(ws.map((w) => [w.h0, w.h1, w.w0, w.w1])).toEqual([
      [0, 1, 0, 1],
      [0, 1, 1, 3],
      [1, 3, 0, 1],
      [1, 3, 1, 3],
    ]);
    expect(ws.map((w) => w.paddedArea)).toEqual([4, 4, 4, 4]);
  });

  it('a ceil-mode window hanging past the padding counts only the cells inside it, and planes follow each other', () => {
    // 2 planes of 1×5, F=[1, 2], S=2, P=0, ceil: the third window is [4, 6) → one real cell, no padding to count
    const ws = windows({ planes: 2, H: 1, W: 5, outH: 1, outW: 3, kH: 1, kW: 2, sH: 1, sW: 2, pH: 0, pW: 0 });
    expect(ws.map((w) => [w.plane, w.w0, w.w1, w.paddedArea])).toEqual([
      [0, 0, 2, 2],
      [0, 2, 4, 2],
      [0, 4, 5, 1],
      [5, 0, 2, 2],
      [5, 2, 4, 2],
      [5, 4, 5, 1],
    ]);
  });
});
