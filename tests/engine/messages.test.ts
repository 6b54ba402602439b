/**
 * The engine's message table: every issue code says its message in English and
 * in Simplified Chinese, and engineError() carries both (and the code).
 */
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { ENGINE_MESSAGES, engineError, engineText, type EngineErrorCode } from '../../src/engine/messages.js';

const HAN = /[\u4e00-\u9fff]/;

/**
 * Parameters every code can be rendered with: each message reads only its own
 * fields. Two sets, so both sides of every choice (plural, gates, rank hints,
 * lookup tables, optional parts) are rendered.
 */
const SAMPLES: Record<string, unknown>[] = [
  {
    name: 'key', shown: '1.5', n: 0, min: 1, max: 6, v: 0, allowed: ['max', 'avg'], which: 'element', op: 'conv2d',
    limit: '4,000,000,000', smaller: { en: 'use a smaller tensor', zh: '使用更小的张量' }, what: 'tensor', shape: [2, 3, 4],
    dim: 1, why: 'fraction', bytes: 2 ** 30, limitBytes: 2 ** 28, path: '', value: 'abc', index: [0, 1], size: 3,
    given: null, want: [2, 3], type: 'number', close: ['conv2d'], known: ['conv2d', 'linear'], list: false, input: 'x',
    takes: [{ name: 'input' }, { name: 'bias', optional: true }], attr: 'bogus', detail: 'Array buffer allocation failed',
    found: '"x"', operand: 'A', ld: 2, cols: 3, need: 10, rows: 2, offset: 0, len: 4, got: [3, 2], inF: 4, outF: 2,
    last: 3, weight: 'weight_ih', a: [2, 3], b: [4, 5], example: 8, ns: [4], eps: -1, indices: 3, outputs: 4, q: [4, 8],
    k: [5, 6], embedDim: 6, query: [4, 8], key: [5, 8], E: 8, h: 3, divisors: [1, 2, 4, 8], gates: 1, rowsGiven: 3, whh: [4, 4],
    H: 4, perRow: false, wih: [4, 3], layers: 2, T: 5, param: 'weight', rank: 2, layout: '[N, C]', inputShape: [2, 3],
    weightShape: [4, 5], keys: [5, 8], values: [6, 8], token: 7, first: 'q', firstShape: [2, 4, 8],
    part: '1.5', setting: 'stride', C: 3, WC: 1, K: 4, stride: '2', padded: 6, padText: '2×1', f: 7, d: 1, span: 7, pTotal: 2, s: 1, output: 0,
    dims: [0, 0], from: [2, 3], to: [4, -1], start: 2, end: 1, classes: 3, logits: [4, 3], target: [4], names: ['0.weight'],
    layer: 'Linear(2 → 3)', optim: 'SGD', rule: 'it must be a number ≥ 0', ruleZh: '必须是 ≥ 0 的数', id: 'mlp/x', field: 'model',
    wantZh: '非空的层列表', step: 0, loss: NaN, p: 1.5,
  },
  {
    name: 'value', shown: '"a"', n: 9, min: 0, max: 8, v: -1, allowed: ['tanh'], which: 'work', op: 'lstm', limit: '5', smaller: { en: 'x', zh: '更小' },
    what: 'attention weights', shape: [1, 2, 3, 4, 5, 6, 7], dim: 0, why: 'not-a-number', bytes: 12, limitBytes: 4, path: '[0][1]',
    value: undefined, index: [0], size: 1, given: 5, want: [1], type: 'string', close: [], known: [], list: true, input: 'h0', takes: [],
    attr: 'stride', detail: '', found: '3', operand: 'C', ld: 1, cols: 1, need: 1, rows: 1, offset: 3, len: 0, got: [1], inF: 1,
    outF: 1, last: 1, weight: 'weight_hh', a: [1, 1], b: [2, 1], example: 1, ns: [2, 3], eps: -0.5, indices: 0, outputs: 1, q: [1, 1],
    k: [1, 2], embedDim: 1, query: [1, 1], key: [2, 1], E: 1, h: 2, divisors: [1], gates: 4, rowsGiven: 1, whh: [8, 2], H: 2, perRow: true,
    wih: [8, 1], layers: 3, T: 1, param: 'bias', rank: 1, layout: '[N]', inputShape: [1], weightShape: [1, 1],
    keys: [1, 1], values: [2, 1], token: -1.5, first: 'query', firstShape: [1, 1],
    part: '"a"', setting: 'padding', C: 1, WC: 2, K: 1, stride: '[2, 1]', padded: 3, padText: '1+2', f: 5, d: 2, span: 9, pTotal: 3, s: 2, output: -2,
    dims: [1], from: [1], to: [2], start: 0, end: 0, classes: 1, logits: [1, 1], target: [2], names: ['a', 'b'], layer: 'Flatten',
    optim: 'Adam', rule: 'it must be a number in [0, 1)', ruleZh: '必须是 [0, 1) 内的数', id: '(no id)', field: 'batches[0]',
    wantZh: '张量', step: 3, loss: 'hinge', p: -1,
  },
  { name: 'q', what: 'positional encoding table', why: 'infinite', shape: [5, 7], value: Symbol('s'), list: false, type: 'object', which: 'second' },
  { name: 'v', why: 'not-positive', shape: [1, 2, 3], value: 10n, which: 'first' },
];

const codes = Object.keys(ENGINE_MESSAGES) as EngineErrorCode[];

function render(code: EngineErrorCode, sample: Record<string, unknown>): { en: string; zh: string } {
  return engineText(code, { ...SAMPLES[0], ...sample } as never);
}

describe('engine messages', () => {
  it('has a code for each message the engine raises', () => {
    expect(codes.length).toBeGreaterThan(100);
  });

  it.each(codes)('%s says its message in English and in Chinese', (code) => {
    for (const sample of SAMPLES) {
      const { en, zh } = render(code, sample);
      expect(en.trim().length, `${code}: empty English`).toBeGreaterThan(10);
      expect(zh.trim().length, `${code}: empty Chinese`).toBeGreaterThan(5);
      expect(zh, `${code}: the Chinese is the English`).not.toBe(en);
      expect(zh, `${code}: no Chinese in ${zh}`).toMatch(HAN);
      expect(en, `${code}: Chinese in the English ${en}`).not.toMatch(HAN);
      // A sample that lacks a field the message reads would print "undefined" (the BigInt/Symbol samples do not).
      expect(`${en} ${zh}`, `${code} reads a field the samples lack`).not.toMatch(/\bundefined\b(?! *[:：])|\bNaN\b|\[object /);
    }
  });

  it('engineError carries the English message, the Chinese one and the code', () => {
    const e = engineError('attr-too-small', { name: 'stride', n: 0, min: 1 });
    expect(e).toBeInstanceOf(EngineError);
    expect(e.message).toBe('Attribute stride=0 is too small: it must be at least 1.');
    expect(e.zh).toBe('属性 stride=0 太小了：至少应为 1。');
    expect(e.code).toBe('attr-too-small');
  });

  it('names a value that is not a number in the language of the message', () => {
    expect(engineText('tensor-data-not-number', { index: 2, value: 'a' })).toEqual({
      en: 'The data of a tensor must be numbers, but entry 2 is a string ("a").',
      zh: '张量的数据必须是数字，但第 2 项是 字符串（"a"）。',
    });
    expect(engineText('tensor-size-mismatch', { shape: [2], size: 2, given: null }).zh).toBe('形状 [2] 需要 2 个数，但没有给出数字列表。');
  });
});
