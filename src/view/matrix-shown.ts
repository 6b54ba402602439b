/**
 * What a matrix view shows of a tensor: how it is cut into 2-D slices and named, and which
 * slices, rows and columns fit. No drawing: a producer with millions of cells to mark asks
 * here which cells can be seen, and the renderer (figures/matrix.ts) draws them.
 */
import { msg, type Msg } from '../i18n/index.js';
import type { Label, MatrixBlock, MatrixHighlight, TensorLike } from './figures/types.js';

export interface MatrixGeometry {
  rows: number;
  cols: number;
  /** Number of 2-D slices (1 for rank ≤ 2). */
  slices: number;
  get(slice: number, r: number, c: number): number;
  sliceLabel(slice: number): Label | null;
  /** The shape in words: "6×6 (W×H) · PyTorch [1, 6, 6]". */
  dims: Msg;
}

const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);
const list = (xs: readonly number[]) => `[${xs.join(', ')}]`;

/** How a tensor is cut into 2-D slices for display, and how its shape is named. */
export function matrixGeometry(t: TensorLike, layout?: MatrixBlock['layout']): MatrixGeometry {
  const shape = t.shape;
  const d = t.data;
  const rank = shape.length;
  if (rank === 0) {
    return { rows: 1, cols: 1, slices: 1, get: () => d[0], sliceLabel: () => null, dims: msg('scalar', '标量') };
  }
  if (rank === 1) {
    const n = shape[0];
    return { rows: 1, cols: n, slices: 1, get: (_s, _r, c) => d[c], sliceLabel: () => null, dims: msg(`${n} (vector) · [${n}]`, `${n}（向量）· [${n}]`) };
  }
  if (rank === 2) {
    const [R, C] = shape;
    const dims =
      layout === 'HW'
        ? msg(`${C}×${R} (W×H) · PyTorch [${R}, ${C}]`, `${C}×${R}（宽×高）· PyTorch [${R}, ${C}]`)
        : msg(`${R}×${C} (rows×cols) · [${R}, ${C}]`, `${R}×${C}（行×列）· [${R}, ${C}]`);
    return { rows: R, cols: C, slices: 1, get: (_s, r, c) => d[r * C + c], sliceLabel: () => null, dims };
  }
  const hwc = layout === 'HWC' || layout === 'TF';
  const R = hwc ? shape[rank - 3] : shape[rank - 2];
  const C = hwc ? shape[rank - 2] : shape[rank - 1];
  const D = hwc ? shape[rank - 1] : shape[rank - 3];
  const batch = hwc ? shape.slice(0, rank - 3) : shape.slice(0, rank - 3);
  const nb = prod(batch);
  const slices = nb * D;
  const plane = R * C;
  const get = hwc
    ? (s: number, r: number, c: number) => {
        const b = Math.floor(s / D);
        const ch = s % D;
        return d[b * plane * D + (r * C + c) * D + ch];
      }
    : (s: number, r: number, c: number) => d[s * plane + r * C + c];
  const batchIndex = (b: number): number[] => {
    const idx: number[] = [];
    for (let i = batch.length - 1; i >= 0; i--) {
      idx.unshift(b % batch[i]);
      b = Math.floor(b / batch[i]);
    }
    return idx;
  };
  const sliceLabel = (s: number): Label => {
    const ch = s % D;
    if (rank === 3) return msg(`channel ${ch}`, `深度切片 ${ch}`);
    const bi = batchIndex(Math.floor(s / D));
    if (rank === 4) return msg(`image ${bi[0]}, channel ${ch}`, `样本 ${bi[0]}，深度切片 ${ch}`);
    return msg(`slice ${list([...bi, ch])}`, `切片 ${list([...bi, ch])}`);
  };
  const whd = D === 1 ? `${C}×${R}` : `${C}×${R}×${D}`;
  const en = D === 1 ? 'W×H' : 'W×H×D';
  const zh = D === 1 ? '宽×高' : '宽×高×深';
  const fw = hwc ? `TensorFlow ${list(shape)}` : `PyTorch ${list(shape)}`;
  const dims =
    rank === 3
      ? msg(`${whd} (${en}) · ${fw}`, `${whd}（${zh}）· ${fw}`)
      : rank === 4
        ? msg(`${nb} × ${whd} (N × ${en}) · ${fw}`, `${nb} × ${whd}（批 × ${zh}）· ${fw}`)
        : msg(`${batch.join('×')} × ${whd} · ${fw}`, `${batch.join('×')} × ${whd} · ${fw}`);
  return { rows: R, cols: C, slices, get, sliceLabel, dims };
}

/** Indices kept of n when at most `max` may be shown: head, -1 (the gap), tail. */
export function keepIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const room = Math.max(2, max - 1);
  const head = Math.ceil(room / 2);
  const tail = room - head;
  return [...Array.from({ length: head }, (_, i) => i), -1, ...Array.from({ length: tail }, (_, i) => n - tail + i)];
}

export type ShownOptions = Pick<MatrixBlock, 'maxRows' | 'maxSlices'>;

/** The slices and rows a matrix shows (-1 marks a gap): they depend on the shape alone, never on the width. */
export function slicesAndRows(g: MatrixGeometry, b: ShownOptions): { sliceIdx: number[]; shownSlices: number[]; rowIdx: number[] } {
  const { rows: R, cols: C } = g;
  const maxSlices = Math.max(1, b.maxSlices ?? (R <= 8 && C <= 8 ? 6 : 3));
  const sliceIdx =
    g.slices <= maxSlices
      ? keepIndices(g.slices, maxSlices)
      : maxSlices === 1
        ? [0, -1]
        : [...Array.from({ length: maxSlices - 1 }, (_, i) => i), -1, g.slices - 1];
  const shownSlices = sliceIdx.filter((s) => s >= 0);
  const maxRows = Math.max(3, b.maxRows ?? (shownSlices.length > 1 ? 8 : 16));
  return { sliceIdx, shownSlices, rowIdx: keepIndices(R, maxRows) };
}

/**
 * The cells renderMatrix can show at a width of at most `width`: its slices and rows
 * exactly, and a superset of its columns (which also depend on how wide the numbers
 * are). A producer with millions of cells to mark (max-pool winners on a large input)
 * marks only these — what is drawn is the same as with every cell marked.
 */
export function matrixShownCells(b: ShownOptions & Pick<MatrixBlock, 'tensor' | 'layout'>, width: number): { slices: number[]; rows: number[]; cols: number[] } {
  const g = matrixGeometry(b.tensor, b.layout);
  const { shownSlices, rowIdx } = slicesAndRows(g, b);
  // At most about width/3 columns fit (each takes its digits and two spaces), head and tail alike.
  const cols = keepIndices(g.cols, 2 * Math.ceil(Math.max(20, width) / 3) + 1);
  return { slices: shownSlices, rows: rowIdx.filter((r) => r >= 0), cols: cols.filter((c) => c >= 0) };
}

/**
 * The marks for the cells a matrix can show (see matrixShownCells), one highlight per
 * shown slice, asked of `marked` cell by cell instead of listing every marked cell.
 */
export function shownHighlights(
  b: ShownOptions & Pick<MatrixBlock, 'tensor' | 'layout'>,
  width: number,
  marked: (slice: number, row: number, col: number) => boolean,
  style: MatrixHighlight['style'],
): MatrixHighlight[] {
  const { slices, rows, cols } = matrixShownCells(b, width);
  return slices.map((slice) => {
    const cells: number[][] = [];
    for (const r of rows) for (const c of cols) if (marked(slice, r, c)) cells.push([r, c]);
    return { cells, slice, style };
  });
}
