/**
 * A digit drawn on the canvas made to look like an MNIST digit before the
 * model sees it, as MNIST's were made (LeCun et al.): the drawing's bounding
 * box scaled to fit a 20×20 box keeping its aspect ratio (grey levels from the
 * area each new pixel covers: anti-aliased, as the scanned digits were), then
 * placed in the 28×28 image so that its centre of mass is at the centre
 * (where MNIST put it: row and column index 14).
 * A model trained on MNIST has only ever seen digits that size and there;
 * without this a small digit in a corner is a guess.
 *
 * And the canvas's brush: soft, so a stroke has grey edges as MNIST's do.
 * Pure functions on row-major grey images, 0 = black … 255 = white.
 */

export const DRAW_SIDE = 28;
/** MNIST's digits fit a 20×20 box inside the 28×28 image. */
export const DIGIT_BOX = 20;
/**
 * Where MNIST put the centre of mass, in pixel-centre coordinates: 14.5, i.e.
 * index 14 in the 0…27 numbering of rows and columns (the shipped test digits'
 * centres of mass lie between 14.2 and 15.0 here, never at the image's
 * geometric centre 14.0).
 */
export const MNIST_CENTRE = DRAW_SIDE / 2 + 0.5;

/** The smallest rectangle holding every pixel above 0, or null when the image is blank. */
export function boundingBox(pixels: ArrayLike<number>, side: number): { top: number; left: number; rows: number; cols: number } | null {
  let top = side;
  let bottom = -1;
  let left = side;
  let right = -1;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      if (!(pixels[r * side + c] > 0)) continue;
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
  }
  if (bottom < 0) return null;
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

/** Centre of mass (row, col) in pixel-centre coordinates (pixel r spans [r, r+1), its centre is r + 0.5); null when blank. */
export function centreOfMass(pixels: ArrayLike<number>, rows: number, cols = rows): { row: number; col: number } | null {
  let sum = 0;
  let sr = 0;
  let sc = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = Math.max(0, Number(pixels[r * cols + c]) || 0);
      sum += v;
      sr += v * (r + 0.5);
      sc += v * (c + 0.5);
    }
  }
  return sum > 0 ? { row: sr / sum, col: sc / sum } : null;
}

/** Length of [a0, a1) ∩ [b0, b1). */
const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * Resamples a rows×cols block (of an image `side` wide, at top, left) to
 * outRows×outCols by area: each new pixel is the mean of the source it covers,
 * so shrinking averages and enlarging keeps edges grey where they fall between pixels.
 */
function resampleArea(src: ArrayLike<number>, side: number, box: { top: number; left: number; rows: number; cols: number }, outRows: number, outCols: number): Float64Array {
  const out = new Float64Array(outRows * outCols);
  const fy = box.rows / outRows;
  const fx = box.cols / outCols;
  for (let r = 0; r < outRows; r++) {
    const y0 = r * fy;
    const y1 = y0 + fy;
    for (let c = 0; c < outCols; c++) {
      const x0 = c * fx;
      const x1 = x0 + fx;
      let s = 0;
      for (let sy = Math.floor(y0); sy < Math.min(box.rows, Math.ceil(y1)); sy++) {
        const wy = overlap(y0, y1, sy, sy + 1);
        if (!wy) continue;
        for (let sx = Math.floor(x0); sx < Math.min(box.cols, Math.ceil(x1)); sx++) {
          const wx = overlap(x0, x1, sx, sx + 1);
          if (wx) s += wy * wx * (Number(src[(box.top + sy) * side + box.left + sx]) || 0);
        }
      }
      out[r * outCols + c] = s / (fy * fx);
    }
  }
  return out;
}

/**
 * A drawing as MNIST's digits are: its bounding box scaled so the longer side
 * is 20 pixels (the other in proportion), placed so its centre of mass falls
 * on MNIST's centre of the 28×28 image (rounded to whole pixels, kept inside).
 * A blank drawing stays blank.
 */
export function mnistLike(pixels: ArrayLike<number>, side = DRAW_SIDE): Uint8Array {
  const out = new Uint8Array(DRAW_SIDE * DRAW_SIDE);
  const box = boundingBox(pixels, side);
  if (!box) return out;
  const scale = DIGIT_BOX / Math.max(box.rows, box.cols);
  const rows = Math.max(1, Math.min(DIGIT_BOX, Math.round(box.rows * scale)));
  const cols = Math.max(1, Math.min(DIGIT_BOX, Math.round(box.cols * scale)));
  const small = resampleArea(pixels, side, box, rows, cols);
  const com = centreOfMass(small, rows, cols) ?? { row: rows / 2, col: cols / 2 };
  const at = (mass: number, len: number) => Math.max(0, Math.min(DRAW_SIDE - len, Math.round(MNIST_CENTRE - mass)));
  const top = at(com.row, rows);
  const left = at(com.col, cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[(top + r) * DRAW_SIDE + left + c] = Math.max(0, Math.min(255, Math.round(small[r * cols + c])));
  }
  return out;
}

/**
 * Paints (or erases) a soft round brush at pixel (row, col) of a side×side image
 * in place: full strength within `radius` of the pixel's centre, fading to
 * nothing over the next pixel (anti-aliased), so a stroke one pixel wide has
 * grey edges. Painting keeps the brighter of old and new; erasing the darker.
 */
export function stamp(pixels: Uint8Array, side: number, row: number, col: number, radius: number, erase = false): void {
  const reach = Math.ceil(radius + 1);
  for (let r = Math.max(0, Math.floor(row) - reach); r <= Math.min(side - 1, Math.floor(row) + reach); r++) {
    for (let c = Math.max(0, Math.floor(col) - reach); c <= Math.min(side - 1, Math.floor(col) + reach); c++) {
      const d = Math.hypot(r - row, c - col);
      const strength = Math.max(0, Math.min(1, radius + 1 - d));
      if (!strength) continue;
      const i = r * side + c;
      const v = Math.round(255 * strength);
      pixels[i] = erase ? Math.min(pixels[i], 255 - v) : Math.max(pixels[i], v);
    }
  }
}
