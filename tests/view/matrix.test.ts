import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/engine/tensor.js';
import { msg } from '../../src/i18n/index.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { keepIndices, renderMatrix } from '../../src/view/figures/matrix.js';
import type { MatrixBlock } from '../../src/view/figures/types.js';
import { ANSI, color, numbersIn, opts, plain, WIDTHS } from './helpers.js';
import { fmtFixed } from '../../src/i18n/numbers.js';
import { NARROW_RANGES, sw } from '../../src/view/layout.js';

const m = (tensor: MatrixBlock['tensor'], extra: Partial<MatrixBlock> = {}): MatrixBlock => ({ kind: 'matrix', tensor, ...extra });

describe('matrix: the numbers', () => {
  it('shows every number of a small matrix, aligned, at the chosen precision (parsed back)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.double({ min: -999, max: 999, noNaN: true }), { minLength: 36, maxLength: 36 }),
        (R, C, p, pool) => {
          const data = pool.slice(0, R * C);
          const lines = renderMatrix(m({ shape: [R, C], data }, { precision: p }), opts(80));
          const rows = lines.slice(1);
          expect(rows).toHaveLength(R);
          rows.forEach((line, r) => {
            const got = numbersIn(line);
            expect(got).toHaveLength(C);
            got.forEach((v, c) => {
              const want = data[r * C + c];
              // Either the fixed rounding or, below the precision, a 1-digit exponent.
              expect(Math.abs(v - want)).toBeLessThanOrEqual(Math.max(0.5 * 10 ** -p + 1e-9, Math.abs(want) * 0.5));
              expect(line).toContain(fmtFixed(want, p));
            });
          });
          // Columns are aligned: every number of a column ends in the same column.
          const ends = rows.map((l) => [...l.matchAll(/\S+/g)].map((x) => (x.index ?? 0) + x[0].length));
          for (const e of ends) expect(e).toEqual(ends[0]);
        },
      ),
    );
  });

  it('writes NaN, ±∞, tiny and huge values honestly', () => {
    const lines = renderMatrix(m({ shape: [1, 6], data: [Number.NaN, Infinity, -Infinity, 1e-9, 3e12, -0] }, { precision: 2 }), opts(80));
    expect(numbersIn(lines[1]).map(String)).toEqual(['NaN', 'Infinity', '-Infinity', '1e-9', '3000000000000', '0']);
    expect(lines[1]).not.toMatch(/-0\.00/);
    expect(lines[1]).toContain('3e12');
  });

  it('precision defaults to whole numbers for integer data, 2 digits otherwise', () => {
    expect(renderMatrix(m({ shape: [3], data: [1, 2, 3] }), opts(80))[1].trim()).toBe('1  2  3');
    expect(renderMatrix(m({ shape: [2], data: [1, 0.5] }), opts(80))[1].trim()).toBe('1.00  0.50');
  });
});

describe('matrix: shape labels', () => {
  it('names a 1-channel image in both conventions: "x  6×6 (W×H) · PyTorch [1, 6, 6]"', () => {
    const t = new Tensor([1, 6, 6]);
    expect(renderMatrix(m(t, { label: 'x' }), opts(80))[0]).toBe('x  6×6 (W×H) · PyTorch [1, 6, 6]');
    expect(renderMatrix(m(t, { label: 'x' }), opts(80, plain, 'zh'))[0]).toBe('x  6×6（宽×高）· PyTorch [1, 6, 6]');
  });

  it('W×H×D for CHW, TensorFlow order for HWC, rows×cols for a matrix', () => {
    expect(renderMatrix(m(new Tensor([3, 4, 5])), opts(80))[0]).toBe('5×4×3 (W×H×D) · PyTorch [3, 4, 5]');
    expect(renderMatrix(m(new Tensor([4, 5, 3]), { layout: 'HWC' }), opts(80))[0]).toBe('5×4×3 (W×H×D) · TensorFlow [4, 5, 3]');
    expect(renderMatrix(m(new Tensor([2, 3])), opts(80))[0]).toBe('2×3 (rows×cols) · [2, 3]');
    expect(renderMatrix(m(new Tensor([2, 3]), { layout: 'HW' }), opts(80))[0]).toBe('3×2 (W×H) · PyTorch [2, 3]');
    expect(renderMatrix(m(new Tensor([2, 3, 4, 5])), opts(120))[0]).toBe('2 × 5×4×3 (N × W×H×D) · PyTorch [2, 3, 4, 5]');
  });

  it('labels each slice: channel k / 深度切片 k, reading the right numbers for CHW and HWC', () => {
    const data = Array.from({ length: 12 }, (_, i) => i);
    const chw = renderMatrix(m({ shape: [3, 2, 2], data }), opts(120)).join('\n');
    expect(chw).toContain('channel 0');
    expect(chw).toContain('channel 2');
    // Channel 1 of CHW [3,2,2] is 4 5 / 6 7: side by side, the second panel.
    const lines = renderMatrix(m({ shape: [3, 2, 2], data }), opts(120));
    expect(numbersIn(lines[2])).toEqual([0, 1, 4, 5, 8, 9]);
    // HWC [2,2,3]: channel 1 is data[1], data[4], data[7], data[10].
    const hwc = renderMatrix(m({ shape: [2, 2, 3], data }, { layout: 'TF' }), opts(120, plain, 'zh'));
    expect(hwc[1]).toContain('深度切片 1');
    expect(numbersIn(hwc[2])).toEqual([0, 3, 1, 4, 2, 5]);
    expect(numbersIn(hwc[3])).toEqual([6, 9, 7, 10, 8, 11]);
  });
});

describe('matrix: large tensors are summarized', () => {
  it('a 224×224×3 input is elided: < 40 lines, first/last rows and columns with their indices', () => {
    const n = 3 * 224 * 224;
    const data = new Float32Array(n).map((_, i) => (i % 1000) / 100);
    for (const w of WIDTHS) {
      const lines = renderMatrix(m({ shape: [3, 224, 224], data }, { label: 'x' }), opts(w));
      expect(lines.length).toBeLessThan(40);
      const text = lines.join('\n');
      expect(text).toContain('⋮');
      expect(text).toContain('…');
      // (wrapped at width 40)
      expect(text.replace(/\s+/g, ' ')).toContain('224×224×3 (W×H×D) · PyTorch [3, 224, 224]');
      // Row 223 of channel 0 starts with its index and its first value, and ends with its last.
      const row = lines.find((l) => /^223 /.test(l))!;
      expect(row).toBeDefined();
      const nums = numbersIn(row);
      expect(nums[0]).toBe(223);
      expect(nums[1]).toBeCloseTo(data[223 * 224], 2);
      expect(nums[nums.length - 1]).toBeCloseTo(data[223 * 224 + 223], 2);
      expect(lines.some((l) => l.includes('channel 2'))).toBe(true);
    }
  });

  it('the column header gives the index of every shown column', () => {
    const data = Array.from({ length: 50 * 50 }, (_, i) => i % 50);
    const lines = renderMatrix(m({ shape: [50, 50], data }), opts(80));
    const header = numbersIn(lines[1]);
    const row0 = numbersIn(lines[2]);
    expect(row0[0]).toBe(0); // row index
    expect(row0.slice(1)).toEqual(header); // value at column c is c
    expect(header[header.length - 1]).toBe(49);
    expect(header.length).toBeLessThan(50);
  });

  it('hides middle slices with a note', () => {
    const lines = renderMatrix(m(new Tensor([16, 3, 3])), opts(120));
    const text = lines.join('\n');
    expect(text).toContain('channel 4');
    expect(text).toContain('channel 15');
    expect(text).not.toContain('channel 7');
    expect(text).toMatch(/… 10 more channels \(5–14\) not shown/);
  });

  it('keepIndices keeps head and tail around a gap', () => {
    expect(keepIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(keepIndices(224, 16)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, -1, 217, 218, 219, 220, 221, 222, 223]);
  });
});

describe('matrix: highlight', () => {
  const data = Array.from({ length: 16 }, (_, i) => i);
  const window = { cells: [[0, 0], [0, 1], [1, 0], [1, 1]] as number[][] };

  it('without colour, window cells are [bracketed] and winners *starred*', () => {
    const lines = renderMatrix(m({ shape: [4, 4], data }, { highlight: [window, { cells: [[1, 1]], style: 'star' }] }), opts(80));
    expect(lines[1]).toContain('[ 0][ 1]');
    expect(lines[2]).toContain('[ 4]* 5*');
    expect(lines[3]).not.toMatch(/[[\]*]/);
    expect(lines.join('')).not.toMatch(ANSI);
  });

  it('cells nothing reads get a · after the number, with and without colour (not stars, not yellow: those mean winners)', () => {
    const plain = renderMatrix(m({ shape: [4, 4], data }, { highlight: { cells: [[3, 0], [3, 1]], style: 'unused' } }), opts(80));
    expect(plain[4]).toMatch(/^\s+12·\s13·\s+14\s+15$/);
    expect(plain.join('')).not.toMatch(/\*/);
    const coloured = renderMatrix(m({ shape: [4, 4], data }, { highlight: { cells: [[3, 0]], style: 'unused' } }), opts(80, color));
    expect(coloured[4]).toContain('·');
    expect(coloured[4]).not.toContain('\u001b[43m');
  });

  it('with colour, the same cells are inverse / bold, without brackets', () => {
    const lines = renderMatrix(m({ shape: [4, 4], data }, { highlight: window }), opts(80, color));
    expect(lines[1]).toContain('\u001b[7m');
    expect(lines[1]).not.toContain('[ 0]');
    expect(lines[3]).not.toContain('\u001b[7m');
  });

  it('a highlight for one slice only marks that slice', () => {
    const lines = renderMatrix(m({ shape: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8] }, { highlight: { cells: [[0, 0]], slice: 1 } }), opts(80));
    expect(lines[2]).toMatch(/^\s+1\s+2\s+\[5\]\s+6$/);
  });

  it('colour marks sign (different colours for + and −) and stays within the width', () => {
    const lines = renderMatrix(m({ shape: [1, 2], data: [1, -1] }), opts(40, color));
    const codes = lines[1].match(/\u001b\[38;2;[0-9;]+m/g)!;
    expect(codes).toHaveLength(2);
    expect(codes[0]).not.toBe(codes[1]);
    expect(stringWidth(lines[1])).toBeLessThanOrEqual(40);
  });
});

describe('through renderBlocks', () => {
  it('a matrix block is drawn by the text renderer in either language', () => {
    const lines = renderBlocks([{ kind: 'matrix', label: msg('kernel', '卷积核'), tensor: new Tensor([2, 2], [1, 2, 3, 4]) }], { lang: 'zh', width: 80, theme: plain });
    expect(lines[0]).toBe('卷积核  2×2（行×列）· [2, 2]');
    expect(numbersIn(lines[1])).toEqual([1, 2]);
    expect(numbersIn(lines[2])).toEqual([3, 4]);
  });
});

describe('width fast path', () => {
  it('agrees with string-width for every character it treats as one column', () => {
    for (const [a, b] of NARROW_RANGES) {
      for (let cp = a; cp <= b; cp++) {
        const ch = String.fromCodePoint(cp);
        if (stringWidth(ch) !== 1) throw new Error(`U+${cp.toString(16)} ${ch} has width ${stringWidth(ch)}`);
        expect(sw(ch + 'a')).toBe(stringWidth(ch + 'a'));
      }
    }
    expect(sw('深度')).toBe(4);
    expect(sw('\u001b[31m深\u001b[39m─')).toBe(3);
  });
});

