/**
 * The REPL's train command: the runs listed, a run trained headless with the
 * numbers `nnlearn train --json` prints for the same seed, every CLI option in
 * key=value spelling, bad options answered with the CLI's messages (never a
 * throw), a context without a training service answered with a sentence, and
 * help, completion and suggestions that know train. Also: src/repl imports
 * nothing from src/training (the training service comes through the context).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrainCommand } from '../../src/cli/actions/train.js';
import { trainingService } from '../../src/cli/actions/train-service.js';
import { progressPrinter } from '../../src/cli/progress-lines.js';
import { allSpecs } from '../../src/repl/commands/index.js';
import { parseTrainLine, TRAIN_KEYS } from '../../src/repl/commands/train-args.js';
import { complete } from '../../src/repl/complete.js';
import type { JsonRecord } from '../../src/repl/context.js';
import { createSession, type Session } from '../../src/repl/session.js';
import { FLAG } from '../../src/training/runs/options.js';
import { RUNS } from '../../src/training/runs/registry.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';
import { isFailure } from '../../src/repl/spec.js';

const sessions: Session[] = [];
function session(mode: 'headless' | 'live' | 'none' = 'headless', lang: 'en' | 'zh' = 'en'): Session {
  const s = createSession({ lang, width: 80 });
  if (mode !== 'none') s.ctx.training = trainingService(mode);
  sessions.push(s);
  return s;
}
afterAll(() => sessions.forEach((s) => s.close()));

const text = (r: { blocks(): Parameters<typeof renderBlocks>[0] }, lang: 'en' | 'zh' = 'en') => renderBlocks(r.blocks(), { lang, width: 80, theme: makeTheme(0) }).join('\n');

/** The CLI's --json run: its epoch objects and its summary. */
async function cliJson(id: string, cli: Record<string, string>): Promise<{ rows: JsonRecord[]; summary: JsonRecord }> {
  const out: JsonRecord[] = [];
  const code = await runTrainCommand({ id, lang: 'en', cli: { ...cli, json: true }, tty: false, write: (l) => out.push(JSON.parse(l) as JsonRecord) });
  expect(code).toBe(0);
  return { rows: out.slice(0, -1), summary: out.at(-1)!.summary as JsonRecord };
}

/** Speed and time differ from run to run; every other number must be the same. */
const steady = (o: JsonRecord) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'examples_per_second' && k !== 'seconds' && k !== 'command' && k !== 'ok'));

// Saved models go to a data dir of this test's own.
let home: string | undefined;
beforeAll(() => {
  home = process.env.NNLEARN_HOME;
  process.env.NNLEARN_HOME = mkdtempSync(join(tmpdir(), 'nnlearn-repl-train-'));
});
afterAll(() => {
  if (home === undefined) delete process.env.NNLEARN_HOME;
  else process.env.NNLEARN_HOME = home;
});

describe('train headless', () => {
  it('gives the epochs and the summary nnlearn train --json gives for the same seed', async () => {
    const r = await session().exec('train spiral epochs=3 seed=5 lr=0.03 optimizer=momentum');
    expect(r.ok, text(r)).toBe(true);
    const rec = r.json();
    const cli = await cliJson('spiral', { epochs: '3', seed: '5', lr: '0.03', optimizer: 'momentum' });
    expect((rec.epochs as JsonRecord[]).map(steady)).toEqual(cli.rows.map(steady));
    expect(steady(rec.summary as JsonRecord)).toEqual(steady(cli.summary));
    expect(rec.summary).toMatchObject({ run: 'spiral', epochs: 3, step: 24 });
    // For people: the header, a line per epoch, then the end.
    const shown = text(r);
    expect(shown).toContain('Spiral — 2 → fc 32 → relu → fc 32 → relu → fc 2');
    expect(shown.match(/^epoch \d\/3 {2}step/gm)).toHaveLength(3);
    expect(shown).toMatch(/Done in [\d.]+ s: test accuracy [\d.]+%/);
  });

  it('streams each epoch as it ends through the shell’s printer, the --json objects the CLI prints, then the summary', async () => {
    const s = session();
    const lines: string[] = [];
    const printer = progressPrinter({ json: true, theme: makeTheme(0), write: (l) => lines.push(l) });
    s.ctx.progress = printer.write;
    printer.begin({});
    const r = await s.exec('train xor epochs=2 seed=9 net="2 | fc 6 | tanh | fc 2"');
    expect(r.ok).toBe(true);
    // The header is for people: under --json only the epochs are written as they come.
    const rows = lines.map((l) => JSON.parse(l) as JsonRecord);
    expect(rows.map((o) => o.epoch)).toEqual([1, 2]);
    const cli = await cliJson('xor', { epochs: '2', seed: '9', net: '2 | fc 6 | tanh | fc 2' });
    expect(rows.map(steady)).toEqual(cli.rows.map(steady));
    expect(rows[0]).toMatchObject({ command: 'train', ok: true });
    expect(steady(r.json().summary as JsonRecord)).toEqual(steady(cli.summary));
    // Streamed lines are not repeated in the result.
    expect(r.json().epochs).toBeUndefined();
  });

  it('text mode: the echo first, then the header and one line per epoch, each written as it comes', async () => {
    const s = session();
    const lines: string[] = [];
    const printer = progressPrinter({ json: false, theme: makeTheme(0), write: (l) => lines.push(l) });
    s.ctx.progress = printer.write;
    printer.begin({ echo: 'train circles epochs=2' });
    const r = await s.exec('train circles epochs=2');
    expect(r.ok).toBe(true);
    expect(printer.started()).toBe(true);
    expect(lines[0]).toBe('› train circles epochs=2');
    expect(lines[1]).toMatch(/^Circles — /);
    expect(lines.filter((l) => /^epoch \d\/2 {2}step/.test(l))).toHaveLength(2);
    // The result holds the end only.
    expect(text(r)).toMatch(/^Done in/);
  });

  it('an unquoted net= chain runs to the next train option, as the quoted one', async () => {
    const a = await session().exec('train xor net=2 | fc 6 | tanh | fc 2 epochs=1 seed=4');
    const b = await session().exec('train xor epochs=1 net="2 | fc 6 | tanh | fc 2" seed=4');
    expect(a.ok, text(a)).toBe(true);
    expect((a.json().summary as JsonRecord).model).toBe('2 → fc 6 → tanh → fc 2');
    expect(steady(a.json().summary as JsonRecord)).toEqual(steady(b.json().summary as JsonRecord));
  });

  it('says where an epoch has got to when no epoch line came for a while (a long epoch never looks stuck)', async () => {
    let now = 0;
    const s = createSession({ lang: 'en' });
    sessions.push(s);
    // Each reading of the clock is a second later: a line every 5 readings or so.
    s.ctx.training = trainingService('headless', { clock: () => (now += 1000), quietLimit: 5000 });
    const r = await s.exec('train spiral epochs=1 batch=8');
    const shown = text(r);
    expect(shown).toMatch(/… epoch 1\/1: step \d+ of 32/);
  });

  it('save= saves the model as --save does, and load= starts from it (the id may be left out)', async () => {
    const s = session();
    const saved = await s.exec('train spiral epochs=1 seed=3 save=repl-spiral');
    expect(saved.ok, text(saved)).toBe(true);
    expect(text(saved)).toMatch(/Saved as repl-spiral: /);
    expect(typeof (saved.json().summary as JsonRecord).saved).toBe('string');
    const loaded = await s.exec('train load=repl-spiral epochs=1');
    expect(loaded.ok, text(loaded)).toBe(true);
    expect(text(loaded)).toMatch(/Loaded repl-spiral: spiral, saved at epoch 1/);
  });

  it('pretrained=yes starts from the model that ships with nnlearn, as --pretrained does', async () => {
    const s = session();
    const r = await s.exec('train digits pretrained=yes epochs=1');
    expect(r.ok, text(r)).toBe(true);
    expect(text(r)).toMatch(/Starting from the model that ships with nnlearn: digits/);
    expect((r.json().summary as JsonRecord).test_accuracy as number).toBeGreaterThan(0.97);
    const cases: [string, RegExp][] = [
      ['train digits pretrained=maybe', /pretrained= takes yes or no, not "maybe"/],
      ['train spiral pretrained=yes', /"spiral" has no model that ships with nnlearn/],
      ['train digits pretrained=yes load=x', /--pretrained and --load both say which model to start from/],
    ];
    for (const [line, want] of cases) {
      const bad = await s.exec(line);
      expect(bad.ok, line).toBe(false);
      expect(String(bad.json().error), line).toMatch(want);
    }
  });

  it('in Chinese', async () => {
    const r = await session('headless', 'zh').exec('train spiral epochs=1');
    expect(text(r, 'zh')).toMatch(/第 1\/1 轮 {2}第 8 步/);
    expect(text(r, 'zh')).toMatch(/用时 [\d.]+ 秒完成/);
  });
});

describe('train lists the runs', () => {
  it('by topic, every run of the registry, as nnlearn train --list', async () => {
    const r = await session().exec('train');
    expect(r.ok).toBe(true);
    expect((r.json().runs as { id: string }[]).map((x) => x.id)).toEqual(RUNS.map((x) => x.id));
    const shown = text(r);
    for (const title of ['2D points (an MLP draws the boundary)', 'Handwritten digits', 'Text (character models)', 'Sequence tasks']) expect(shown).toContain(title);
    expect(shown).toMatch(/spiral\s+Spiral/);
    expect(text(await session('headless', 'zh').exec('train'), 'zh')).toContain('手写数字');
  });
});

describe('train checks what is typed', () => {
  it('with the CLI’s messages', async () => {
    const s = session();
    const cases: [string, RegExp][] = [
      ['train spiral lr=abc', /--lr "abc" is not a number/],
      ['train spiral epochs=0', /--epochs 0 is too small/],
      ['train spirl', /There is no run "spirl". Did you mean spiral\?/],
      ['train spiral optimizer=rmsprop', /Did you mean adam\?/],
      ['train spiral net="3 | fc 2"', /The points have 2 inputs/],
      ['train spiral cell=lstm', /spiral does not use --cell/],
      ['train spiral save=../x', /./],
      ['train spiral --lr 0.1', /In the REPL the options are written key=value: lr=… instead of --lr/],
      ['train spiral lrr=0.1', /train has no option "lrr". Did you mean lr\?/],
      ['train spiral lr=0.1 lr=0.2', /lr is given twice/],
      ['train spiral net="2 | fc 2', /The quote at column 18 is never closed/],
      ['train spiral lr= epochs=2', /lr= needs a value/],
      ['train spiral xor', /Unexpected "xor" in train/],
      ['train epochs=3', /Name a run before its options/],
    ];
    for (const [line, want] of cases) {
      const r = await s.exec(line);
      expect(r.ok, line).toBe(false);
      expect(String(r.json().error), line).toMatch(want);
      expect(text(r), line).not.toMatch(/inside nnlearn/);
    }
  });

  it('any key=value: a message or a run, never a throw', async () => {
    // Live mode checks and builds the run without training it: every answer the checks can give, quickly.
    const s = session('live');
    const key = fc.oneof(fc.constantFrom(...TRAIN_KEYS), fc.string({ maxLength: 8 }));
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.double().map(String), fc.integer({ min: -5, max: 2000 }).map(String), fc.constantFrom('"2 | fc 4 | fc 2"', "'x'", '"', 'adam', 'lstm'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 3 }), async (pairs) => {
        const line = 'train spiral ' + pairs.map(([k, v]) => `${k}=${v}`).join(' ');
        expect(() => parseTrainLine(line)).not.toThrow();
        const r = await s.exec(line);
        if (r.ok) expect(r.action).toBe('train');
        else expect(String(r.json().error)).not.toMatch(/inside nnlearn/);
        expect(text(r)).not.toMatch(/inside nnlearn/);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('the parser never throws on any text after train', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (rest) => {
        const r = parseTrainLine('train ' + rest);
        if (isFailure(r)) expect(r.error.en.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('train in the interactive REPL (live)', () => {
  it('checks the run in the session and hands it to the screen with action train', async () => {
    const r = await session('live').exec('train spiral epochs=2 test-split=0.3 net="2 | fc 8 | tanh | fc 2" save=mine');
    expect(r.ok, text(r)).toBe(true);
    expect(r.action).toBe('train');
    expect(r.train).toEqual({ id: 'spiral', options: { epochs: '2', testSplit: '0.3', net: '2 | fc 8 | tanh | fc 2' }, save: 'mine' });
  });

  it('a run that cannot be built is said at the prompt, before any screen opens', async () => {
    const r = await session('live').exec('train digits net="2 | fc 2"');
    expect(r.ok).toBe(false);
    expect(r.action).toBeUndefined();
  });
});

describe('train without a training service (a bare context)', () => {
  it('says it is not available there, in both languages, and the session goes on', async () => {
    const s = session('none');
    for (const line of ['train', 'train spiral epochs=1']) {
      const r = await s.exec(line);
      expect(r.ok).toBe(false);
      expect(String(r.json().error)).toMatch(/train is not available here/);
    }
    const zh = await session('none', 'zh').exec('train spiral');
    expect(String(zh.json().error)).toMatch(/这里不能使用 train/);
    expect((await s.exec('1 + 1')).ok).toBe(true);
  });
});

describe('help, completion and suggestions know train', () => {
  it('every nnlearn train option, but the output modes, in key=value spelling', () => {
    const spec = allSpecs().find((x) => x.name === 'train')!;
    const keys = spec.options!.map((o) => o.key);
    const cli = Object.values(FLAG).filter((f) => f !== '--lang').map((f) => f.slice(2));
    expect(keys.sort()).toEqual([...cli, 'save', 'load', 'pretrained'].sort());
  });

  it('help lists train; help train shows its options and examples', async () => {
    const s = session('none');
    expect(text(await s.exec('help'))).toMatch(/train\s+watch a network learn/);
    const h = text(await s.exec('help train'));
    expect(h).toContain('net=');
    expect(h).toContain('test-split=');
    expect(h).toContain('train spiral epochs=3');
  });

  it('Tab completes the command and its options; a typo is suggested', async () => {
    expect(complete('tra', allSpecs(), []).candidates).toContain('train');
    expect(complete('train spiral ep', allSpecs(), []).candidates).toEqual(['epochs=']);
    const r = await session('none').exec('trian spiral');
    expect(String(r.json().error)).toMatch(/Did you mean "train"/);
  });
});

describe('structure', () => {
  it('src/repl imports nothing from src/training or src/experiments (training imports the REPL’s chain parser)', () => {
    const root = resolve(import.meta.dirname, '../../src');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(n)) files.push(p);
      }
    };
    walk(join(root, 'repl'));
    expect(files.length).toBeGreaterThan(30);
    const offending: string[] = [];
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.[^'"]+)['"]/g)) {
        const target = relative(root, resolve(dirname(f), m[1]));
        if (target.startsWith('training/') || target.startsWith('experiments/') || target.startsWith('cli/') || target.startsWith('screens/')) offending.push(`${relative(root, f)} → ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
