/**
 * One attention head, forward and backward, on matrices that live inside larger
 * buffers (a head is a column block of the projected Q, K, V of one example of a
 * batch): every product is one `gemm` over strided views, nothing is copied.
 *
 *   forward:  S = q kᵀ/√d (−∞ where masked), P = softmax_rows(S), O = P v
 *   backward: dv = Pᵀ dO,  dP = dO vᵀ (+ dLoss/dP when the weights are used),
 *             dS = P ⊙ (dP − rowsum(P ⊙ dP)) / √d,  dq = dS k,  dk = dSᵀ q
 * A masked score has P = 0, so it gets no gradient.
 */
import { gemm } from '../gemm.js';
import { softmaxRowsInPlace } from './softmax.js';

/** A matrix stored inside a larger buffer: element (r, c) is buf[off + r*ld + c]. */
export interface Block {
  buf: Float32Array;
  off: number;
  ld: number;
}

/** The same buffer and stride, moved by `delta` numbers (another example or another head). */
export const at = (b: Block, delta: number): Block => ({ buf: b.buf, off: b.off + delta, ld: b.ld });

/** Which keys a query may not see: later keys (causal) and padded keys of its example. */
export interface HeadMask {
  causal: boolean;
  /** One number per key, nonzero = padding (ignored); read from padOff. */
  pad: Float32Array | null;
  padOff: number;
}

export const NO_MASK: HeadMask = { causal: false, pad: null, padOff: 0 };

export interface HeadSizes {
  L: number;
  S: number;
  d: number;
  dv: number;
}

/**
 * Writes the weights [L, S] into P at pOff (and the masked scaled scores into
 * `scores` when given) and P·V into `out`.
 */
export function attendHead(z: HeadSizes, Q: Block, K: Block, V: Block, mask: HeadMask, P: Float32Array, pOff: number, out: Block, scores: Float32Array | null): void {
  const { L, S, d, dv } = z;
  gemm({ M: L, N: S, K: d, A: Q.buf, aOffset: Q.off, lda: Q.ld, B: K.buf, bOffset: K.off, ldb: K.ld, transB: true, C: P, cOffset: pOff, ldc: S });
  const scale = 1 / Math.sqrt(d);
  const pad = mask.pad;
  for (let i = 0; i < L; i++) {
    const o = pOff + i * S;
    for (let j = 0; j < S; j++) P[o + j] *= scale;
    if (mask.causal) for (let j = i + 1; j < S; j++) P[o + j] = -Infinity;
    if (pad) for (let j = 0; j < S; j++) if (pad[mask.padOff + j] !== 0) P[o + j] = -Infinity;
  }
  if (scores) scores.set(P.subarray(pOff, pOff + L * S), pOff);
  softmaxRowsInPlace(P, pOff, L, S);
  gemm({ M: L, N: dv, K: S, A: P, aOffset: pOff, lda: S, B: V.buf, bOffset: V.off, ldb: V.ld, C: out.buf, cOffset: out.off, ldc: out.ld });
}

/**
 * The backward of attendHead. `dPgiven` (dLoss/dweights at pOff) may be null when
 * the weights output is unused. Writes dq, dk, dv into their blocks (overwriting);
 * `dS` is scratch of at least L·S numbers.
 */
export function attendHeadBackward(
  z: HeadSizes,
  Q: Block,
  K: Block,
  V: Block,
  P: Float32Array,
  pOff: number,
  dO: Block,
  dPgiven: Float32Array | null,
  dQ: Block,
  dK: Block,
  dV: Block,
  dS: Float32Array,
): void {
  const { L, S, d, dv } = z;
  // dv = Pᵀ dO  [S, dv]
  gemm({ M: S, N: dv, K: L, A: P, aOffset: pOff, lda: S, transA: true, B: dO.buf, bOffset: dO.off, ldb: dO.ld, C: dV.buf, cOffset: dV.off, ldc: dV.ld });
  // dP = dO vᵀ  [L, S]
  gemm({ M: L, N: S, K: dv, A: dO.buf, aOffset: dO.off, lda: dO.ld, B: V.buf, bOffset: V.off, ldb: V.ld, transB: true, C: dS, ldc: S });
  const scale = 1 / Math.sqrt(d);
  for (let i = 0; i < L; i++) {
    const o = i * S;
    const po = pOff + o;
    if (dPgiven) for (let j = 0; j < S; j++) dS[o + j] += dPgiven[po + j];
    let dot = 0;
    for (let j = 0; j < S; j++) dot += P[po + j] * dS[o + j];
    for (let j = 0; j < S; j++) dS[o + j] = P[po + j] * (dS[o + j] - dot) * scale;
  }
  // dq = dS k  [L, d];  dk = dSᵀ q  [S, d]
  gemm({ M: L, N: d, K: S, A: dS, lda: S, B: K.buf, bOffset: K.off, ldb: K.ld, C: dQ.buf, cOffset: dQ.off, ldc: dQ.ld });
  gemm({ M: S, N: d, K: L, A: dS, lda: S, transA: true, B: Q.buf, bOffset: Q.off, ldb: Q.ld, C: dK.buf, cOffset: dK.off, ldc: dK.ld });
}
