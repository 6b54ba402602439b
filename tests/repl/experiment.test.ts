/**
 * The REPL's experiment command: the list, an experiment run headless (the
 * header, a few progress lines a run, the report and its verdict; the report's
 * JSON under --json), the interactive REPL handed the checked request, bad ids
 * answered with the registry's did-you-mean, bad options with what works, a
 * context without the service answered with a sentence; help and Tab
 * completion know it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { EXPERIMENT_LINES_PER_RUN, trainingService } from '../../src/cli/actions/train-service.js';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import { allSpecs } from '../../src/repl/commands/index.js';
import { EXPERIMENT_IDS } from '../../src/repl/commands/experiment-ids.js';
import { parseExperimentLine } from '../../src/repl/commands/experiment.js';
import { complete } from '../../src/repl/complete.js';
import type { JsonRecord } from '../../src/repl/context.js';
import { createSession, type Session } from '../../src/repl/session.js';
import { isFailure } from '../../src/repl/spec.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

const sessions: Session[] = [];
function session(mode: 'headless' | 'live' | 'none' = 'headless', lang: 'en' | 'zh' = 'en'): Session {
  const s = createSession({ lang, width: 100 });
  if (mode !== 'none') s.ctx.training = trainingService(mode);
  sessions.push(s);
  return s;
}
afterAll(() => sessions.forEach((s) => s.close()));

const text = (r: { blocks(): Parameters<typeof renderBlocks>[0] }, lang: 'en' | 'zh' = 'en') => renderBlocks(r.blocks(), { lang, width: 100, theme: makeTheme(0) }).join('\n');
const first = EXPERIMENTS[0];

describe('experiment (no id): the list', () => {
  it('lists every experiment by topic, and as JSON', async () => {
    const r = await session().exec('experiment');
    expect(r.ok, text(r)).toBe(true);
    for (const e of EXPERIMENTS) expect(text(r)).toContain(e.id);
    expect(text(r)).toContain('Deep neural networks');
    const rec = r.json() as { experiments: { id: string; topic: string; lesson: string; title: string }[] };
    expect(rec.experiments.map((e) => e.id)).toEqual(EXPERIMENTS.map((e) => e.id));
    expect(rec.experiments[0]).toMatchObject({ id: first.id, topic: first.topic, lesson: first.lesson, title: first.title.en });
  });
});

describe('experiment ID headless', () => {
  it('prints the header, at most a few progress lines per run, the report and the verdict; --json gives the report', async () => {
    const r = await session().exec(`experiment ${first.id} quick=yes seed=1`);
    expect(r.ok, text(r)).toBe(true);
    const shown = text(r);
    expect(shown).toContain(first.title.en);
    expect(shown).toContain('Claim:');
    expect(shown).toContain('Seed 1, quick variant.');
    const progress = shown.split('\n').filter((l) => / epoch \d+\/\d+ {2}loss /.test(l));
    const runs = (r.json().runs as unknown[]).length;
    expect(progress.length).toBeGreaterThanOrEqual(runs);
    expect(progress.length).toBeLessThanOrEqual(runs * EXPERIMENT_LINES_PER_RUN);
    expect(shown).toContain('Results:');
    expect(shown).toMatch(/Verdict: (the claim holds|these runs do not bear the claim out)\./);
    const rec = r.json();
    expect(rec).toMatchObject({ command: 'experiment', ok: true, experiment: first.id, seed: 1, quick: true });
    expect(typeof (rec.verdict as JsonRecord).holds).toBe('boolean');
    expect(typeof (rec.verdict as JsonRecord).text).toBe('string');
    expect(Object.keys(rec.measurements as JsonRecord).length).toBeGreaterThan(0);
  }, 120_000);

  it('streams the header and progress through the shell’s printer as text only (--json prints the report alone)', async () => {
    const s = session();
    const said: { text: string; json?: JsonRecord }[] = [];
    s.ctx.progress = (p) => said.push(p);
    const r = await s.exec(`experiment ${first.id} quick=yes seed=1`);
    expect(r.ok, text(r)).toBe(true);
    expect(said.length).toBeGreaterThan(4);
    expect(said.every((p) => p.json === undefined)).toBe(true);
    expect(said[0].text).toBe(first.title.en);
    // What was streamed is not repeated in the result.
    expect(text(r)).not.toContain('Claim:');
    expect(text(r)).toContain('Results:');
  }, 120_000);
});

describe('experiment ID in the interactive REPL (live)', () => {
  it('hands the checked request back to the screen, with the defaults filled in, and trains nothing here', async () => {
    const r = await session('live').exec(`experiment ${first.id}`);
    expect(r.ok, text(r)).toBe(true);
    expect(r.action).toBe('experiment');
    expect(r.experiment).toEqual({ id: first.id, quick: false, seed: 1 });
    expect(r.json()).toMatchObject({ command: 'experiment', ok: true, experiment: first.id, live: true });
    const q = await session('live').exec(`experiment ${first.id} quick=yes seed=7`);
    expect(q.experiment).toEqual({ id: first.id, quick: true, seed: 7 });
  });
});

describe('mistakes', () => {
  it('a bad id gets the registry’s did-you-mean, pointing at the id', async () => {
    const typo = first.id.slice(0, -1) + (first.id.endsWith('y') ? 'x' : 'y');
    const r = await session('live').exec(`experiment ${typo}`);
    expect(r.ok).toBe(false);
    expect(text(r)).toContain(`There is no experiment "${typo}". Did you mean ${first.id}?`);
    expect(text(r)).toContain('  ' + '^'.repeat(typo.length));
    const zh = await session('live', 'zh').exec(`experiment ${typo}`);
    expect(text(zh, 'zh')).toContain(`你是想用 ${first.id} 吗？`);
  });

  it('bad options say what works', async () => {
    const s = session('live');
    expect(text(await s.exec(`experiment ${first.id} quick=maybe`))).toContain('quick= takes yes or no, not "maybe"');
    expect(text(await s.exec(`experiment ${first.id} seed=0`))).toContain('seed= takes a whole number from 1');
    expect(text(await s.exec(`experiment ${first.id} seed=1.5`))).toContain('seed= takes a whole number from 1');
    expect(text(await s.exec(`experiment ${first.id} sed=2`))).toMatch(/experiment has no option "sed"\. Did you mean seed\?/);
    expect(text(await s.exec(`experiment ${first.id} --quick`))).toContain('In the REPL the options are written key=value: quick=');
    expect(text(await s.exec(`experiment ${first.id} another`))).toContain('Unexpected "another" in experiment');
    expect(text(await s.exec('experiment quick=yes'))).toContain('Name an experiment before its options');
    expect(text(await s.exec(`experiment ${first.id} seed=`))).toContain('seed= needs a value');
    expect(text(await s.exec(`experiment ${first.id} quick=yes quick=no`))).toContain('quick is given twice');
  });

  it('parses ids with dashes as one word (the lexer would read a subtraction)', () => {
    const a = parseExperimentLine('experiment rnn-vs-lstm quick = yes seed=3');
    expect(isFailure(a)).toBe(false);
    if (!isFailure(a)) {
      expect(a.experiment.id?.text).toBe('rnn-vs-lstm');
      expect(a.experiment.values.quick?.text).toBe('yes');
      expect(a.experiment.values.seed?.text).toBe('3');
    }
  });

  it('without the training service: a sentence, not a crash', async () => {
    const r = await session('none').exec(`experiment ${first.id}`);
    expect(r.ok).toBe(false);
    expect(text(r)).toContain('experiment is not available here');
  });
});

describe('help and completion', () => {
  it('help lists experiment, and help experiment gives its usage and options', async () => {
    const s = session('none');
    expect(text(await s.exec('help'))).toMatch(/^\s*experiment\s+test a claim/m);
    const h = text(await s.exec('help experiment'));
    expect(h).toContain('experiment [ID] [quick=yes] [seed=N]');
    expect(h).toContain('quick=');
    expect(h).toContain('seed=');
  });

  it('Tab completes the command, its options and the experiment ids (a static list the screen loads without training code)', () => {
    const specs = allSpecs();
    const words = (c: string) => (c === 'experiment' ? EXPERIMENT_IDS : []);
    expect(complete('experi', specs, [], words).candidates).toContain('experiment');
    expect(complete('experiment no-non', specs, [], words).candidates).toEqual(['no-nonlinearity']);
    expect(complete('experiment rnn', specs, [], words).candidates).toEqual(['rnn-vs-lstm']);
    const after = complete(`experiment ${first.id} `, specs, [], words).candidates;
    expect(after).toContain('quick=');
    expect(after).toContain('seed=');
  });

  it('the static list of ids is the registry’s', () => {
    expect([...EXPERIMENT_IDS].sort()).toEqual(EXPERIMENTS.map((e) => e.id).sort());
  });
});
