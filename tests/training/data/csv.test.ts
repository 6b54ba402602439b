import fc from 'fast-check';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePointsCsv, type CsvPoints } from '../../../src/training/data/csv.js';
import { readPointsFile } from '../../../src/training/data/csv-file.js';
import { CSV_FORMAT_HELP } from '../../../src/training/data/csv-messages.js';
import { fitSquare, pointsFromCsv } from '../../../src/training/data/csv-points.js';
import { FORBIDDEN, hostile } from '../../helpers/hostile.js';

function parsed(text: string): CsvPoints {
  const r = parsePointsCsv(text);
  if (!r.ok) throw new Error(r.error.en);
  return r.value;
}

function error(text: string): { en: string; zh: string; line?: number } {
  const r = parsePointsCsv(text);
  if (r.ok) throw new Error('expected an error');
  return { ...r.error, line: r.line };
}

describe('points CSV: what it accepts', () => {
  it('plain rows, no header, integer labels', () => {
    const p = parsed('0.5,-1,0\n2,3,1\n');
    expect(p.n).toBe(2);
    expect([...p.points]).toEqual([0.5, -1, 2, 3]);
    expect([...p.labels]).toEqual([0, 1]);
    expect(p.classNames).toEqual(['0', '1']);
  });

  it('header, BOM, CRLF, blank and comment rows, semicolons with decimal commas', () => {
    const p = parsed('\ufeffx;y;label\r\n# my points\r\n\r\n0,5;1;b\r\n-2;3,25;a\r\n');
    expect([...p.points]).toEqual([0.5, 1, -2, 3.25]);
    expect(p.classNames).toEqual(['b', 'a']);
    expect([...p.labels]).toEqual([0, 1]);
  });

  it('tabs, quotes and a trailing separator', () => {
    const p = parsed('"x"\t"y"\t"class"\n1\t2\t"red"\t\n3\t4\tblue\n');
    expect([...p.points]).toEqual([1, 2, 3, 4]);
    expect(p.classNames).toEqual(['red', 'blue']);
  });

  it('integer labels are classes in increasing order: -1/1 (the Playground) → 0/1', () => {
    const p = parsed('0,0,1\n1,1,-1\n2,2,1\n');
    expect(p.classNames).toEqual(['-1', '1']);
    expect([...p.labels]).toEqual([1, 0, 1]);
  });

  it('"1", "01" and "+1" are one class', () => {
    const p = parsed('0,0,1\n1,1,01\n2,2,+1\n3,3,0\n');
    expect(p.classNames).toEqual(['0', '1']);
    expect([...p.labels]).toEqual([1, 1, 1, 0]);
  });

  it('names are numbered in the order they first appear', () => {
    expect(parsed('0,0,dog\n1,1,cat\n2,2,dog\n3,3,bird\n').classNames).toEqual(['dog', 'cat', 'bird']);
  });

  it('the format help, in both languages, names the limits the parser applies', () => {
    for (const text of [CSV_FORMAT_HELP.en, CSV_FORMAT_HELP.zh]) {
      expect(text).toContain('x,y,label');
      expect(text).toContain('10000');
      expect(text).toContain('2–10');
      expect(text).toContain('#');
    }
  });
});

describe('points CSV: a bad row is named', () => {
  it.each([
    ['0,0,0\n1,1\n', 2, 'Row 2: 2 columns, expected 3: x,y,label.'],
    ['0,0,0\n\n# c\n1,1,1,1\n', 4, 'Row 4: 4 columns, expected 3: x,y,label.'],
    ['x,y,label\n0,0,0\nabc,1,1\n', 3, 'Row 3: x is "abc", which is not a number.'],
    ['0,0,0\n1,NaN,1\n', 2, 'Row 2: y is "NaN"; a point needs finite numbers (no NaN or Infinity).'],
    ['0,0,0\n-Infinity,1,1\n', 2, 'Row 2: x is "-Infinity"; a point needs finite numbers (no NaN or Infinity).'],
    ['0,0,0\n1,1e999,1\n', 2, 'Row 2: y is "1e999"; a point needs finite numbers (no NaN or Infinity).'],
    ['0,0,0\n1,1,\n', 2, 'Row 2: 2 columns, expected 3: x,y,label.'],
    ['0,0,a\n1,1,0.5\n', 2, 'Row 2: the label "0.5" is not a whole number; use whole numbers (0, 1, 2) or names (cat, dog).'],
    ['x,y\n0,0,0\n', 1, 'Row 1: the header has 2 columns, expected 3 (x, y, label).'],
  ])('%j → row %i', (text, line, en) => {
    const e = error(text);
    expect(e.line).toBe(line);
    expect(e.en).toBe(en);
    expect(e.zh).toContain(`第 ${line} 行`);
  });

  it('only one class', () => {
    expect(error('0,0,1\n1,1,1\n').en).toBe('Every point has the label "1": a classifier needs at least two classes.');
  });

  it('too many classes: the row where the 11th appears', () => {
    const text = Array.from({ length: 12 }, (_, i) => `${i},${i},c${i}`).join('\n');
    const e = error(text);
    expect(e.line).toBe(11);
    expect(e.en).toContain('class number 11; at most 10 classes');
  });

  it('too many rows: the first row past 10,000', () => {
    const text = `x,y,label\n${Array.from({ length: 10001 }, (_, i) => `${i},0,${i % 2}`).join('\n')}`;
    const e = error(text);
    expect(e.line).toBe(10002);
    expect(e.en).toContain('more than 10000 points');
  });

  it('empty, comments only, binary', () => {
    expect(error('').en).toContain('no points');
    expect(error('\ufeff\n# nothing\n   \n').en).toContain('no points');
    expect(error('x,y,label\n').en).toContain('no points');
    expect(error('\u0089PNG\r\n\u001a\n\u0000\u0000').en).toContain('not look like a text file');
  });

  it('a hostile value is shown without its control characters', () => {
    // A few control characters in a long file: a bad row, not a binary file.
    const rows = Array.from({ length: 40 }, (_, i) => `${i},${i},${i % 2}`).join('\n');
    const e = error(`${rows}\n\u001b]2;PWNED\u0007\u202e,1,1\n`);
    expect(e.en).not.toMatch(FORBIDDEN);
    expect(e.zh).not.toMatch(FORBIDDEN);
    expect(e.en).toContain('Row 41: x is "?]2;PWNED??"');
  });
});

describe('points CSV: properties', () => {
  it('never throws, and a failure always has a message in both languages without control characters', () => {
    const text = fc.oneof(hostile, fc.string(), fc.array(fc.oneof(fc.constantFrom('0', '1', '-1', ',', ';', '\t', '\n', '\r\n', '#', '"', 'x', 'NaN', '.', 'e5', ' '), hostile), { maxLength: 30 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, (t) => {
        const r = parsePointsCsv(t);
        if (r.ok) {
          expect(r.value.classes).toBeGreaterThanOrEqual(2);
          for (const v of r.value.points) expect(Number.isFinite(v)).toBe(true);
        } else {
          expect(r.error.en.length).toBeGreaterThan(0);
          expect(r.error.zh.length).toBeGreaterThan(0);
          expect(r.error.en).not.toMatch(FORBIDDEN);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips a generated file (any separator, line end, header, BOM, names or numbers)', () => {
    const point = fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 9 }));
    const file = fc.record({
      rows: fc.array(point, { minLength: 2, maxLength: 40 }),
      sep: fc.constantFrom(',', ';', '\t'),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      header: fc.boolean(),
      bom: fc.boolean(),
      names: fc.boolean(),
    });
    fc.assert(
      fc.property(file, ({ rows, sep, eol, header, bom, names }) => {
        fc.pre(new Set(rows.map((r) => r[2])).size >= 2);
        const label = (c: number): string => (names ? `class ${'abcdefghij'[c]}` : String(c));
        const lines = rows.map(([x, y, c]) => [x, y, label(c)].join(sep));
        const text = (bom ? '\ufeff' : '') + (header ? [`x${sep}y${sep}label`, ...lines] : lines).join(eol) + eol;
        const p = parsed(text);
        expect(p.n).toBe(rows.length);
        rows.forEach(([x, y, c], i) => {
          expect(p.points[2 * i] === x).toBe(true); // -0 is written "0"
          expect(p.points[2 * i + 1] === y).toBe(true);
          expect(p.classNames[p.labels[i]]).toBe(names ? label(c) : String(c));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('fitted into [-1, 1]² keeping the shape', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 4, maxLength: 40 }), (vals) => {
        const pts = new Float64Array(vals.length - (vals.length % 2)).map((_, i) => vals[i]);
        const { square, frame } = fitSquare(pts);
        for (const v of square) expect(Math.abs(v)).toBeLessThanOrEqual(1);
        // Back to the file's coordinates (float32 precision).
        for (let i = 0; i < pts.length; i += 2) {
          expect(Math.abs(square[i] / frame.scale + frame.cx - pts[i])).toBeLessThanOrEqual(1e-6 / frame.scale + 1e-9 * Math.abs(pts[i]) + 1e-6);
        }
      }),
    );
  });

  it('pointsFromCsv: scaled to span [-0.9, 0.9] on the wider axis, split stratified', () => {
    const text = Array.from({ length: 100 }, (_, i) => `${10 + i},${-5 + i / 10},${i % 2 ? 'odd' : 'even'}`).join('\n');
    const r = pointsFromCsv(text, { testSplit: 0.2, seed: 3 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.train.n).toBe(80);
    expect(r.value.test.n).toBe(20);
    const xs = [...r.value.train.points, ...r.value.test.points].filter((_, i) => i % 2 === 0);
    expect(Math.min(...xs)).toBeCloseTo(-0.9, 5);
    expect(Math.max(...xs)).toBeCloseTo(0.9, 5);
    expect(r.value.classNames).toEqual(['even', 'odd']);
    const bad = pointsFromCsv(text, { testSplit: 0 });
    expect(bad.ok).toBe(false);
  });
});

describe('points file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nnlearn-csv-'));
  it('reads a file, and says what is wrong with a missing file, a folder, a binary or non-UTF-8 file', async () => {
    writeFileSync(join(dir, 'ok.csv'), 'x,y,label\n0,0,a\n1,1,b\n2,2,a\n3,3,b\n');
    writeFileSync(join(dir, 'bin.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe]));
    writeFileSync(join(dir, 'latin1.csv'), Buffer.from('0,0,caf\xe9\n1,1,b\n', 'latin1'));
    mkdirSync(join(dir, 'folder.csv'));
    const good = await readPointsFile(join(dir, 'ok.csv'));
    expect(good.ok && good.value.train.n + good.value.test.n).toBe(4);
    const fails = await Promise.all(['missing.csv', 'folder.csv', 'bin.csv', 'latin1.csv'].map((f) => readPointsFile(join(dir, f))));
    const en = fails.map((r) => (r.ok ? '' : r.error.en));
    expect(en[0]).toContain('There is no file');
    expect(en[1]).toContain('is not a file');
    expect(en[2]).toContain('not look like a text file');
    expect(en[3]).toContain('not UTF-8');
  });
});
