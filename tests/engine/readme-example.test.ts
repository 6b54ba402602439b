/**
 * The README's training example is run as written: the ```ts block under
 * "### Training" is compiled (esbuild strips the types and turns its import into
 * a require), `nnlearn/engine` is given as src/engine, and console.log is
 * captured, so the README cannot promise a loss curve the engine does not draw.
 */
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index.js';

const README = new URL('../../README.md', import.meta.url);
const PACKAGE = new URL('../../package.json', import.meta.url);

/** The first ```ts block after the "### Training" heading. */
function trainingBlock(markdown: string): string {
  const at = markdown.indexOf('\n### Training\n');
  expect(at, 'README.md has a "### Training" section').toBeGreaterThan(0);
  const m = /```ts\n([\s\S]*?)```/.exec(markdown.slice(at));
  expect(m, 'a ```ts block in the Training section').not.toBeNull();
  return m![1];
}

/** Runs the block with `nnlearn/engine` resolved to the engine's source; returns the printed lines. */
function run(code: string): string[] {
  const { code: js } = transformSync(code, { loader: 'ts', format: 'cjs', target: 'es2022' });
  const lines: string[] = [];
  const require = (name: string): unknown => {
    if (name !== 'nnlearn/engine') throw new Error(`the README example imports ${name}; only nnlearn/engine is available`);
    return engine;
  };
  const log = (...args: unknown[]): void => {
    lines.push(args.map(String).join(' '));
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', 'console', js)(require, module, module.exports, { log });
  return lines;
}

describe('README training example', () => {
  const block = trainingBlock(readFileSync(README, 'utf8'));

  it('imports only from nnlearn/engine, which the package exports', () => {
    const specifiers = [...block.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(specifiers).toEqual(['nnlearn/engine']);
    const exports = JSON.parse(readFileSync(PACKAGE, 'utf8')).exports;
    expect(exports['./engine'].types).toBe('./dist/types/engine/index.d.ts');
  });

  it('is about 20 lines', () => {
    const code = block.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
    expect(code.length).toBeLessThanOrEqual(26);
  });

  it('trains: the printed loss falls at every report and the accuracy is high', () => {
    const lines = run(block);
    const losses = lines.flatMap((l) => {
      const m = /^step (\d+)\s+loss (\d+\.\d+)$/.exec(l);
      return m ? [Number(m[2])] : [];
    });
    expect(losses.length).toBeGreaterThanOrEqual(4);
    for (let k = 1; k < losses.length; k++) expect(losses[k]).toBeLessThan(losses[k - 1]);
    expect(losses[0]).toBeGreaterThan(0.5); // chance level for two classes is ln 2 ≈ 0.69
    expect(losses[losses.length - 1]).toBeLessThan(0.1);
    const acc = /^accuracy (\d+(?:\.\d+)?)%$/.exec(lines[lines.length - 1]);
    expect(acc, `last line "${lines[lines.length - 1]}"`).not.toBeNull();
    expect(Number(acc![1])).toBeGreaterThanOrEqual(95);
  });

  it('prints the numbers its closing comment promises', () => {
    const lines = run(block);
    const promise = /step 1 loss ≈ ([\d.]+) … step (\d+) ≈ ([\d.]+), accuracy (\d+)%/.exec(block);
    expect(promise, 'the closing comment states the first and last loss and the accuracy').not.toBeNull();
    const [, first, lastStep, last, acc] = promise!;
    const loss = (step: string): number => Number(new RegExp(`^step ${step}\\s+loss (\\S+)$`).exec(lines.find((l) => l.startsWith(`step ${step} `)) ?? '')?.[1]);
    expect(loss('1')).toBeCloseTo(Number(first), 1);
    expect(loss(lastStep)).toBeCloseTo(Number(last), 2);
    expect(lines[lines.length - 1]).toBe(`accuracy ${acc}%`);
  });
});
