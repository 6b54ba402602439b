import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase, parseGoldenFile } from '../../src/engine/golden.js';

const dir = join(import.meta.dirname, '..', 'fixtures');
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && readFileSync(join(dir, f), 'utf8').includes('nnlearn-golden/1'));

describe.each(files)('golden file %s', (file) => {
  const cases = parseGoldenFile(readFileSync(join(dir, file), 'utf8'));
  it.each(cases.map((c) => [c.id, c] as const))('%s matches PyTorch', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

describe('golden checker', () => {
  it('reports a wrong number with the worst element', () => {
    const c = {
      id: 'relu/tampered',
      op: 'relu',
      attrs: {},
      inputs: { input: { shape: [3], data: [-1, 0.5, 2] } },
      outputs: { output: { shape: [3], data: [0, 0.5, 2.5] } },
    };
    const f = checkCase(c);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/element 2/);
    expect(f[0].message).toMatch(/expected 2.5, actual 2/);
  });
  it('fails an error case for an op the engine does not have', () => {
    expect(checkCase({ id: 'x/y', op: 'no_such_op', error: true })).toHaveLength(1);
  });
});
