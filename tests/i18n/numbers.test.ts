import { describe, expect, it } from 'vitest';
import { fixed, fmtAsTyped, fmtCount, fmtDecimals, fmtExact, fmtInt, fmtNum, fmtSci, fmtSig, fmtSig3, fmtSizeCount, paren } from '../../src/i18n/numbers.js';

describe('number formatting (one module for every view)', () => {
  it('counts: digit groups, exact bigints, and a rounded count said to be rounded', () => {
    expect(fmtInt(1216)).toBe('1,216');
    expect(fmtExact(999999998000000001n)).toBe('999,999,998,000,000,001');
    expect(fmtCount(79510)).toEqual({ en: '79,510', zh: '79,510' });
    expect(fmtCount(2 ** 60).en).toMatch(/^≈ 1\.153e\+18 \(rounded/);
    expect(fmtSizeCount(1e9)).toBe('1,000,000,000');
    expect(fmtSizeCount(Infinity)).toBe('∞');
    expect(fmtAsTyped(1e9)).toBe('1e9');
    expect(fmtAsTyped(123456)).toBe('123456');
  });

  it('prose: a real minus sign, no trailing zeros, never −0', () => {
    expect(fmtNum(-1.5)).toBe('−1.5');
    expect(fmtNum(-0.001)).toBe('0');
    expect(fmtDecimals(-0.001)).toBe('0');
    expect(fmtDecimals(-Infinity)).toBe('−∞');
    expect(paren(-1.5, 1)).toBe('(−1.5)');
    expect(fmtSig(0.12164)).toBe('0.1216');
    expect(fmtSig(1e-13)).toBe('0');
    expect(fixed(-0.001, 2)).toBe('0.00');
    expect(fixed(-1.25, 2, 7)).toBe('  −1.25');
  });

  it('keeps the two roundings apart: they differ on ties, and each lesson prints with its own', () => {
    // 1.115 is 1.11499999… in binary; 1.115·100 rounds to 111.5.
    expect(fmtNum(1.115)).toBe('1.12');
    expect(fmtDecimals(1.115)).toBe('1.11');
    expect(fmtNum(-2.5, 0)).toBe('−2');
    expect(fmtDecimals(-2.5, 0)).toBe('−3');
  });

  it('scientific forms: the transformer lessons and the rnn columns', () => {
    expect(fmtSci(2.7e-8)).toBe('2.7e-8');
    expect(fmtSci(-2.7e-8)).toBe('−2.7e-8');
    expect(fmtSci(0.12345)).toBe('0.123');
    expect(fmtSig3(4)).toBe('4.00');
    expect(fmtSig3(-1234)).toBe('−1234');
    expect(fmtSig3(1e-5)).toBe('1.0e-5');
  });
});
