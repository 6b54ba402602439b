import { describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/index.js';
import { barString, decadeLabel, MARKERS, niceStep, renderBars, renderChart, renderSparkline, rowOf, sparkChars, yScale } from '../../src/view/figures/charts.js';
import type { ChartBlock } from '../../src/view/figures/types.js';
import { ANSI, color, maxWidth, opts, plain, WIDTHS } from './helpers.js';

describe('bars', () => {
  const gates = [
    { label: msg('forget', '遗忘门'), value: 0.73 },
    { label: msg('input', '输入门'), value: 0.12 },
    { label: msg('output', '输出门'), value: 1 },
  ];

  it('prints each value and a bar whose length is the value (eighths of a column)', () => {
    for (const w of WIDTHS) {
      const lines = renderBars({ kind: 'bars', items: gates }, opts(w));
      expect(lines).toHaveLength(3);
      lines.forEach((l, i) => {
        expect(l.trim().startsWith(['forget', 'input', 'output'][i])).toBe(true);
        expect(l.endsWith(['0.73', '0.12', '1.00'][i])).toBe(true);
        const full = (l.match(/█/g) ?? []).length;
        const pm = l.match(/[▏▎▍▌▋▊▉]/);
        const part = pm ? '▏▎▍▌▋▊▉'.indexOf(pm[0]) + 1 : 0;
        const track = (l.match(/·/g) ?? []).length;
        const cells = full + (part ? 1 : 0) + track;
        expect(Math.abs((full + part / 8) / cells - gates[i].value), `${w}: ${l}`).toBeLessThanOrEqual(1 / (16 * cells) + 1e-9);
      });
      expect(maxWidth(lines)).toBeLessThanOrEqual(w);
    }
  });

  it('labels in Chinese line up (string-width), colour only with a colour theme', () => {
    const zh = renderBars({ kind: 'bars', label: msg('LSTM gates', 'LSTM 门'), items: gates }, opts(80, plain, 'zh'));
    expect(zh[0]).toBe('LSTM 门');
    const starts = zh.slice(1).map((l) => l.replace(/^ +\S+ +/, '').length);
    expect(new Set(starts).size).toBe(1);
    expect(zh.join('')).not.toMatch(ANSI);
    expect(renderBars({ kind: 'bars', items: gates }, opts(80, color)).join('')).toMatch(ANSI);
  });

  it('barString: 0 → all track, 1 → all full, halves → ▌', () => {
    expect(barString(0, 4)).toEqual({ fill: '', track: '····' });
    expect(barString(1, 4)).toEqual({ fill: '████', track: '' });
    expect(barString(0.5 / 4 + 1 / 4, 4)).toEqual({ fill: '█▌', track: '··' });
    expect(barString(Number.NaN, 3)).toEqual({ fill: '', track: '···' });
  });
});

describe('sparkline', () => {
  it('maps a ramp onto ▁…█ and prints min and max', () => {
    const lines = renderSparkline({ kind: 'sparkline', label: 'loss', values: [1, 2, 3, 4, 5, 6, 7, 8] }, opts(80));
    expect(lines[0]).toBe('  loss ▁▂▃▄▅▆▇█  min 1 · max 8');
  });

  it('log: decades become even steps', () => {
    expect(sparkChars([1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7], true)).toBe('▁▂▃▄▅▆▇█');
    expect(sparkChars([1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7], false)).toBe('▁▁▁▁▁▁▂█');
    expect(sparkChars([1, Number.NaN, -1, Infinity, 2], true)).toBe('▁?·↑█');
  });

  it('long series are averaged down to the width, with a note', () => {
    const values = Array.from({ length: 500 }, (_, i) => i);
    const lines = renderSparkline({ kind: 'sparkline', values }, opts(40));
    expect(maxWidth(lines)).toBeLessThanOrEqual(40);
    expect(lines.join('\n')).toMatch(/each mark = mean of \d+ values/);
  });
});

/** Reads a rendered chart back: y label per row, plot text per row, x tick label per column. */
function readChart(lines: string[]) {
  const axisLine = lines.find((l) => l.includes('└'))!;
  const plotRows = lines.slice(0, lines.indexOf(axisLine)).filter((l) => /[┤│]/.test(l));
  const axisAt = plotRows[0].search(/[┤│]/);
  const rows = plotRows.map((l) => ({ label: l.slice(0, axisAt).trim(), plot: l.slice(axisAt + 1) }));
  const tickLine = lines[lines.indexOf(axisLine) + 1];
  const ticks = new Map<number, string>();
  [...axisLine].forEach((ch, i) => {
    if (ch !== '┬') return;
    const m = [...tickLine.matchAll(/\S+/g)].find((t) => t.index! <= i && i < t.index! + t[0].length);
    if (m) ticks.set(i - axisAt - 1, m[0]);
  });
  return { rows, ticks };
}

describe('chart', () => {
  it('log scale: 10^-k at x = k lands on the row labelled with that decade', () => {
    const values = Array.from({ length: 11 }, (_, k) => 10 ** -k);
    for (const w of WIDTHS) {
      const lines = renderChart({ kind: 'chart', series: [{ label: 'norm', values }], log: true }, opts(w));
      expect(maxWidth(lines)).toBeLessThanOrEqual(w);
      const { rows, ticks } = readChart(lines);
      expect(rows.map((r) => r.label).filter(Boolean)).toEqual(['1', '0.1', '0.01', '0.001', '1e-4', '1e-5', '1e-6', '1e-7', '1e-8', '1e-9', '1e-10']);
      expect(ticks.size).toBeGreaterThanOrEqual(3);
      for (const [col, x] of ticks) {
        const k = Number(x);
        const marked = rows.filter((r) => r.plot[col] === '*').map((r) => r.label);
        expect(marked).toEqual([decadeLabel(-k)]);
      }
    }
  });

  it('log scale over 60 decades: several decades a row, still on whole rows', () => {
    const values = [1e-30, 1e-24, 1, 1e30];
    const lines = renderChart({ kind: 'chart', series: [{ label: 'g', values }], log: true, height: 12 }, opts(80));
    const { rows } = readChart(lines);
    const labels = rows.map((r) => r.label);
    expect(labels[0]).toBe('1e30');
    expect(labels[labels.length - 1]).toBe('1e-30');
    const at = (label: string) => rows.find((r) => r.label === label)!.plot;
    expect(at('1e-24')).toContain('*');
    expect(at('1')).toContain('*');
    expect(at('1e-18')).not.toContain('*');
  });

  it('linear scale: nice ticks, the values on their rows', () => {
    const lines = renderChart({ kind: 'chart', series: [{ label: 'y', values: [0, 5, 10] }] }, opts(80));
    const { rows, ticks } = readChart(lines);
    expect(rows.map((r) => r.label).filter(Boolean)).toEqual(['10', '8', '6', '4', '2', '0']);
    expect(rows[0].plot.trimEnd().endsWith('*')).toBe(true);
    expect(rows[rows.length - 1].plot.startsWith('*')).toBe(true);
    expect([...ticks.values()]).toContain('0');
    expect([...ticks.values()]).toContain('2');
  });

  it('several series: distinct markers and a legend (gain 0.9 / 1.0 / 1.1)', () => {
    const series = [0.9, 1.0, 1.1].map((g) => ({ label: `gain ${g.toFixed(1)}`, values: Array.from({ length: 50 }, (_, t) => g ** t) }));
    const block: ChartBlock = { kind: 'chart', label: msg('gradient norm', '梯度范数'), series, log: true, xStart: 1, xLabel: msg('time step', '时间步') };
    const lines = renderChart(block, opts(80));
    const text = lines.join('\n');
    expect(text).toContain(`${MARKERS[0]} gain 0.9   ${MARKERS[1]} gain 1.0   ${MARKERS[2]} gain 1.1`);
    expect(text).toContain('time step');
    // gain 1.0 stays at 1: its marker is only on the row labelled 1.
    const { rows, ticks } = readChart(lines);
    expect(rows.filter((r) => r.plot.includes('o')).map((r) => r.label)).toEqual(['1']);
    expect([...ticks.values()]).toContain('50');
    const zh = renderChart(block, opts(80, plain, 'zh')).join('\n');
    expect(zh).toContain('梯度范数');
    expect(zh).toContain('对数刻度');
    expect(renderChart(block, opts(80, color)).join('')).toMatch(ANSI);
  });

  it('values that cannot be drawn are counted, not drawn', () => {
    const lines = renderChart({ kind: 'chart', series: [{ label: 'g', values: [1, 0, -1, Number.NaN, 10] }], log: true }, opts(80));
    expect(lines.join('\n')).toContain('3 values not drawn');
  });

  it('helpers', () => {
    expect([0.7, 1, 1.3, 3, 7, 12].map(niceStep)).toEqual([1, 1, 2, 5, 10, 20]);
    expect([-7, -3, 0, 2, 3, 4].map(decadeLabel)).toEqual(['1e-7', '0.001', '1', '100', '1000', '1e4']);
    const s = yScale([1e-5, 1], true, 12)!;
    expect(s.rows).toBe(11);
    expect(rowOf(s, 1e-5)).toBe(0);
    expect(rowOf(s, 1e-3)).toBe(4);
    expect(rowOf(s, 0)).toBeNull();
  });
});
