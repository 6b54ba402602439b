/**
 * The experiment screen's lines: never wider or taller than the terminal
 * (80×24, 60×15, a wide one), the runs' rows and the verdict kept when space
 * is short, the chart drawn when there is room, and a diverged run named.
 */
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/index.js';
import { noNonlinearity } from '../../src/experiments/defs/no-nonlinearity.js';
import type { ExperimentFrame, RunFrame } from '../../src/experiments/runner.js';
import type { ExperimentReport } from '../../src/experiments/types.js';
import { experimentScreenLines, progressSeries, type ExperimentScreenState } from '../../src/screens/experiment/layout.js';
import { sw } from '../../src/view/layout.js';
import { makeTheme } from '../../src/view/style.js';

const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

function run(i: number, o: Partial<RunFrame> = {}): RunFrame {
  const losses = Array.from({ length: 120 }, (_, k) => 1 / (1 + k * (i + 1) * 0.05));
  return { id: `r${i}`, label: msg(`run number ${i} with a long label`, `第 ${i} 个训练，标签很长很长`), model: 'm', parameters: 100 * (i + 1), epoch: 3, epochs: 10, steps: 120, totalSteps: 400, done: false, diverged: false, losses, testAccuracy: [0.5, 0.6 + i * 0.05, 0.7], trainLoss: [0.9, 0.5, 0.25 + i / 100], seconds: 1.5, ...o };
}

function state(runs: number, o: Partial<ExperimentScreenState> = {}): ExperimentScreenState {
  const frame: ExperimentFrame = { experiment: 'no-nonlinearity', seconds: 4.2, done: false, runs: Array.from({ length: runs }, (_, i) => run(i)) };
  return { def: noNonlinearity, seed: 3, quick: false, frame, report: null, error: null, ...o };
}

const report: ExperimentReport = {
  experiment: 'no-nonlinearity',
  title: noNonlinearity.title,
  claim: noNonlinearity.claim,
  seed: 3,
  quick: false,
  runs: [],
  measurements: {},
  verdict: { holds: false, text: msg('Test accuracy: linear 55.0 %, tanh 63.0 %. The tanh net stayed below 90 %.', '测试准确率：线性 55.0%，tanh 63.0%。加 tanh 的网络低于 90%。') },
  seconds: 9,
};

describe('experimentScreenLines', () => {
  for (const [width, height] of [[80, 24], [60, 15], [120, 40], [40, 10]] as const)
    for (const lang of ['en', 'zh'] as const)
      for (const runs of [1, 4, 8])
        it(`fits ${width}×${height} (${lang}, ${runs} runs), with every run's row`, () => {
          for (const s of [state(runs), state(runs, { report }), state(runs, { frame: null })]) {
            const lines = experimentScreenLines(s, { width, height, lang, theme: makeTheme(1) });
            expect(lines.length).toBeLessThanOrEqual(height);
            for (const l of lines) expect(sw(strip(l))).toBeLessThanOrEqual(width);
            const text = lines.map(strip).join('\n');
            if (s.frame && height >= 8 + runs) for (let i = 0; i < runs; i++) expect(text).toContain(lang === 'en' ? `run number ${i}` : `第 ${i} 个`);
          }
        });

  it('shows the verdict, honestly, once the runs are done', () => {
    const lines = experimentScreenLines(state(4, { report }), { width: 80, height: 24, lang: 'en', theme: makeTheme(0) }).join('\n');
    expect(lines).toContain('✗ These runs do not bear the claim out.');
    expect(lines).toContain('The tanh net stayed below 90 %.');
    expect(lines).toContain('r run again with the next seed');
  });

  it('draws the chart when there is room, and names a diverged run', () => {
    const s = state(2, { def: { ...noNonlinearity, curve: 'loss' } });
    s.frame!.runs[1] = run(1, { diverged: true, done: true, losses: [1, 2, NaN] });
    const lines = experimentScreenLines(s, { width: 80, height: 30, lang: 'en', theme: makeTheme(0) }).join('\n');
    expect(lines).toContain('training loss');
    expect(lines).toContain('diverged');
  });

  it('once done, an experiment with a figure of its result draws it in place of the curves', () => {
    const figure = { title: msg('the profile', '剖面'), xLabel: msg('step t', '步'), yLabel: msg('ratio', '比值'), xStart: 1, xStep: 1, log: true, series: [{ label: msg('RNN', 'RNN'), values: [1e-9, 1e-6, 1e-3, 1] }] };
    const def = { ...noNonlinearity, figure: () => figure };
    const running = experimentScreenLines(state(2, { def }), { width: 80, height: 30, lang: 'en', theme: makeTheme(0) }).join('\n');
    expect(running).not.toContain('the profile');
    const done = experimentScreenLines(state(2, { def, report }), { width: 80, height: 30, lang: 'en', theme: makeTheme(0) }).join('\n');
    expect(done).toContain('the profile');
    expect(done).toContain('1e-9');
    expect(done).not.toContain('test accuracy (%)');
  });

  it("shows the training loss the last epoch evaluated (what verdicts quote), else the latest step's", () => {
    const lines = (r: RunFrame) => experimentScreenLines({ ...state(1), frame: { experiment: 'x', seconds: 1, done: false, runs: [r] } }, { width: 80, height: 24, lang: 'en', theme: makeTheme(0) }).join('\n');
    expect(lines(run(0))).toContain('train loss 0.250');
    expect(lines(run(0, { trainLoss: [], losses: [0.75] }))).toContain('train loss 0.750');
    expect(lines(run(0, { trainLoss: [], losses: [], steps: 0 }))).toContain('train loss —');
  });

  it('puts each run on its share of the progress axis', () => {
    expect(progressSeries(run(0, { steps: 200, totalSteps: 400 }), 60)).toHaveLength(30);
    expect(progressSeries(run(0, { steps: 400, totalSteps: 400, done: true }), 60)).toHaveLength(60);
    expect(progressSeries(run(0, { steps: 0, losses: [] }), 60)).toEqual([]);
  });
});
