import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { TaskViews } from '../../src/training/task.js';
import { greyShade, renderConfusion, renderGreyImage, renderImageRow, renderMapGrid, renderNeuronTiles, renderWrongDigits, wrongCaption } from '../../src/view/figures/index.js';
import { ANSI, maxWidth } from './helpers.js';
import { seven } from './train-samples.js';

const en = { level: 0, lang: 'en' } as const;
const bare = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('grey images', () => {
  it('golden: shades from black to white, two columns a pixel', () => {
    expect(renderGreyImage({ pixels: new Uint8Array([0, 64, 128, 255]), side: 2 }, 30, en)).toEqual(['  ░░', '▒▒██']);
    expect([0, 51, 52, 255, Number.NaN, 999, -5].map(greyShade)).toEqual([' ', ' ', '░', '█', ' ', '█', ' ']);
  });

  it('a 28×28 digit: whole in half blocks with colour (28 columns, 14 lines); shrunk to fit without', () => {
    const colour = renderGreyImage({ pixels: seven(), side: 28 }, 80, { level: 3, lang: 'en' });
    expect(colour.length).toBe(14);
    expect(colour.every((l) => stringWidth(l) === 28)).toBe(true);
    expect(colour.join('')).toMatch(/\u001b\[38;2;230;230;230m/); // the stroke's grey, exactly
    const plainLines = renderGreyImage({ pixels: seven(), side: 28 }, 80, en);
    expect(plainLines.length).toBe(14);
    expect(maxWidth(plainLines)).toBeLessThanOrEqual(28);
    const tall = renderGreyImage({ pixels: seven(), side: 28 }, 80, { ...en, height: 28 });
    expect(tall.length).toBe(28);
    expect(maxWidth(tall)).toBeLessThanOrEqual(56);
    const narrow = renderGreyImage({ pixels: seven(), side: 28 }, 30, { ...en, height: 28 });
    expect(narrow.length).toBe(15);
  });

  it('the draw-a-digit pen: [] without colour, a red pixel with colour; outside the image, nothing', () => {
    const blank = { pixels: new Uint8Array(9), side: 3 };
    expect(renderGreyImage({ ...blank, cursor: { row: 1, col: 2 } }, 30, en)).toEqual(['      ', '    []', '      ']);
    expect(renderGreyImage({ ...blank, cursor: { row: 5, col: 0 } }, 30, en)).toEqual(['      ', '      ', '      ']);
    const colour = renderGreyImage({ ...blank, cursor: { row: 1, col: 2 } }, 30, { level: 3, lang: 'en' });
    expect(colour[0]).toContain('\u001b[48;2;255;70;70m▀'); // row 1 is the bottom half of the first line
    // Shrunk images put the pen on the cell that holds it.
    const big = renderGreyImage({ pixels: new Uint8Array(784), side: 28, cursor: { row: 27, col: 27 } }, 80, en);
    expect(big[big.length - 1].endsWith('[]')).toBe(true);
  });

  it('a row of images with captions, wrapped to the width', () => {
    const wrong: TaskViews['wrong'] = [1, 4, 9].map((p) => ({ pixels: seven(), side: 28, label: 7, predicted: p, confidence: 0.83 }));
    const lines = renderWrongDigits(wrong!, 64, en);
    expect(lines[0]).toBe('wrong: true → predicted (confidence)');
    // Three 20-column images (10 pixels) two apart fit in 64 → one band, captions beneath.
    const captions = lines.find((l) => l.includes('→ 1'))!;
    expect(captions).toBe('7 → 1 (83 %)          7 → 4 (83 %)          7 → 9 (83 %)');
    const narrow = renderWrongDigits(wrong!, 30, en);
    expect(narrow.filter((l) => l.includes('(83 %)')).length).toBe(3);
    expect(renderWrongDigits([], 40, { level: 0, lang: 'zh' })).toEqual(['认错的：真实 → 预测（把握）', '（没有认错的）']);
  });

  it('captions: true → predicted (confidence), with class names; untrusted captions are escaped', () => {
    expect(wrongCaption({ label: 7, predicted: 1, confidence: 0.834 })).toBe('7 → 1 (83 %)');
    expect(wrongCaption({ label: 0, predicted: 1, confidence: Number.NaN }, ['猫', '狗'])).toBe('猫 → 狗 (?)');
    const row = renderImageRow([{ pixels: [255], side: 1, caption: 'a\u001b[2Jb' }], 40, en);
    expect(row.join('')).not.toMatch(ANSI);
    expect(row[1]).toBe('a\\e[2Jb');
  });
});

describe('neuron tiles and map grids', () => {
  it('golden: filters with both signs on one scale, blank = most negative, █ = most positive', () => {
    expect(renderMapGrid({ side: 2, maps: [new Float32Array([-1, 0, 0.5, 1]), new Float32Array([1, 1, -1, -1])], label: 'w' }, 30, en)).toEqual([
      'w  2 × 2×2',
      '  ▒▒  ████',
      '▓▓██',
      '1     2',
      '-1 [  ░░▒▒▓▓██] 1',
    ]);
  });

  it('one row of tiles per layer, wrapped to the width, captioned 1…n', () => {
    const units = Array.from({ length: 8 }, (_, u) => Float32Array.from({ length: 100 }, (_, i) => (i % 10) - u));
    const lines = renderNeuronTiles([{ layer: 'fc 8', res: 10, units }], 60, en);
    expect(lines[0]).toBe('fc 8: 8 neurons');
    // 8 cells across, 2 columns each = 16 columns; 3 fit in 60 with gaps of 2.
    const captionLines = lines.filter((l) => /^\d( +\d)*$/.test(l.trim()));
    expect(captionLines.map((l) => l.trim().split(/ +/))).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7', '8']]);
    expect(maxWidth(lines)).toBeLessThanOrEqual(60);
    expect(renderNeuronTiles([{ layer: 'fc 8', res: 10, units }], 60, { level: 0, lang: 'zh' })[0]).toBe('fc 8：8 个神经元');
  });

  it('with 256 colours or more, big maps are half blocks (one column, two rows a character), small ones two columns a cell', () => {
    const big = renderMapGrid({ side: 12, maps: [Float32Array.from({ length: 144 }, (_, i) => i)] }, 80, { level: 3, lang: 'en' });
    expect(big.filter((l) => l.includes('▀')).map((l) => stringWidth(l))).toEqual([12, 12, 12, 12, 12, 12]);
    const small = renderMapGrid({ side: 5, maps: [Float32Array.from({ length: 25 }, (_, i) => i - 12)] }, 80, { level: 2, lang: 'en' });
    const rows = small.filter((l) => l.includes('█') && !l.includes('-12'));
    expect(rows.map((l) => stringWidth(l))).toEqual([10, 10, 10, 10, 10]);
    expect(small.join('')).toMatch(/\u001b\[38;5;\d+m/);
  });

  it('both signs: blue below 0, red above (as heatmap.ts); one sign: the sequential scale', () => {
    const both = renderNeuronTiles([{ layer: 'h', res: 2, units: [new Float32Array([-1, 1, 0, 0.5])] }], 40, { level: 3, lang: 'en' }).join('');
    expect(both).toContain('\u001b[38;2;59;76;192m██'); // −1: the full blue
    expect(both).toContain('\u001b[38;2;200;30;40m██'); // +1: the full red
    const positive = renderNeuronTiles([{ layer: 'h', res: 2, units: [new Float32Array([0, 1, 2, 3])] }], 40, { level: 3, lang: 'en' }).join('');
    expect(positive).toContain('\u001b[38;2;68;1;84m██'); // the low end of viridis
    expect(positive).toContain('\u001b[38;2;253;231;37m██'); // its high end
  });

  it('big maps are shrunk with block means, with a note; a map with NaN shows ?', () => {
    const lines = renderMapGrid({ side: 28, maps: [Float32Array.from({ length: 784 }, (_, i) => (i === 0 ? Number.NaN : i))] }, 80, en);
    expect(lines.join('\n')).toContain('shrunk to 14×14 (block means)');
    expect(lines[1].startsWith('??')).toBe(true);
  });
});

describe('confusion matrix', () => {
  it('golden: rows true, columns predicted, the diagonal bracketed, zeros as dots, each row its accuracy', () => {
    expect(renderConfusion({ classNames: ['cat', 'dog', 'fox'], counts: [[50, 2, 0], [3, 45, 0], [0, 10, 40]] }, 40, en)).toEqual([
      'confusion: rows = true class, columns =',
      'predicted',
      '     cat  dog  fox right',
      'cat [ 50]   2    ·   96%',
      'dog    3 [ 45]   ·   94%',
      'fox    ·   10 [ 40]  80%',
      '[n] = right (the diagonal), · = 0',
    ]);
  });

  it('10 classes with counts in the thousands fit 80 columns as a matrix', () => {
    const counts = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 1980 : j === (i + 1) % 10 ? 20 : 0)));
    const lines = renderConfusion({ classNames: [...'0123456789'], counts }, 80, en);
    expect(maxWidth(lines)).toBeLessThanOrEqual(80);
    const rows = lines.filter((l) => l.includes('[1980]'));
    expect(rows.length).toBe(10);
    expect(rows[0]).toMatch(/99%$/);
  });

  it('Chinese class names line up by display width', () => {
    const lines = renderConfusion({ classNames: ['猫', '狗', '狐狸'], counts: [[5, 1, 0], [0, 6, 0], [1, 0, 7]] }, 60, { level: 0, lang: 'zh' });
    const rows = lines.filter((l) => l.includes('[') && !l.includes('[n]'));
    expect(rows.length).toBe(3);
    // The bracket of row i sits under column i: the same display column as the header's name.
    const header = lines.find((l) => l.includes('狐狸') && l.includes('对'))!;
    rows.forEach((l, i) => {
      const at = stringWidth(l.slice(0, l.indexOf('[')));
      const name = ['猫', '狗', '狐狸'][i];
      const nameEnd = stringWidth(header.slice(0, header.indexOf(name))) + stringWidth(name);
      expect(at + 1 + 4, `row ${i}: ${l}`).toBe(nameEnd); // "[", then the count right-aligned in cells as wide as 狐狸 (4 columns)
    });
  });

  it('too narrow for the matrix: one line per class with its most frequent mistake; colour marks the diagonal', () => {
    const counts = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 1980 : j === (i + 1) % 10 ? 20 : 0)));
    const lines = renderConfusion({ classNames: [...'0123456789'], counts }, 30, en);
    expect(lines).toContain('0 99% → 1 ×20');
    const colour = renderConfusion({ classNames: ['a', 'b'], counts: [[3, 1], [0, 4]] }, 40, { level: 3, lang: 'en' });
    expect(colour.join('\n')).toMatch(ANSI);
    expect(bare(colour.join('\n'))).not.toContain('[');
  });
});
