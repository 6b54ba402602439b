/**
 * The LSTM's gate kernels (kernels/wasm/recurrent.ts) as ops/recurrent-seq.ts calls them, one
 * time step of the whole batch per call. As in wasm-elementwise.ts: a function runs its kernel
 * and returns true ONLY when the WebAssembly back end is in force and every array it is given
 * is already in the kernel module's memory (a training step's tensors are); otherwise it
 * returns false, touching nothing, and the op runs its JS loop for that step. It never copies.
 *
 * Results agree with the JS loops to float32 rounding: the same float64 formulas in the same
 * order, with the kernels' exp and tanh (tests/engine/wasm-recurrent.test.ts).
 */
import { gemmBackend } from './gemm.js';
import { kernelAddress } from './kernels/wasm-address.js';
import { kernelModuleIfLoaded } from './kernels/wasm-module.js';

interface RecurrentExports {
  lstmGatesForward(z: number, zStride: number, b: number, prev: number, prevStride: number, cells: number, out: number, hStride: number, N: number, H: number): void;
  lstmGatesBackward(gates: number, zStride: number, cells: number, hStride: number, prev: number, prevStride: number, gOut: number, dh: number, dc: number, dz: number, N: number, H: number): void;
  columnSumsF64(x: number, rows: number, n: number, sums: number): void;
}

/** A strided batch of rows inside one array: row n of `width` floats starts at offset + n·stride. */
export interface Rows {
  data: Float32Array;
  offset: number;
  stride: number;
}

let enabled = true;
const calls = { forward: 0, backward: 0 };
/** How many steps the kernels ran (tests: an op really takes this path). */
export function lstmKernelCalls(): { forward: number; backward: number } {
  return { ...calls };
}

/**
 * @internal Tests and benches: false makes every call here return false (the JS loops run)
 * while the rest of the WebAssembly back end stays, so the two paths can be compared on the
 * same arrays in one process.
 */
export function setLstmKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** The kernels when the WebAssembly back end is chosen and the module is loaded (never loads it). */
function kernels(): RecurrentExports | undefined {
  if (!enabled || gemmBackend() !== 'wasm') return undefined;
  return kernelModuleIfLoaded()?.ex as RecurrentExports | undefined;
}

/**
 * The byte address of the first of N rows of `width` floats, or -1 unless the array is in the
 * kernels' memory and holds all of them (the last row's end inside the array).
 */
function rowsAddress(r: Rows, N: number, width: number): number {
  const { data, offset, stride } = r;
  if (!Number.isInteger(offset) || !Number.isInteger(stride) || offset < 0 || stride < 0) return -1;
  if (offset + (N - 1) * stride + width > data.length) return -1;
  const at = kernelAddress(data);
  return at < 0 ? -1 : at + 4 * offset;
}

/** 0 for none, else as rowsAddress. */
function optionalRows(r: Rows | null, N: number, width: number): number {
  return r === null ? 0 : rowsAddress(r, N, width);
}

/**
 * lstmForward's gate loop for one step: z's rows (4H pre-activations without the bias) become
 * the activated gates; cells and out (same offset and stride) get c_t and h_t. prev: c_{t−1}
 * (null for zeros). `b`: the 4H summed biases.
 */
export function wasmLstmGatesForward(N: number, H: number, z: Rows, b: Float32Array, prev: Rows | null, cells: Rows, out: Rows): boolean {
  const k = kernels();
  if (!k || N < 1 || H < 1 || cells.offset !== out.offset || cells.stride !== out.stride) return false;
  const zAt = rowsAddress(z, N, 4 * H);
  const bAt = rowsAddress({ data: b, offset: 0, stride: 0 }, 1, 4 * H);
  const pAt = optionalRows(prev, N, H);
  const cAt = rowsAddress(cells, N, H);
  const oAt = rowsAddress(out, N, H);
  if (zAt < 0 || bAt < 0 || pAt < 0 || cAt < 0 || oAt < 0) return false;
  k.lstmGatesForward(zAt, z.stride, bAt, pAt, prev?.stride ?? 0, cAt, oAt, cells.stride, N, H);
  calls.forward++;
  return true;
}

/**
 * lstmBackward's gate loop for one step: from the saved gates (laid out as dz), c_t (`cells`,
 * laid out as gOut), c_{t−1} (`prev`, null for zeros), the gradient of h_t from above (`gOut`,
 * null for none) and dh, dc [N, H] from step t + 1, writes dz and replaces dc by the gradient
 * into c_{t−1}.
 */
export function wasmLstmGatesBackward(
  N: number, H: number, gates: Rows, cells: Rows, prev: Rows | null, gOut: Rows | null,
  dh: Float32Array, dc: Float32Array, dz: Rows,
): boolean {
  const k = kernels();
  if (!k || N < 1 || H < 1 || dz.offset !== gates.offset || dz.stride !== gates.stride) return false;
  if (gOut !== null && (gOut.offset !== cells.offset || gOut.stride !== cells.stride)) return false;
  const gAt = rowsAddress(gates, N, 4 * H);
  const cAt = rowsAddress(cells, N, H);
  const pAt = optionalRows(prev, N, H);
  const goAt = optionalRows(gOut, N, H);
  const dhAt = rowsAddress({ data: dh, offset: 0, stride: H }, N, H);
  const dcAt = rowsAddress({ data: dc, offset: 0, stride: H }, N, H);
  const dzAt = rowsAddress(dz, N, 4 * H);
  if (gAt < 0 || cAt < 0 || pAt < 0 || goAt < 0 || dhAt < 0 || dcAt < 0 || dzAt < 0) return false;
  k.lstmGatesBackward(gAt, gates.stride, cAt, cells.stride, pAt, prev?.stride ?? 0, goAt, dhAt, dcAt, dzAt, N, H);
  calls.backward++;
  return true;
}

/**
 * sums[j] = Σ_r x[r·n + j] over `rows` rows of n, in float64 and each column from row 0 down
 * (bit for bit the JS loop of recurrent-seq.ts weightGrads). `sums` must be a Float64Array over
 * the kernels' memory (a step's block viewed as float64s) of at least n numbers.
 */
export function wasmColumnSums(x: Float32Array, rows: number, n: number, sums: Float64Array): boolean {
  const k = kernels();
  if (!k || rows < 0 || n < 1 || sums.length < n || sums.byteOffset % 8 !== 0) return false;
  const xAt = rowsAddress({ data: x, offset: 0, stride: n }, rows, n);
  const sAt = kernelAddress(sums);
  if (xAt < 0 || sAt < 0) return false;
  k.columnSumsF64(xAt, rows, n, sAt);
  return true;
}
