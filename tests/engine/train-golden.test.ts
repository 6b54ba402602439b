/**
 * Whole PyTorch training runs (nnlearn-train/1 files in tests/fixtures): every
 * loss, every step-0 gradient, every final parameter and the probe outputs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrainFile } from '../../src/engine/train/case-format.js';
import { checkTrainCase } from '../../src/engine/train/check.js';

const dir = join(import.meta.dirname, '..', 'fixtures');
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && readFileSync(join(dir, f), 'utf8').includes('"nnlearn-train/1"'));

describe.each(files)('training runs in %s', (file) => {
  const cases = parseTrainFile(readFileSync(join(dir, file), 'utf8'));
  it.each(cases.map((c) => [c.id, c] as const))('%s trains as PyTorch did', (_id, c) => {
    expect(checkTrainCase(c)).toEqual([]);
  });
});
