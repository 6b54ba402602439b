/**
 * Reading and grading one answer line (src/quiz/grade.ts): choice, numbers and
 * volumes, formulas compared by value, true/false in English and Chinese,
 * orderings, "?" and "hint"; junk is explained as 'invalid', never thrown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/quiz/bank/index.js';
import { GENERATORS } from '../../src/quiz/generators/index.js';
import { choiceShuffle, grade, LETTERS, orderShuffle, type Graded } from '../../src/quiz/grade.js';
import type { Question } from '../../src/quiz/types.js';

const HAN = /[\u4e00-\u9fff]/;
const OUTCOMES = ['right', 'wrong', 'dontknow', 'hint', 'invalid'];

const bank = (id: string): Question => {
  const q = QUESTIONS.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id} in the bank`);
  return q;
};
const base = { topic: 'cnn' as const, lesson: 'cnn/conv', prompt: { en: 'p', zh: '题' }, explain: { en: 'e', zh: '解' } };
const numeric = (answer: number | number[], tolerance?: number): Question => ({ ...base, id: `t/numeric-${String(answer)}`, kind: 'numeric', answer, tolerance });

const outcome = async (q: Question, line: string, seed = 1) => (await grade(q, line, seed)).outcome;

/** 'invalid' with a message in both languages. */
function expectExplained(g: Graded): asserts g is Extract<Graded, { outcome: 'invalid' }> {
  expect(g.outcome).toBe('invalid');
  if (g.outcome !== 'invalid') return;
  expect(g.message.en.trim().length).toBeGreaterThan(5);
  expect(g.message.zh).toMatch(HAN);
}

describe('choice', () => {
  const q = bank('cnn/why-cnn/not-a-drawback'); // four options, answer d
  // The options are shown shuffled per session seed: find a seed that shows the answer as d).
  const seed = [...Array(200).keys()].find((s) => q.kind === 'choice' && choiceShuffle(q, s)[3] === q.answer)!;
  it('accepts the letter in either case, with or without brackets, and the option number', async () => {
    expect(q.kind === 'choice' && q.answer).toBe(3);
    for (const line of ['d', 'D', ' d ', '(d)', 'd)', 'd.', '4', '(4)']) expect(await outcome(q, line, seed), line).toBe('right');
    for (const line of ['a', 'B', '1', '3', 'c.']) expect(await outcome(q, line, seed), line).toBe('wrong');
  });
  it('shows the options in an order that depends on the seed, so the answer is not always the same letter', () => {
    if (q.kind !== 'choice') throw new Error('choice expected');
    const letters = new Set([...Array(40).keys()].map((s) => choiceShuffle(q, s).indexOf(q.answer)));
    expect(letters.size).toBeGreaterThanOrEqual(3);
    const bankLetters = QUESTIONS.filter((x) => x.kind === 'choice').map((x) => (x.kind === 'choice' ? choiceShuffle(x, 1).indexOf(x.answer) : -1));
    expect(bankLetters.filter((l) => l === 0).length / bankLetters.length).toBeLessThan(0.5);
  });
  it('a letter or number past the options, or words, are explained', async () => {
    for (const line of ['e', 'j', '5', '9', 'dd', 'the fourth', '0']) {
      const g = await grade(q, line);
      expectExplained(g);
      expect(g.message.en).toMatch(/a to d/);
    }
  });
  it('records which letter was given', async () => {
    expect(await grade(q, '2', seed)).toMatchObject({ outcome: 'wrong', given: 'b' });
  });
});

describe('numeric', () => {
  it('reads 32, 32.0, +32, 3.2e1 and thousands separators (1,216)', async () => {
    const q32 = numeric(32);
    for (const line of ['32', '32.0', ' 32 ', '+32', '3.2e1', '32.000000']) expect(await outcome(q32, line), line).toBe('right');
    for (const line of ['33', '-32', '31.9', '320']) expect(await outcome(q32, line), line).toBe('wrong');
    const q1216 = numeric(1216);
    for (const line of ['1216', '1,216', '1216.0', '1,216.0']) expect(await outcome(q1216, line), line).toBe('right');
    expect(await outcome(numeric(1_216_000), '1,216,000')).toBe('right');
  });

  it('reads a volume as 32x32x16, 32×32×16, 32 X 32 X 16, [32, 32, 16], (32,32,16), 32*32*16', async () => {
    const q = numeric([32, 32, 16]);
    for (const line of ['32x32x16', '32×32×16', '32 X 32 X 16', '32 x 32 x 16', '[32, 32, 16]', '[32,32,16]', '(32,32,16)', '32,32,16', '32 32 16', '32*32*16', '32.0x32x16']) {
      expect(await grade(q, line), line).toMatchObject({ outcome: 'right', given: '32×32×16' });
    }
    for (const line of ['32x32x15', '16x32x32', '[32, 16, 32]']) expect(await outcome(q, line), line).toBe('wrong');
  });

  it('commas in a volume separate numbers even when one has three digits ([224,224,64])', async () => {
    const q = bank('cnn/pooling/224-2x2'); // 112×112×64
    for (const line of ['112x112x64', '[112, 112, 64]', '[112,112,64]', '112,112,64']) expect(await outcome(q, line), line).toBe('right');
    expect(await outcome(numeric([224, 224, 64]), '224,224,64')).toBe('right');
  });

  it('uses the tolerance, or a tight default', async () => {
    const tol = numeric(0.880797, 0.0005);
    for (const line of ['0.881', '0.8808', '.8805']) expect(await outcome(tol, line), line).toBe('right');
    for (const line of ['0.88', '0.882', '0.9']) expect(await outcome(tol, line), line).toBe('wrong');
    const exact = numeric(0.25);
    expect(await outcome(exact, '0.25')).toBe('right');
    expect(await outcome(exact, '0.2500000001')).toBe('right');
    expect(await outcome(exact, '0.251')).toBe('wrong');
  });

  it('the wrong count of numbers is explained (invalid), not graded wrong', async () => {
    const vol = numeric([32, 32, 16]);
    for (const [line, n] of [['32', 1], ['32x32', 2], ['32x32x16x1', 4], ['[32, 16]', 2]] as const) {
      const g = await grade(vol, line);
      expectExplained(g);
      expect(g.message.en).toContain('volume');
      expect(g.message.en).toContain(`you gave ${n}`);
      expect(g.message.zh).toContain(`你给了 ${n} 个`);
    }
    const one = numeric(32);
    const g = await grade(one, '32x32x16');
    expectExplained(g);
    expect(g.message.en).toContain('one number; you gave 3');
  });

  it('words and junk are explained', async () => {
    const vol = numeric([32, 32, 16]);
    for (const line of ['thirty-two', '32 by 32', 'x', '[]', '1e', '..', 'NaN', 'Infinity', '0x20']) {
      const g = await grade(numeric(32), line);
      expect(['invalid', 'wrong'], line).toContain(g.outcome);
      if (g.outcome === 'invalid') expectExplained(g);
    }
    expectExplained(await grade(vol, 'thirty-two by thirty-two'));
    expectExplained(await grade(numeric(32), 'thirty-two'));
  });
});

describe('formula', () => {
  const pool = bank('cnn/pooling/output-formula'); // (W - F)/S + 1
  const conv = bank('cnn/conv/output-formula'); // (W - F + 2*P)/S + 1

  it('accepts any equivalent expression', async () => {
    expect(pool.kind === 'formula' && pool.answer).toBe('(W - F)/S + 1');
    for (const line of ['(W-F)/S+1', '1 + (W-F)/S', '(W - F + S)/S', 'W/S - F/S + 1', '(W-F)*S^-1 + 1', 'W2 = (W-F)/S+1', '(W - F)/S + 1.0', '((W-F)/S)+1']) {
      expect(await outcome(pool, line), line).toBe('right');
    }
    for (const line of ['(W - F + 2P)/S + 1', '(W + 2*P - F)/S + 1', '1 + (W - F + 2*P) / S', '(W-F)/S + 2*P/S + 1']) expect(await outcome(conv, line), line).toBe('right');
  });

  it('rejects expressions that are not equivalent, saying where they differ', async () => {
    for (const line of ['(W-F)/S', '(W-F+1)/S', '(W+F)/S+1', 'W-F/S+1', '(W-F)/(S+1)', '(W-F)*S+1', '1', 'W']) {
      const g = await grade(pool, line);
      expect(g.outcome, line).toBe('wrong');
    }
    const g = await grade(pool, '(W-F)/S');
    expect(g.outcome === 'wrong' && g.note?.en).toMatch(/yours gives .* the formula /);
    expect(await outcome(conv, '(W - F)/S + 1')).toBe('wrong'); // the padding left out
  });

  it('unknown variables are explained as invalid, naming them', async () => {
    for (const [line, name] of [['(W-F)/S+1+Q', 'Q'], ['(w-f)/s+1+q', 'q'], ['(W-K)/S+1', 'K'], ['(W - F + 2*P)/S + 1', 'P']] as const) {
      const g = await grade(pool, line);
      expectExplained(g);
      expect(g.message.en).toContain(name);
      expect(g.message.en).toContain('W, F, S');
    }
  });

  it('junk — ")(", 10 kB, deep brackets, binary, unknown functions — is invalid with a message, never thrown', async () => {
    const binary = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256)).toString('latin1');
    const junk = [')(', '(', '+', '/', 'W +', '(W-F', '1..2', 'x'.repeat(10_000), '('.repeat(10_000), '('.repeat(250) + 'W' + ')'.repeat(250), binary, '\u0000\u0001\u0002', 'W\uFFFDF', '\ud800', 'foo(W)', 'import("fs")', '@#$%', '"W"+'];
    for (const line of junk) {
      const g = await grade(pool, line);
      expectExplained(g);
    }
  });

  it('an assignment inside the answer is refused and cannot change how later answers are graded', async () => {
    const sig = bank('dnn/sigmoid-formula'); // 1 / (1 + exp(-z))
    expectExplained(await grade(sig, '(exp(z) = 1) * 0 + 0.5'));
    expectExplained(await grade(pool, '(S = 1) * 0 + W'));
    // If the redefinition had stuck, σ(z) would be 1/(1+1) = 0.5 for every z.
    expect(await outcome(sig, '0.5')).toBe('wrong');
    expect(await outcome(sig, '1/(1+exp(-z))')).toBe('right');
    expect(await outcome(sig, '1/(1+e^(-z))')).toBe('right');
  });

  it('every formula in the bank accepts its own answer and rejects it plus one', async () => {
    for (const q of QUESTIONS) {
      if (q.kind !== 'formula') continue;
      expect(await outcome(q, q.answer), q.id).toBe('right');
      expect(await outcome(q, `(${q.answer}) + 1`), q.id).toBe('wrong');
    }
  });
});

describe('true/false', () => {
  const yes = bank('cnn/why-cnn/params-overfit'); // true
  const no = bank('dnn/no-activation-collapses'); // false
  it('accepts t/f, true/false, yes/no, y/n in any case, and 对/错, 是/否', async () => {
    for (const line of ['t', 'T', 'true', 'True', 'TRUE', 'yes', 'Yes', 'y', '对', '是', '正确']) {
      expect(await outcome(yes, line), line).toBe('right');
      expect(await outcome(no, line), line).toBe('wrong');
    }
    for (const line of ['f', 'F', 'false', 'False', 'no', 'NO', 'n', '错', '否', '错误']) {
      expect(await outcome(yes, line), line).toBe('wrong');
      expect(await outcome(no, line), line).toBe('right');
    }
  });
  it('anything else is explained', async () => {
    for (const line of ['maybe', 'tf', 'a', '1', '对错']) expectExplained(await grade(yes, line));
  });
});

describe('order', () => {
  const q = bank('dnn/neuron-forward-order');
  if (q.kind !== 'order') throw new Error('expected an order question');
  const n = q.items.length;
  /** Letters of the right answer when the items are shown shuffled with this seed. */
  const right = (seed: number) => {
    const shown = orderShuffle(q, seed);
    return q.items.map((_, k) => shown.indexOf(k));
  };
  // A seed under which the items are shown so that the answer is c a b d.
  const seed = [...Array(5000).keys()].find((s) => right(s).map((p) => LETTERS[p]).join('') === 'cabd');

  it('accepts letters with spaces (c a b d), run together (cabd), numbers (3 1 2 4), commas and arrows', async () => {
    expect(n).toBe(4);
    expect(seed).toBeDefined();
    for (const line of ['c a b d', 'cabd', 'CABD', 'C A B D', '3 1 2 4', '3124'.split('').join(','), 'c, a, b, d', 'c > a > b > d', 'c→a→b→d', 'c-a-b-d', ' c  a b d ']) {
      expect(await grade(q, line, seed), line).toMatchObject({ outcome: 'right', given: 'c a b d' });
    }
  });
  it('another order is wrong; missing, repeated or unknown letters are explained', async () => {
    for (const line of ['a b c d', 'dcba', '4 3 2 1', 'c a d b']) expect(await outcome(q, line, seed), line).toBe('wrong');
    for (const line of ['c a b', 'cab', 'c a b d e', 'c a a d', 'c a b z', '3 1 2 5', '3 1 2 0', 'cabdd']) expectExplained(await grade(q, line, seed));
  });
  it('the shown order depends on the seed, and grading follows it', async () => {
    for (let s = 0; s < 20; s++) {
      const letters = right(s).map((p) => LETTERS[p]);
      expect(await outcome(q, letters.join(' '), s)).toBe('right');
      expect(orderShuffle(q, s)).not.toEqual([...Array(n).keys()]); // never shown already in order
    }
  });
});

describe('"?" and "hint" for every kind', () => {
  const one = ['dnn/sigmoid-range', 'dnn/neuron-sigmoid-zero', 'cnn/pooling/224-2x2', 'dnn/sigmoid-formula', 'cnn/why-cnn/params-overfit', 'dnn/neuron-forward-order'].map(bank);
  it('? (and ？, idk, 不知道) means "I don\'t know"; hint (and 提示) asks for the hint', async () => {
    for (const q of one) {
      for (const line of ['?', ' ? ', '？', 'idk', 'IDK', '不知道', "I don't know"]) expect(await grade(q, line), `${q.id} ${line}`).toEqual({ outcome: 'dontknow' });
      for (const line of ['hint', 'HINT', ' hint ', '提示']) expect(await grade(q, line), `${q.id} ${line}`).toEqual({ outcome: 'hint' });
      expectExplained(await grade(q, ''));
      expectExplained(await grade(q, '   '));
    }
  });
});

describe('grade() on arbitrary input (fast-check)', () => {
  const instances: Question[] = [...QUESTIONS, ...GENERATORS.flatMap((g) => [0, 1, 7, 123_456].map((s) => g.make(s)))];
  const tokens = ['W', 'F', 'S', 'P', 'K', 'D', 'z', 'x', '×', '(', ')', '[', ']', ',', '.', '+', '-', '*', '/', '^', '=', ' ', '1', '2', '32', '16', '1e', 'e', 'pi', 'exp(', 'sqrt(', 'a', 'b', 'c', 'd', 't', 'f', '?', 'hint', '对', '错', '"', "'", '\u0000', '\u001b[2J', '\ud83d\ude00', '\ud800', ';', '!', 'ones(', 'end', 'to', 'cm'];
  const line = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ unit: fc.constantFrom(...tokens), maxLength: 25 }),
    fc.string({ unit: fc.constantFrom('(', ')', '[', ']', 'W', '+', '1'), minLength: 200, maxLength: 700 }),
  );

  it('covers the whole bank and the generators', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(instances.map((q) => q.kind))).toEqual(new Set(['choice', 'numeric', 'formula', 'truefalse', 'order']));
  });

  it('never throws and always returns one outcome; "invalid" always carries English and Chinese', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...instances), line, fc.nat(1000), async (q, text, seed) => {
        const g = await grade(q, text, seed);
        expect(OUTCOMES).toContain(g.outcome);
        if (g.outcome === 'invalid') {
          expect(typeof g.message.en).toBe('string');
          expect(g.message.en.trim()).not.toBe('');
          expect(g.message.zh).toMatch(HAN);
        }
        if (g.outcome === 'right' || g.outcome === 'wrong') expect(typeof g.given).toBe('string');
      }),
      { numRuns: 3000, seed: 20240601 },
    );
  });

  it('every question answers the same nasty lines without throwing', async () => {
    const nasty = ['', ')(', 'x'.repeat(10_240), '\u0000'.repeat(100), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x80]).toString('latin1'), '(((((', '1,,,2', '--1', '[[32]]', '32x', 'x32', '1e999', '-0', '٣٢', '３２'];
    for (const q of instances) {
      for (const text of nasty) {
        const g = await grade(q, text, 3);
        expect(OUTCOMES, `${q.id} ${JSON.stringify(text.slice(0, 20))}`).toContain(g.outcome);
        if (g.outcome === 'invalid') expect(g.message.zh).toMatch(HAN);
      }
    }
  });
});
