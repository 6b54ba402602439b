/**
 * The models that ship with nnlearn (data/pretrained/, made by scripts/pretrain.ts): the LeNet-5
 * loads and classifies the 2,000 test digits (counted here, outside the task's own scorer) at
 * ≥ 97 %; the char model loads, writes with the lessons' characters, and predicts the lessons
 * far better than a uniform guess. A run without one, --pretrained with --load, and a shipped
 * file that is damaged, missing or of another run each get a message; the file is never written.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { F, noGrad, Tensor } from '../../src/engine/index.js';
import { gatherDigits, loadDigits } from '../../src/training/data/digits.js';
import { lessonText, loadLessonCorpus } from '../../src/training/data/lesson-text.js';
import { PRETRAINED_RUNS, pretrainedDir, pretrainedFile, pretrainedProblem, readPretrained } from '../../src/training/pretrained.js';
import { startTrainer } from '../../src/training/start.js';
import type { TrainerApi } from '../../src/training/task.js';
import { ROOT } from '../helpers/cli.js';

const SHIPPED = join(ROOT, 'data', 'pretrained');
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
beforeAll(() => loadLessonCorpus());

async function shipped(id: string, lang: 'en' | 'zh' = 'en'): Promise<TrainerApi> {
  const s = await startTrainer(id, { lang }, { pretrained: true });
  if (!s.ok) throw new Error(s.error.en);
  expect(s.loaded?.runId).toBe(id);
  return s.trainer;
}

/** A folder holding copies of the shipped files, to damage. */
function copies(): string {
  const d = mkdtempSync(join(tmpdir(), 'nnlearn-pretrained-'));
  made.push(d);
  for (const id of PRETRAINED_RUNS) copyFileSync(pretrainedFile(id, SHIPPED), pretrainedFile(id, d));
  return d;
}

describe('the shipped models', () => {
  it('are found in the package’s data/pretrained, one per run that has one, each under 1 MB', () => {
    expect(pretrainedDir()).toBe(SHIPPED);
    expect(PRETRAINED_RUNS).toEqual(['digits', 'text-lstm']);
    for (const id of PRETRAINED_RUNS) {
      const size = statSync(pretrainedFile(id, SHIPPED)).size;
      expect(size).toBeGreaterThan(10_000);
      expect(size).toBeLessThan(1_000_000);
    }
  });

  it('LeNet-5 classifies the 2,000 test digits at ≥ 97 %', async () => {
    const t = await shipped('digits');
    expect(t.info.model).toBe('LeNet-5');
    const loaded = loadDigits();
    if (!loaded.ok) throw new Error(loaded.error.en);
    const test = loaded.digits.test;
    expect(test.count).toBe(2000);
    t.model.eval();
    let right = 0;
    for (let from = 0; from < test.count; from += 250) {
      const idx = Array.from({ length: Math.min(250, test.count - from) }, (_, k) => from + k);
      const y = noGrad(() => t.model.forward(new Tensor([idx.length, 1, 28, 28], gatherDigits(test, idx))));
      for (let k = 0; k < idx.length; k++) {
        const row = y.data.subarray(k * 10, k * 10 + 10);
        let best = 0;
        for (let j = 1; j < 10; j++) if (row[j] > row[best]) best = j;
        if (best === test.labels[idx[k]]) right++;
      }
    }
    expect(right / test.count).toBeGreaterThanOrEqual(0.97);
  });

  it('the char model writes with the lessons’ characters and predicts them far better than a uniform guess', async () => {
    const t = await shipped('text-lstm');
    const extra = t.savedExtra?.() as { chars: string[]; lessons: string };
    expect(extra.lessons).toBe('en');
    const lessonChars = new Set(lessonText('en'));
    const sample = t.views().sample!;
    expect(sample.text.length).toBeGreaterThan(50);
    for (const c of sample.text) expect(lessonChars.has(c), JSON.stringify(c)).toBe(true);
    // Words: most of the sample's letter runs are words of the lessons.
    const words = new Set(lessonText('en').toLowerCase().match(/[a-z]+/g));
    const runs = sample.text.toLowerCase().match(/[a-z]{2,}/g) ?? [];
    expect(runs.filter((w) => words.has(w)).length).toBeGreaterThanOrEqual(runs.length / 2);
    // Its loss on the whole corpus, in windows of 64 characters: far below a uniform guess's log V.
    const uniform = Math.log(extra.chars.length);
    expect(corpusLoss(t, extra.chars, lessonText('en'))).toBeLessThan(uniform - 2);
  });

  it('a shipped model goes on at a tenth of its run’s rate, unless --lr is given', async () => {
    expect((await shipped('digits')).info.lr).toBe(0.0003);
    expect((await shipped('text-lstm')).info.lr).toBe(0.0006);
    const s = await startTrainer('digits', { lang: 'en', lr: 0.01 }, { pretrained: true });
    expect(s.ok && s.trainer.info.lr).toBe(0.01);
  });

  it('the char model learnt the English lessons: with --lang zh it goes on with them', async () => {
    const t = await shipped('text-lstm', 'zh');
    const lessonChars = new Set(lessonText('en'));
    for (const c of t.views().sample!.text) expect(lessonChars.has(c)).toBe(true);
  });
});

/** Mean cross entropy of the next character over the text in windows of 64 (the model's characters, read as the run reads them). */
function corpusLoss(t: TrainerApi, chars: readonly string[], text: string): number {
  const index = new Map(chars.map((c, i) => [c, i]));
  const ids = Array.from(text, (c) => index.get(c)!);
  expect(ids.every((id) => id !== undefined)).toBe(true);
  const T = 64;
  const windows = Math.floor((ids.length - 1) / T);
  t.model.eval();
  let sum = 0;
  for (let w0 = 0; w0 < windows; w0 += 64) {
    const n = Math.min(64, windows - w0);
    const x = new Float32Array(n * T);
    const y = new Float32Array(n * T);
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < T; j++) {
        x[k * T + j] = ids[(w0 + k) * T + j];
        y[k * T + j] = ids[(w0 + k) * T + j + 1];
      }
    }
    sum += noGrad(() => F.crossEntropy(t.model.forward(new Tensor([n, T], x)), new Tensor([n, T], y)).data[0]) * n;
  }
  return sum / windows;
}

describe('--pretrained refused, with a message', () => {
  it('for a run without a shipped model, with --load, and without a run', async () => {
    const s = await startTrainer('spiral', { lang: 'en' }, { pretrained: true });
    expect(s.ok).toBe(false);
    if (!s.ok) {
      expect(s.error.en).toBe('"spiral" has no model that ships with nnlearn: --pretrained works for digits, text-lstm. Train it from the start (leave out --pretrained), or load one you saved with --load NAME.');
      expect(s.error.zh).toContain('--pretrained 适用于 digits、text-lstm');
    }
    expect(pretrainedProblem('digits', 'mine')?.en).toMatch(/^--pretrained and --load both say which model to start from: give one\./);
    expect(pretrainedProblem(undefined, undefined)?.en).toContain('nnlearn train digits --pretrained');
    expect(pretrainedProblem('circles', undefined)?.en).toContain('has no model that ships with nnlearn');
    expect(pretrainedProblem('digits', undefined)).toBeUndefined();
  });

  it('a damaged, missing or foreign shipped file is named with how to get it back, and left as it is', async () => {
    const dir = copies();
    const file = pretrainedFile('digits', dir);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] ^= 0x20;
    writeFileSync(file, bytes);
    const damaged = await startTrainer('digits', { lang: 'en' }, { pretrained: true, pretrainedDir: dir });
    expect(damaged.ok).toBe(false);
    if (!damaged.ok) {
      expect(damaged.error.en).toContain(`The model that ships with nnlearn for digits cannot be loaded: ${file} is damaged: its contents do not match its checksum`);
      expect(damaged.error.en).toContain('Reinstall nnlearn to get it back (in a copy of its source: npm run pretrain), or train without --pretrained.');
      expect(damaged.error.zh).toContain(`无法加载 nnlearn 自带的 digits 模型：${file} 已损坏`);
    }
    expect(readFileSync(file).equals(bytes)).toBe(true);

    copyFileSync(pretrainedFile('text-lstm', dir), file);
    const foreign = await readPretrained('digits', dir);
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(foreign.error.en).toContain(`${file} holds a model of the run text-lstm`);

    rmSync(file);
    const missing = await readPretrained('digits', dir);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.en).toContain(`cannot be loaded: there is no file ${file}.`);
    expect(existsSync(file)).toBe(false);
  });
});
