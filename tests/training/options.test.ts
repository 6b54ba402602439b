import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAG, parseTrainOptions } from '../../src/training/runs/options.js';

const bad = (raw: Record<string, string>) => {
  const r = parseTrainOptions(raw);
  if (r.ok) throw new Error(`expected a refusal for ${JSON.stringify(raw)}`);
  expect(r.error.zh).toMatch(/[\u4e00-\u9fff]/);
  return r.error.en;
};

describe('parseTrainOptions', () => {
  it('reads good values into numbers and choices', () => {
    const r = parseTrainOptions({ lr: '0.05', batch: '16', epochs: '3', seed: '0', noise: '0.2', testSplit: '0.3', points: '200', classes: '3', hidden: '8', length: '20', optimizer: 'Adam', activation: 'tanh', cell: 'lstm', net: '2 | fc 2', data: 'a.csv', text: 'b.txt', epochsX: undefined } as Record<string, string | undefined>);
    expect(r).toEqual({
      ok: true,
      options: { lr: 0.05, batch: 16, epochs: 3, seed: 0, noise: 0.2, testSplit: 0.3, points: 200, classes: 3, hidden: 8, length: 20, optimizer: 'adam', activation: 'tanh', cell: 'lstm', net: '2 | fc 2', data: 'a.csv', text: 'b.txt' },
    });
  });

  it('leaves out the options not given', () => {
    expect(parseTrainOptions({ lr: undefined })).toEqual({ ok: true, options: {} });
  });

  it.each([
    [{ lr: '-1' }, '--lr -1 is too small: --lr takes a number above 0 up to 10, e.g. --lr 0.01.'],
    [{ lr: '0' }, '--lr 0 is too small'],
    [{ lr: 'abc' }, '--lr "abc" is not a number; --lr takes a number above 0 up to 10'],
    [{ lr: '1e9' }, '--lr 1e9 is too large: at most 10, because a larger step'],
    [{ batch: '0' }, '--batch 0 is too small: --batch takes a whole number from 1 up to 10000'],
    [{ batch: '2.5' }, '--batch 2.5: must be a whole number (a whole number from 1 up to 10000), e.g. --batch 32.'],
    [{ epochs: '0' }, '--epochs 0 is too small'],
    [{ epochs: '99999999' }, '--epochs 99999999 is too large: at most 1000, because every run here learns'],
    [{ testSplit: '1' }, '--test-split 1 is too large: at most 0.9, because both the training and the test split need enough examples.'],
    [{ classes: '7' }, '--classes 7 is too large: at most 5, because the 2D sets have 2 to 5 classes.'],
    [{ optimizer: 'rmsprop' }, '--optimizer "rmsprop" is not one of sgd, momentum, adam. Did you mean adam?'],
    [{ optimizer: 'sdg' }, 'Did you mean sgd?'],
    [{ activation: 'rleu' }, '--activation "rleu" is not one of relu, tanh, sigmoid, linear. Did you mean relu?'],
    [{ seed: '-3' }, '--seed -3 is too small'],
    [{ noise: '0x10' }, '--noise "0x10" is not a number'],
    [{ points: 'Infinity' }, '--points "Infinity" is not a number'],
    [{ net: '   ' }, '--net needs a value, not an empty text.'],
    [{ speed: '2' }, 'There is no training option "speed".'],
  ])('%j → %s', (raw, en) => {
    expect(bad(raw)).toContain(en);
  });

  it('names every option by its command-line flag', () => {
    expect(FLAG.testSplit).toBe('--test-split');
    expect(bad({ toString: '1' })).toContain('There is no training option "toString"');
  });

  it('any string for any option gives options or a message in both languages, never a throw', () => {
    const keys = [...Object.keys(FLAG), 'bogus', '__proto__', 'constructor'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.double().map(String), fc.integer().map(String))), (raw) => {
        const r = parseTrainOptions(raw);
        if (r.ok) {
          for (const v of Object.values(r.options)) expect(typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string').toBe(true);
        } else {
          expect(r.error.en.length).toBeGreaterThan(0);
          expect(r.error.zh.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
