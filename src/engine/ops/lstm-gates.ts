/**
 * The LSTM's gate loops over one time step of a batch (lstm_sequence, recurrent-seq.ts):
 * the nonlinearities, c_t and h_t forward; from them dz and dc_{t−1} backward. Each step
 * runs the WebAssembly kernel when it can (wasm-recurrent.ts: WebAssembly back end, every
 * array in the kernels' memory) and else the JS loop here, which is also the reference the
 * kernel is tested against (tests/engine/wasm-recurrent.test.ts).
 *
 * Rows: step t of every sequence is row (n·T + t) of the [N, T, ·] buffers, so a step's
 * batch is a strided view (offset t·width, stride T·width); c0 is a plain [N, H].
 */
import { type Rows, wasmLstmGatesBackward, wasmLstmGatesForward } from '../wasm-recurrent.js';
import { sig } from './recurrent.js';

export type { Rows };

/**
 * Forward of one step: z's rows (4H pre-activations [i | f | g | o], without the bias) become
 * the activated gates σ(i), σ(f), tanh(g), σ(o); then c_t = σ(f)·c_{t−1} + σ(i)·tanh(g) into
 * `cells` and h_t = σ(o)·tanh(c_t) into `out` (cells and out share offset and stride).
 * prev: c_{t−1}, null for zeros. b: the 4H summed biases.
 */
export function lstmGatesForward(N: number, H: number, z: Rows, b: Float32Array, prev: Rows | null, cells: Rows, out: Rows): void {
  if (wasmLstmGatesForward(N, H, z, b, prev, cells, out)) return;
  lstmGatesForwardJs(N, H, z, b, prev, cells, out);
}

/**
 * Backward of one step, from the forward's gates and c_t: writes dz (laid out as the gates)
 * and turns dc (the gradient into c_t, [N, H]) into the gradient into c_{t−1}. dh: the
 * gradient into h_t from step t + 1, [N, H]; gOut: the gradient of h_t from above (laid out
 * as cells), null for none.
 */
export function lstmGatesBackward(
  N: number, H: number, gates: Rows, cells: Rows, prev: Rows | null, gOut: Rows | null,
  dh: Float32Array, dc: Float32Array, dz: Rows,
): void {
  if (wasmLstmGatesBackward(N, H, gates, cells, prev, gOut, dh, dc, dz)) return;
  lstmGatesBackwardJs(N, H, gates, cells, prev, gOut, dh, dc, dz);
}

/** @internal The JS loop of lstmGatesForward (tests compare the kernel with it). */
export function lstmGatesForwardJs(N: number, H: number, zr: Rows, b: Float32Array, prevr: Rows | null, cellr: Rows, outr: Rows): void {
  const z = zr.data;
  const cells = cellr.data;
  const out = outr.data;
  const prev = prevr?.data;
  const H2 = 2 * H;
  const H3 = 3 * H;
  for (let n = 0; n < N; n++) {
    const zo = zr.offset + n * zr.stride;
    const so = cellr.offset + n * cellr.stride;
    const po = prevr ? prevr.offset + n * prevr.stride : 0;
    for (let j = 0; j < H; j++) {
      const ig = sig(z[zo + j] + b[j]);
      const fg = sig(z[zo + H + j] + b[H + j]);
      const gg = Math.tanh(z[zo + H2 + j] + b[H2 + j]);
      const og = sig(z[zo + H3 + j] + b[H3 + j]);
      const c = fg * (prev ? prev[po + j] : 0) + ig * gg;
      z[zo + j] = ig;
      z[zo + H + j] = fg;
      z[zo + H2 + j] = gg;
      z[zo + H3 + j] = og;
      cells[so + j] = c;
      out[so + j] = og * Math.tanh(c);
    }
  }
}

/** @internal The JS loop of lstmGatesBackward. */
export function lstmGatesBackwardJs(
  N: number, H: number, gr: Rows, cellr: Rows, prevr: Rows | null, gOutr: Rows | null,
  dh: Float32Array, dc: Float32Array, dzr: Rows,
): void {
  const gates = gr.data;
  const cells = cellr.data;
  const prev = prevr?.data;
  const gOut = gOutr?.data;
  const dz = dzr.data;
  const H2 = 2 * H;
  const H3 = 3 * H;
  for (let n = 0; n < N; n++) {
    const zo = gr.offset + n * gr.stride;
    const dzo = dzr.offset + n * dzr.stride;
    const so = cellr.offset + n * cellr.stride;
    const go = gOutr ? gOutr.offset + n * gOutr.stride : 0;
    const po = prevr ? prevr.offset + n * prevr.stride : 0;
    const k = n * H;
    for (let j = 0; j < H; j++) {
      const gh = dh[k + j] + (gOut ? gOut[go + j] : 0);
      const ig = gates[zo + j];
      const fg = gates[zo + H + j];
      const gg = gates[zo + H2 + j];
      const og = gates[zo + H3 + j];
      const tc = Math.tanh(cells[so + j]);
      // dc_t: from the next step (through f) and from h_t = o·tanh(c_t).
      const gc = dc[k + j] + gh * og * (1 - tc * tc);
      const cp = prev ? prev[po + j] : 0;
      dz[dzo + j] = gc * gg * ig * (1 - ig);
      dz[dzo + H + j] = gc * cp * fg * (1 - fg);
      dz[dzo + H2 + j] = gc * ig * (1 - gg * gg);
      dz[dzo + H3 + j] = gh * tc * og * (1 - og);
      dc[k + j] = gc * fg;
    }
  }
}
