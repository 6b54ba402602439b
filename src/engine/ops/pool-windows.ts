/**
 * Where each pooling window lies — the one window loop every pooling pass
 * (max, average, Lp; forward and backward) walks, so the clipping and the
 * count_include_pad divisor are written once.
 */

/** The windows' geometry along both axes and the number of H×W planes. */
export interface WindowGeometry {
  planes: number;
  H: number;
  W: number;
  outH: number;
  outW: number;
  kH: number;
  kW: number;
  sH: number;
  sW: number;
  pH: number;
  pW: number;
}

/** One pooling window: where its output goes and which input cells it covers. */
export interface PoolWindow {
  /** Index of the output element (planes, then rows, then columns). */
  out: number;
  /** Offset of the window's H×W plane in the input. */
  plane: number;
  /** The window clipped to the input: rows [h0, h1), columns [w0, w1) (empty when it lies in the padding only). */
  h0: number;
  h1: number;
  w0: number;
  w1: number;
  /** Cells of the window inside the padded input [−P, n + P): the divisor with count_include_pad. */
  paddedArea: number;
}

/** Along one axis: each window's start and end clipped to [0, n), and its length inside [−p, n + p). */
export function axisWindows(count: number, k: number, s: number, p: number, n: number): { start: Int32Array; end: Int32Array; padded: Int32Array } {
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const padded = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const a = i * s - p;
    const b = Math.min(a + k, n + p);
    padded[i] = b - a;
    start[i] = a < 0 ? 0 : a;
    end[i] = b > n ? n : b;
  }
  return { start, end, padded };
}

/**
 * Calls `visit` for every window in output order. The window object is reused
 * between calls (read it, do not keep it): millions of windows, no garbage.
 */
export function forEachWindow(g: WindowGeometry, visit: (w: PoolWindow) => void): void {
  const rows = axisWindows(g.outH, g.kH, g.sH, g.pH, g.H);
  const cols = axisWindows(g.outW, g.kW, g.sW, g.pW, g.W);
  const w: PoolWindow = { out: 0, plane: 0, h0: 0, h1: 0, w0: 0, w1: 0, paddedArea: 0 };
  const plane = g.H * g.W;
  for (let pl = 0; pl < g.planes; pl++) {
    w.plane = pl * plane;
    for (let oh = 0; oh < g.outH; oh++) {
      w.h0 = rows.start[oh];
      w.h1 = rows.end[oh];
      for (let ow = 0; ow < g.outW; ow++) {
        w.w0 = cols.start[ow];
        w.w1 = cols.end[ow];
        w.paddedArea = rows.padded[oh] * cols.padded[ow];
        visit(w);
        w.out++;
      }
    }
  }
}
