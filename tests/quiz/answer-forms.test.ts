/**
 * The ways students write answers (issue #11): worked arithmetic and digit
 * groups in numeric answers, × · ⋅ * and any letter case in formulas, a
 * volume typed for a number (and a number for a volume) told precisely, and a
 * wrong formula explained on the notes' numbers, not on random reals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evalArithmetic } from '../../src/quiz/arith.js';
import { QUESTIONS } from '../../src/quiz/bank/index.js';
import { grade, type Graded } from '../../src/quiz/grade.js';
import { joinThousands } from '../../src/quiz/numbers.js';
import type { Question } from '../../src/quiz/types.js';

const base = { topic: 'cnn' as const, lesson: 'cnn/conv', prompt: { en: 'p', zh: '题' }, explain: { en: 'e', zh: '解' } };
const numeric = (answer: number | number[]): Question => ({ ...base, id: `t/forms-${String(answer)}`, kind: 'numeric', answer });
const formula = (answer: string, vars: string[], topic: Question['topic'] = 'cnn'): Question => ({ ...base, topic, id: `t/forms-${answer}`, kind: 'formula', answer, vars });
const outcome = async (q: Question, line: string) => (await grade(q, line, 1)).outcome;

function expectInvalid(g: Graded): asserts g is Extract<Graded, { outcome: 'invalid' }> {
  expect(g.outcome).toBe('invalid');
  if (g.outcome !== 'invalid') return;
  expect(g.message.en.length).toBeGreaterThan(5);
  expect(g.message.zh).toMatch(/[\u4e00-\u9fff]/);
}

/** A random arithmetic expression over small whole numbers, written with the signs students use, and its value. */
const arithmetic: fc.Arbitrary<{ text: string; value: number }> = fc.letrec<{ e: { text: string; value: number } }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 0, max: 999 }).map((n) => ({ text: String(n), value: n })),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '×', '·', '⋅', '/'), tie('e')).map(([a, op, b]) => {
      const value = op === '+' ? a.value + b.value : op === '-' ? a.value - b.value : op === '/' ? a.value / b.value : a.value * b.value;
      return { text: `(${a.text} ${op} ${b.text})`, value };
    }),
  ),
})).e;

describe('numeric answers: worked arithmetic', () => {
  it('4*(128*(64+128)+128), 3×3×64, 128·(3·3·64+1), 2^10, −3+5 and 2(3+4) are worked out', async () => {
    expect(await outcome(numeric(98816), '4*(128*(64+128)+128)')).toBe('right');
    expect(await outcome(numeric(576), '3×3×64')).toBe('right');
    expect(await outcome(numeric(73856), '128·(3·3·64+1)')).toBe('right');
    expect(await outcome(numeric(73856), '128⋅(3⋅3⋅64 + 1)')).toBe('right');
    expect(await outcome(numeric(1024), '2^10')).toBe('right');
    expect(await outcome(numeric(1024), '2**10')).toBe('right');
    expect(await outcome(numeric(2), '−3+5')).toBe('right');
    expect(await outcome(numeric(14), '2(3+4)')).toBe('right');
    expect(await outcome(numeric(32), '(32-5+2*2)/1+1')).toBe('right');
    expect(await outcome(numeric(98816), '4*(128*(64+128))')).toBe('wrong');
    // e, π, exp, sqrt, tanh and ln, for the sigmoid, L2-pooling and tanh questions.
    const sigma2 = numeric(1 / (1 + Math.exp(-2)));
    for (const line of ['1/(1+exp(-2))', '1/(1+e^-2)', '1/(1 + E^(−2))']) expect(await outcome(sigma2, line), line).toBe('right');
    expect(await outcome(numeric(Math.sqrt(14)), 'sqrt(1^2+2^2+3^2)')).toBe('right');
    expect(await outcome(numeric(Math.tanh(1)), 'tanh(1)')).toBe('right');
    expect(await outcome(numeric(Math.log(2)), 'ln(2)')).toBe('right');
    for (const line of ['1e', 'x+1', 'NaN', 'Infinity', 'exp 2', 'sin(1)', 'exp()']) expectInvalid(await grade(numeric(1), line));
  });

  it('the answer shows the working and what it came to', async () => {
    expect(await grade(numeric(98816), '4*(128*(64+128)+128)')).toMatchObject({ outcome: 'right', given: '4*(128*(64+128)+128) = 98816' });
    expect(await grade(numeric(98816), '98816')).toMatchObject({ given: '98816' });
  });

  it('any expression of + − × · ⋅ * / over whole numbers is read as JavaScript computes it (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(arithmetic, async ({ text, value }) => {
        const got = evalArithmetic(text.replace(/[×·⋅]/g, '*'));
        if (!Number.isFinite(value)) return;
        expect(got).not.toBeNull();
        expect(Math.abs(got! - value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
        if (Math.abs(value) < 1e12) expect(await outcome(numeric(value), text)).toBe('right');
      }),
      { numRuns: 200 },
    );
  });

  it('a division by zero or unbalanced brackets are explained, never graded', async () => {
    for (const line of ['1/0', '(1+2', '1+2)', '2^', '*3', '3 4 +']) expectInvalid(await grade(numeric(3), line));
    expect(evalArithmetic('('.repeat(5000) + '1' + ')'.repeat(5000))).toBeNull();
    expect(evalArithmetic('-'.repeat(5000) + '1')).toBeNull();
  });
});

describe('numeric answers: digit groups', () => {
  const SEPARATORS = [' ', '\u00A0', '\u2009', '\u202F', ','];
  const grouped = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

  it('73 856, 73,856 and thin or no-break spaces between groups of three are one number (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1000, max: 999_999_999 }), fc.constantFrom(...SEPARATORS), async (n, sep) => {
        const line = grouped(n, sep);
        expect(await grade(numeric(n), line), JSON.stringify(line)).toMatchObject({ outcome: 'right', given: String(n) });
      }),
      { numRuns: 150 },
    );
    expect(await outcome(numeric(73856), '73 856')).toBe('right');
    expect(await outcome(numeric(1_216_000.5), '1 216 000.5')).toBe('right');
  });

  it('groups that are not groups of three are not joined (32 32 16 stays three numbers)', () => {
    expect(joinThousands('32 32 16')).toBe('32 32 16');
    expect(joinThousands('224,224,64')).toBe('224,224,64');
    expect(joinThousands('1,2345')).toBe('1,2345');
    expect(joinThousands('73 856')).toBe('73856');
  });

  it('a decimal comma is explained (0,75 → write 0.75)', async () => {
    const g = await grade(numeric(0.75), '0,75');
    expectInvalid(g);
    expect(g.message.en).toContain('0.75');
  });
});

describe('numeric answers: a volume for a number, a number for a volume', () => {
  it('a volume typed for a number says so and how to multiply instead', async () => {
    for (const line of ['32x32x3', '32 x 32 x 3', '[32, 32, 3]']) {
      const g = await grade(numeric(3072), line);
      expectInvalid(g);
      expect(g.message.en).toContain('one number');
      expect(g.message.en).toContain('write 32*32*3 or 32×32×3');
      expect(g.message.zh).toContain('只要一个数');
    }
    expect(await outcome(numeric(3072), '32*32*3')).toBe('right');
    expect(await outcome(numeric(3072), '32×32×3')).toBe('right');
  });

  it('a number typed for a volume asks for width, height and depth', async () => {
    const g = await grade(numeric([32, 32, 16]), '16384');
    expectInvalid(g);
    expect(g.message.en).toContain('volume');
    expect(g.message.en).toContain('you gave 1 number');
    expect(g.message.zh).toContain('宽、高和深');
  });

  it('each side of a volume may be worked out: (32-5+2*2)/1+1 x 32 x 16', async () => {
    expect(await outcome(numeric([32, 32, 16]), '(32-5+2*2)/1+1 x 32 x 16')).toBe('right');
    expect(await outcome(numeric([55, 55, 96]), '(227-11)/4+1 × (227-11)/4+1 × 96')).toBe('right');
  });
});

describe('formula answers', () => {
  const params = formula('K*(F*F*D + 1)', ['K', 'F', 'D']);
  const conv = formula('(W - F + 2*P)/S + 1', ['W', 'F', 'P', 'S']);

  it('× · ⋅ and * all multiply; − is minus; F² is F^2; K(…) and KFFD multiply', async () => {
    for (const line of ['K*(F*F*D+1)', 'K×(F×F×D+1)', 'K·(F·F·D+1)', 'K⋅(F⋅F⋅D+1)', 'K(F²D+1)', 'K(FFD+1)', 'KFFD + K', 'K*F^2*D+K']) {
      expect(await outcome(params, line), line).toBe('right');
    }
    expect(await outcome(conv, '(W − F + 2P)/S + 1')).toBe('right');
  });

  it('variable names in any case, when that names one variable only', async () => {
    for (const line of ['k*(f*f*d+1)', 'k(ffd+1)', 'K*(f*F*d+1)']) expect(await outcome(params, line), line).toBe('right');
    expect(await outcome(conv, '(w-f+2p)/s+1')).toBe('right');
    expect(await outcome(formula('W2*H2*K', ['W2', 'H2', 'K']), 'W₂·H₂·K')).toBe('right');
    expect(await outcome(formula('4*(E^2 + E)', ['E'], 'transformer'), '4(e^2+e)')).toBe('right');
    // h and H are different variables here: no folding, h stays h.
    const both = formula('H*h + H', ['H', 'h']);
    expect(await outcome(both, 'H*h + H')).toBe('right');
    expect(await outcome(both, 'h*h + h')).toBe('wrong');
    const g = await grade(formula('H + h', ['H', 'h']), 'H + h + X');
    expectInvalid(g);
    expect(g.message.en).toContain('upper and lower case differ');
  });

  it('every formula in the bank is accepted with · or × for *, and in lower case when its variables allow', async () => {
    for (const q of QUESTIONS) {
      if (q.kind !== 'formula') continue;
      expect(await outcome(q, q.answer.replace(/\*/g, '·')), q.id).toBe('right');
      expect(await outcome(q, q.answer.replace(/\*/g, ' × ')), q.id).toBe('right');
      const folded = new Set(q.vars.map((v) => v.toLowerCase()));
      if (folded.size === q.vars.length) expect(await outcome(q, q.answer.toLowerCase()), q.id).toBe('right');
    }
  });

  it('every formula in the bank has textbook numbers to explain a mistake on (no random reals)', async () => {
    for (const q of QUESTIONS) {
      if (q.kind !== 'formula') continue;
      const g = await grade(q, `(${q.answer}) * 2 + 1`);
      expect(g.outcome, q.id).toBe('wrong');
      const scene = g.outcome === 'wrong' ? /^With (.*?):/.exec(g.note?.en ?? '')?.[1] : undefined;
      expect(scene, `${q.id}: ${g.outcome === 'wrong' ? g.note?.en : ''}`).toBeDefined();
      for (const v of q.vars) expect(scene, q.id).toMatch(new RegExp(`(^|, )${v}=-?\\d+(\\.\\d{1,2})?(,|$)`));
    }
  });

  it('a wrong formula is explained on the notes\' numbers, naming a missing term', async () => {
    const g = await grade(params, 'K*(F*F*D)');
    expect(g.outcome).toBe('wrong');
    if (g.outcome !== 'wrong') return;
    expect(g.note?.en).toContain('K=16, F=5, D=3');
    expect(g.note?.en).toContain('yours gives 1200, the formula 1216');
    expect(g.note?.en).toContain('+ K term is missing');
    expect(g.note?.zh).toContain('K=16、F=5、D=3');
    expect(g.note?.zh).toContain('1200');
    expect(g.note?.zh).toContain('缺了 + K');
  });

  it('a missing + 1, an extra factor and sets where the notes\' numbers hide the mistake', async () => {
    const plusOne = await grade(conv, '(W-F+2P)/S');
    expect(plusOne.outcome === 'wrong' && plusOne.note?.en).toContain('W=32, F=5, P=2, S=1: yours gives 31, the formula 32 — the + 1 is missing');
    // With S = 1 a forgotten division by S changes nothing; the next set of numbers shows it.
    const noStride = await grade(conv, 'W-F+2P+1');
    expect(noStride.outcome === 'wrong' && noStride.note?.en).toMatch(/S=4: yours gives 217, the formula 55/);
    expect(noStride.outcome === 'wrong' && noStride.note?.en).toContain('yours is right only when S = 1');
    const noPadding = await grade(conv, '(W-F)/S+1');
    expect(noPadding.outcome === 'wrong' && noPadding.note?.en).toContain('W=32, F=5, P=2, S=1: yours gives 28, the formula 32 — yours is right only when P = 0: the term with P is missing or wrong');
    expect(noPadding.outcome === 'wrong' && noPadding.note?.zh).toContain('只有 P = 0 时你的式子才对');
    const rnn = await grade(formula('H*(I+H)+H', ['H', 'I'], 'rnn'), 'H*(I+H)');
    expect(rnn.outcome === 'wrong' && rnn.note?.en).toContain('H=20, I=10: yours gives 600, the formula 620');
    const twice = await grade(formula('n*(n-1)/2', ['n'], 'transformer'), 'n*(n-1)');
    expect(twice.outcome === 'wrong' && twice.note?.en).toContain('twice');
    // No random reals such as W=2.731 in any note.
    for (const g of [plusOne, noStride, rnn, twice]) expect(g.outcome === 'wrong' && g.note?.en).not.toMatch(/\d\.\d{3}/);
  });
});
