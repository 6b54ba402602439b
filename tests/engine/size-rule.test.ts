import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index.js';
import { conv2dGeometry } from '../../src/engine/ops/conv.js';
import { poolGeometry } from '../../src/engine/ops/pool.js';
import { convSize, poolSize, ShapeRuleError, type PoolKind } from '../../src/engine/size-rule.js';
import { Tensor } from '../../src/engine/tensor.js';

const small = fc.integer({ min: 1, max: 12 });

describe('one size rule for conv and pool', () => {
  it('conv2d sizes its output with the size rule: the same sizes, and a refusal exactly where the rule refuses', () => {
    fc.assert(
      fc.property(small, small, small, small, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), (H, W, FH, FW, S, P, D) => {
        const rule = convSize({ inC: 1, inH: H, inW: W, outChannels: 2, kernel: [FH, FW], stride: S, padding: P, dilation: D });
        let geometry: ReturnType<typeof conv2dGeometry> | null = null;
        try {
          geometry = conv2dGeometry([1, H, W], [2, 1, FH, FW], undefined, { stride: S, padding: P, dilation: D });
        } catch (e) {
          expect(e).toBeInstanceOf(engine.EngineError);
        }
        expect(geometry !== null).toBe(rule.ok);
        if (rule.ok && geometry) expect([geometry.K, geometry.OH, geometry.OW]).toEqual(rule.outShape);
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it('the pooling ops size their output with the size rule and throw its refusal, word for word', () => {
    fc.assert(
      fc.property(small, small, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.constantFrom<PoolKind>('max', 'avg', 'lp'), (H, W, F, S, P, ceilMode, pool) => {
        const padding = pool === 'lp' ? 0 : P;
        const rule = poolSize({ pool, inC: 2, inH: H, inW: W, kernel: F, stride: S, padding, ceilMode });
        const x = new Tensor([2, H, W]);
        if (rule.ok) {
          const g = poolGeometry(x, { kernelSize: F, stride: S, padding, ceilMode }, pool);
          expect([2, g.outH, g.outW]).toEqual(rule.outShape);
        } else {
          let thrown: unknown = null;
          try {
            poolGeometry(x, { kernelSize: F, stride: S, padding, ceilMode }, pool);
          } catch (e) {
            thrown = e;
          }
          expect(thrown).toBeInstanceOf(ShapeRuleError);
          expect((thrown as ShapeRuleError).message).toBe(rule.errors.map((i) => i.message.en).join(' '));
          expect((thrown as ShapeRuleError).text('zh')).toBe(rule.errors.map((i) => i.message.zh).join(''));
        }
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it('a refused configuration is data with issue codes; an accepted one has numbers and no prose', () => {
    const refused = poolSize({ inC: 1, inH: 5, inW: 5, kernel: 2, padding: 2 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.map((i) => i.code)).toEqual(['padding-too-large']);
    const ok = convSize({ inC: 3, inH: 32, inW: 32, outChannels: 16, kernel: 5, padding: 2 });
    expect(ok.ok && ok.outShape).toEqual([16, 32, 32]);
    const text = JSON.stringify(ok);
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(ok)).not.toContain('summary');
  });
});

describe('the engine computes; teaching text lives above it', () => {
  it('the engine exports no worked explanations', () => {
    for (const name of ['convOutputShape', 'poolOutputShape', 'explanationLines', 'receptiveFieldAfter']) expect(Object.keys(engine)).not.toContain(name);
  });

  it('no file in src/engine imports from outside src/engine', () => {
    const root = resolve(import.meta.dirname, '../../src/engine');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const outside: string[] = [];
    for (const f of files) {
      const src = readFileSync(join(root, f), 'utf8');
      for (const m of src.matchAll(/(?:from |import |import\()'(\.[^']+)'/g)) {
        const target = resolve(root, f, '..', m[1]);
        if (relative(root, target).startsWith('..')) outside.push(`${f} → ${m[1]}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
