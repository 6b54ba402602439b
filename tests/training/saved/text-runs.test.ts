/**
 * A text run's model through --save and --load: saved with its characters (in id order), loaded
 * into a run built with them — the same weights bit for bit and the same sample for the same
 * seed. A vocabulary that was changed after saving (the checksum made to agree, as a hand edit
 * would) is refused with a message naming the file; a text with characters a model without an
 * unknown symbol never learnt is said, not read as other characters.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadLessonCorpus } from '../../../src/training/data/lesson-text.js';
import { UNKNOWN_CHAR } from '../../../src/training/data/text.js';
import { saveTrainer } from '../../../src/training/persist.js';
import { decodeModel, encodeModel, type JsonValue } from '../../../src/training/saved/format.js';
import { modelPath } from '../../../src/training/saved/index.js';
import { startTrainer } from '../../../src/training/start.js';
import type { TrainerApi, TrainOptions } from '../../../src/training/task.js';
import { newDir as madeDir } from '../../storage/helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
beforeAll(() => loadLessonCorpus());
beforeEach(() => {
  const d = madeDir('nnlearn-text-models-');
  made.push(d);
  vi.stubEnv('NNLEARN_HOME', d);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A text run small enough to train in a moment (the same code, smaller numbers). */
const SMALL: TrainOptions = { hidden: 16, batch: 8, length: 16, epochs: 2, seed: 3, lang: 'en' };

async function started(id: string, o: TrainOptions, from: { load?: string } = {}): Promise<TrainerApi> {
  const s = await startTrainer(id, o, from);
  if (!s.ok) throw new Error(s.error.en);
  return s.trainer;
}

const bits = (t: TrainerApi) => t.model.namedParameters().map(([n, p]) => [n, [...p.shape], Array.from(new Uint32Array(p.data.buffer, p.data.byteOffset, p.data.length))]);

async function savedRun(id: string, name: string, o: TrainOptions = SMALL): Promise<TrainerApi> {
  const t = await started(id, o);
  for (let i = 0; i < 12; i++) t.step();
  const r = await saveTrainer(t, name, o, 'test');
  if (!r.ok) throw new Error(r.error.en);
  return t;
}

/** Rewrites a saved file's extra as a hand edit would, checksum made to agree (so only the vocabulary check can catch it). */
function tamper(name: string, change: (extra: Record<string, JsonValue>) => JsonValue): string {
  const path = modelPath(name);
  const d = decodeModel(readFileSync(path, 'utf8'));
  if (!d.ok) throw new Error('the saved file does not decode');
  const extra = d.model.meta.extra as Record<string, JsonValue>;
  writeFileSync(path, encodeModel({ ...d.model, meta: { ...d.model.meta, extra: change({ ...extra }) } }));
  return path;
}

describe('a text run saved and loaded', () => {
  it.each(['text-lstm', 'text-rnn', 'text-transformer'])('%s: saved with its characters; loaded, the same weights bit for bit and the same sample with the same seed', async (id) => {
    const trained = await savedRun(id, 'mine');
    const d = decodeModel(readFileSync(modelPath('mine'), 'utf8'));
    if (!d.ok) throw new Error('no model');
    const extra = d.model.meta.extra as { chars: string[]; unknown: number; lessons: string };
    expect(extra.lessons).toBe('en');
    expect(extra.unknown).toBe(-1);
    expect(extra.chars.length).toBe(d.model.params.find((p) => p.name === 'out.bias')!.shape[0]);
    expect(new Set(extra.chars).size).toBe(extra.chars.length);

    const loaded = await started(id, { lang: 'en' }, { load: 'mine' });
    expect(loaded.info.seed).toBe(3);
    expect(bits(loaded)).toEqual(bits(trained));
    const sample = trained.views().sample!;
    expect(sample.text.length).toBeGreaterThan(50);
    expect(loaded.views().sample).toEqual(sample);
    // …and it trains on from there.
    expect(Number.isFinite(loaded.step().loss)).toBe(true);
  });

  it('the saved characters are used, not the corpus’s own: a vocabulary saved in another order reads the text in that order', async () => {
    await savedRun('text-lstm', 'order');
    // A hand-made list: the same characters reversed. The weights then mean other characters, but
    // the run is built with this list — its embedding rows follow the file, not the corpus.
    tamper('order', (e) => ({ ...e, chars: [...(e.chars as string[])].reverse() }));
    const t = await started('text-lstm', { lang: 'en' }, { load: 'order' });
    const d = decodeModel(readFileSync(modelPath('order'), 'utf8'));
    if (!d.ok) throw new Error('no model');
    expect(t.savedExtra?.()).toEqual(d.model.meta.extra);
  });

  it('a tampered vocabulary is refused, naming the file, and the file is left as it is', async () => {
    const cases: [(e: Record<string, JsonValue>) => JsonValue, RegExp][] = [
      [(e) => ({ ...e, chars: (e.chars as string[]).slice(1) }), /its list of characters has \d+ characters, but the weights are for \d+/],
      [(e) => ({ ...e, chars: (e.chars as string[]).map((c, i) => (i === 1 ? (e.chars as string[])[0] : c)) }), /its list of characters has the character ".*" twice \(number 1\)/],
      [(e) => ({ ...e, chars: (e.chars as string[]).map((c, i) => (i === 2 ? 'ab' : c)) }), /its list of characters has an entry that is not one character \(number 2\)/],
      [(e) => ({ ...e, unknown: 5 }), /its list of characters says the unknown symbol is number 5, which it is not/],
      [() => null, /its list of characters is missing/],
    ];
    for (const [k, [change, re]] of cases.entries()) {
      await savedRun('text-lstm', `v${k}`);
      const path = tamper(`v${k}`, change);
      const bytes = readFileSync(path);
      const s = await startTrainer('text-lstm', { lang: 'en' }, { load: `v${k}` });
      expect(s.ok).toBe(false);
      if (s.ok) continue;
      expect(s.error.en).toMatch(re);
      expect(s.error.en).toContain(`${path} cannot be used as a text model`);
      expect(s.error.zh).toContain(`${path} 不能作为文本模型使用`);
      expect(readFileSync(path).equals(bytes)).toBe(true);
    }
  });

  it('a text with characters the model never learnt: said when it has no unknown symbol, read as unknown when it has one', async () => {
    await savedRun('text-lstm', 'few');
    // Leave "z" out of the list (and out of the weights' rows: its row is cut, so the file is consistent).
    const path = modelPath('few');
    const d = decodeModel(readFileSync(path, 'utf8'));
    if (!d.ok) throw new Error('no model');
    const extra = d.model.meta.extra as { chars: string[]; unknown: number; lessons: string };
    const z = extra.chars.indexOf('z');
    expect(z).toBeGreaterThan(0);
    const V = extra.chars.length;
    const dropRow = (p: { name: string; shape: number[]; data: Float32Array }) => {
      if (p.name === 'out.bias') return { ...p, shape: [V - 1], data: p.data.filter((_, i) => i !== z) };
      const cols = p.shape[1];
      if (p.name === 'out.weight' || p.name === 'embed.weight') return { ...p, shape: [V - 1, cols], data: p.data.filter((_, i) => Math.floor(i / cols) !== z) };
      return p;
    };
    const without = { ...extra, chars: extra.chars.filter((c) => c !== 'z') };
    writeFileSync(path, encodeModel({ meta: { ...d.model.meta, extra: without }, params: d.model.params.map(dropRow) }));
    const s = await startTrainer('text-lstm', { lang: 'en' }, { load: 'few' });
    expect(s.ok).toBe(false);
    if (!s.ok) {
      expect(s.error.en).toMatch(/^The saved model "few" knows only the \d+ characters of the text it learnt from, and has no symbol for others; this text has 1 other character \(\d+ in all\): "z"\. Train a new model on this text instead \(leave out --load\)/);
      expect(s.error.zh).toContain('保存的模型“few”只认识');
    }
    // With the unknown symbol in its list, the same text loads: "z" is read as that symbol.
    const withUnknown = { ...without, chars: [...without.chars.slice(0, -1), UNKNOWN_CHAR], unknown: V - 2 };
    writeFileSync(path, encodeModel({ meta: { ...d.model.meta, extra: withUnknown }, params: d.model.params.map(dropRow) }));
    const t = await started('text-lstm', { lang: 'en' }, { load: 'few' });
    expect(Number.isFinite(t.step().loss)).toBe(true);
    expect(t.views().sample!.text).not.toContain(UNKNOWN_CHAR);
  });

  it('a model of another run is refused before its characters are read', async () => {
    await savedRun('text-lstm', 'lstm');
    const s = await startTrainer('text-rnn', { lang: 'en' }, { load: 'lstm' });
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.error.en).toContain('"lstm" was saved from the run text-lstm, not text-rnn');
  });
});
