/**
 * npm run pretrain — makes the two models that ship with nnlearn (`nnlearn train digits
 * --pretrained`, `nnlearn train text-lstm --pretrained`) with the project's own training code
 * (startTrainer / Trainer, as `nnlearn train` runs them), seeded, and writes them in the saved
 * format to data/pretrained/:
 *   digits.nnmodel     LeNet-5, the `digits` run with its defaults (Adam lr 0.003, batch 32,
 *                      6 epochs, seed 1) on the shipped MNIST subset; kept only at ≥ 97 % test accuracy;
 *   text-lstm.nnmodel  a char-LSTM of hidden width 64 (the `text-lstm` run, --hidden 64 --lr 0.006
 *                      --epochs 30, seed 1) on nnlearn's English lessons; its characters are the
 *                      lessons' own plus the unknown symbol, so a later lesson (or a --text file)
 *                      with a character it never saw still loads (that character reads as unknown).
 *
 * Rerunnable: the same seed, code and back end give the same weights bit for bit (the header's
 * savedAt is the one thing that changes; SOURCE_DATE_EPOCH fixes it too). `--check` trains again
 * and compares with the files in data/pretrained/ without writing, naming each parameter that
 * differs. Run it with nothing rebuilding dist/ meanwhile: the WebAssembly kernels are read from
 * dist/engine/kernels.wasm (a text model made while dist/ was rebuilt once differed in its last bits).
 * NNLEARN_ENGINE=js sums in another order and gives other last bits — and so does a run whose kernels
 * failed to load (it falls back to TypeScript): the shipped digits model was once made that way and
 * did not match a rerun; it was made again on the kernels.
 * Usage: npm run pretrain [-- --only digits|text-lstm] [-- --check]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { noGrad } from '../src/engine/index.js';
import { lessonText, loadLessonCorpus } from '../src/training/data/lesson-text.js';
import { buildVocab, UNKNOWN_CHAR } from '../src/training/data/text.js';
import { msg } from '../src/i18n/index.js';
import { pretrainedFile } from '../src/training/pretrained.js';
import { buildRun } from '../src/training/runs/registry.js';
import { loadModelFile, saveModelFile } from '../src/training/saved/index.js';
import { startTrainer } from '../src/training/start.js';
import { vocabOf } from '../src/training/tasks/text-vocab.js';
import type { TrainerApi, TrainOptions } from '../src/training/task.js';
import { Trainer } from '../src/training/trainer.js';

const ROOT = join(import.meta.dirname, '..');
const DIR = join(ROOT, 'data', 'pretrained');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

/** The settings of each shipped model: the run's defaults but what is written here. */
const DIGITS: TrainOptions = { seed: 1 };
const TEXT: TrainOptions = { hidden: 64, lr: 0.006, epochs: 30, seed: 1 };
const DIGITS_MIN_ACCURACY = 0.97;

const now = () => (process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : new Date());

function train(t: TrainerApi): void {
  const t0 = performance.now();
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  console.log(`  ${t.info.model}: ${t.info.parameters} parameters, ${t.info.optimizer} lr ${t.info.lr}, batch ${t.info.batch}, ${t.info.epochs} epochs of ${t.info.stepsPerEpoch} steps, seed ${t.info.seed}`);
  while (!t.done) {
    const r = t.step();
    const e = r.epochEnded;
    if (e) console.log(`  epoch ${e.epoch}: loss ${e.loss.toFixed(4)}, test loss ${e.test_loss.toFixed(4)}, test accuracy ${pct(e.test_accuracy)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
}

/** Writes the model (or, with --check, compares its weights with the file there). */
async function keep(id: string, t: TrainerApi, options: TrainOptions): Promise<boolean> {
  const path = pretrainedFile(id, DIR);
  if (check) {
    const there = await loadModelFile(path, { shipped: id });
    if (!there.ok) {
      console.log(`  ${path}: ${there.error.en}`);
      return false;
    }
    const mine = t.model.namedParameters();
    const differ: string[] = [];
    for (const [name, p] of mine) {
      const q = there.state[name];
      const bits = (f: Float32Array) => new Uint32Array(f.buffer, f.byteOffset, f.length);
      const n = q === undefined || q.size !== p.size ? p.size : bits(p.data).reduce((k, b, i) => k + (b === bits(q.data)[i] ? 0 : 1), 0);
      if (n > 0) differ.push(`${name} (${n} of ${p.size} numbers)`);
    }
    if (mine.length !== Object.keys(there.state).length) differ.push('the list of parameters');
    if (JSON.stringify(there.meta.extra) !== JSON.stringify(t.savedExtra?.() ?? null)) differ.push('the extra (characters)');
    console.log(`  ${path}: ${differ.length === 0 ? 'the same weights, bit for bit' : `DIFFERENT from this run: ${differ.join(', ')}`}`);
    return differ.length === 0;
  }
  mkdirSync(DIR, { recursive: true });
  const saved = await saveModelFile(
    path,
    t.model,
    { runId: id, options, epoch: t.epoch, step: t.stepsDone, lastEpoch: t.history.at(-1) ?? null, nnlearn: VERSION, extra: t.savedExtra?.() ?? null },
    { now },
  );
  if (!saved.ok) {
    console.log(`  not written: ${saved.error.en}`);
    return false;
  }
  console.log(`  wrote ${path} (${saved.bytes} bytes)`);
  return true;
}

async function digits(): Promise<boolean> {
  console.log('digits: LeNet-5 on the shipped MNIST subset (10,000 training, 2,000 test images)');
  const started = await startTrainer('digits', { ...DIGITS, lang: 'en' });
  if (!started.ok) throw new Error(started.error.en);
  train(started.trainer);
  const acc = started.trainer.history.at(-1)!.test_accuracy;
  if (acc < DIGITS_MIN_ACCURACY) {
    console.log(`  test accuracy ${(acc * 100).toFixed(2)} % is below ${DIGITS_MIN_ACCURACY * 100} %: not kept`);
    return false;
  }
  return keep('digits', started.trainer, DIGITS);
}

async function text(): Promise<boolean> {
  console.log("text-lstm: a char-LSTM on nnlearn's English lessons");
  await loadLessonCorpus();
  // The lessons' characters, and the unknown symbol for any character they do not have.
  const own = buildVocab(lessonText('en')).chars.filter((c) => c !== UNKNOWN_CHAR);
  const vocab = vocabOf([...own, UNKNOWN_CHAR], own.length);
  const shownAs = msg('The model being made', '正在制作的模型');
  const built = buildRun('text-lstm', { ...TEXT, lang: 'en' }, { vocab, lessons: 'en', shownAs, flag: '--pretrained' });
  if (!built.ok) throw new Error(built.error.en);
  const t = new Trainer(built.task);
  train(t);
  const last = t.history.at(-1)!;
  const uniform = Math.log(vocab.chars.length);
  console.log(`  test loss ${last.test_loss.toFixed(3)} nats a character, against ${uniform.toFixed(3)} for a uniform guess over its ${vocab.chars.length} characters`);
  const sample = noGrad(() => t.views().sample);
  if (sample) console.log(`  sample after ${JSON.stringify(sample.prompt)}: ${JSON.stringify(sample.text)}`);
  return keep('text-lstm', t, TEXT);
}

let ok = true;
if (only === undefined || only === 'digits') ok = (await digits()) && ok;
if (only === undefined || only === 'text-lstm') ok = (await text()) && ok;
process.exit(ok ? 0 : 1);
