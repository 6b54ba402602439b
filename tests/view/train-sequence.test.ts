import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { TaskViews } from '../../src/training/task.js';
import { renderAttention, renderGates, renderSample, tokenLabel } from '../../src/view/figures/index.js';
import { ANSI, maxWidth } from './helpers.js';

const en = { level: 0, lang: 'en' } as const;

describe('text sample', () => {
  it('golden: prompt and text cut by columns; a tab as ⇥, a control escaped, a newline a new line', () => {
    expect(renderSample({ prompt: 'ab', text: 'cd\tef\ngh\u0007中文' }, 10, en)).toEqual(['sample (p…', 'abcd⇥ef', 'gh\\x07中文']);
  });

  it('Chinese characters are never split and lines never pass the width', () => {
    const text = '深度学习'.repeat(20);
    for (const w of [7, 30, 61]) {
      const lines = renderSample({ prompt: '', text }, w, { ...en, height: 100 });
      expect(maxWidth(lines)).toBeLessThanOrEqual(w);
      expect(lines.slice(1).join('')).toBe(text);
      // Odd widths leave the last column empty rather than cut a character in two.
      if (w % 2) expect(lines.slice(1, -1).every((l) => stringWidth(l) === w - 1)).toBe(true);
    }
  });

  it('terminal controls in the sample are shown, never obeyed; the prompt is set apart with colour', () => {
    const lines = renderSample({ prompt: '\u001b]52;c;x\u0007', text: '\u001b[2J\u202eabc' }, 80, en);
    expect(lines.join('\n')).not.toMatch(/\u001b/);
    expect(lines.join('\n')).toContain('\\e[2J\\u202eabc');
    const colour = renderSample({ prompt: 'The', text: ' cat' }, 80, { level: 3, lang: 'en' });
    expect(colour[1]).toMatch(/\u001b\[[0-9;]*mThe\u001b\[[0-9;]*m cat/);
  });

  it('a long sample keeps to its height and says how much is left', () => {
    const lines = renderSample({ prompt: '', text: 'x\n'.repeat(20) }, 40, { ...en, height: 5 });
    expect(lines.length).toBe(5);
    expect(lines[4]).toBe('… (18 more lines)');
    expect(renderSample({ prompt: '', text: 'x\n'.repeat(20) }, 40, { level: 0, lang: 'zh', height: 5 })[4]).toBe('…（还有 18 行）');
  });
});

describe('LSTM gate strips', () => {
  it('golden (Chinese): a strip per gate on 0…1, the tokens beneath their steps', () => {
    expect(renderGates({ tokens: ['a', ' ', '中'], gates: [{ name: 'forget', values: new Float32Array([0, 0.5, 1]) }] }, 30, { level: 0, lang: 'zh' })).toEqual([
      'LSTM 各门随时间步的值',
      '遗忘门   ▒▒██',
      '       a ␣ 中',
      '0 [  ░░▒▒▓▓██] 1',
    ]);
  });

  it('gate names of different widths line up; long sequences show the steps that fit, with a note', () => {
    const T = 100;
    const gates: NonNullable<TaskViews['gates']> = {
      tokens: Array.from({ length: T }, (_, i) => String.fromCharCode(97 + (i % 26))),
      gates: (['input', 'forget', 'output'] as const).map((name) => ({ name, values: new Float32Array(T).fill(1) })),
    };
    const lines = renderGates(gates, 60, en);
    const strips = lines.slice(1, 4);
    expect(strips.map((l) => l.indexOf('█'))).toEqual([7, 7, 7]);
    expect(strips.every((l) => stringWidth(l) === 7 + 2 * 26)).toBe(true);
    expect(lines.join('\n')).toContain('steps 1–26 of 100');
  });

  it('tokens: controls escaped, spaces visible, cut to their cell', () => {
    expect(tokenLabel(' ', 2)).toBe('␣');
    expect(tokenLabel('\n', 2)).toBe('\\n');
    expect(tokenLabel('\u001b', 3)).toBe('\\e');
    expect(tokenLabel('hello', 2)).toBe('he');
    expect(tokenLabel('中文', 2)).toBe('中');
    expect(tokenLabel('中文', 3)).toBe('中');
  });
});

describe('attention maps', () => {
  const causal = (T: number) => Float32Array.from({ length: T * T }, (_, k) => (k % T <= Math.floor(k / T) ? 1 / (Math.floor(k / T) + 1) : 0));

  it('one map per head with the tokens on both sides; heads side by side when they fit', () => {
    const lines = renderAttention({ tokens: [...'abcde'], heads: [causal(5), causal(5)] }, 80, en);
    expect(lines[0]).toBe('attention per head: rows = queries, columns = keys');
    expect(lines[1]).toMatch(/^head 1 {2}5×5 +head 2 {2}5×5$/);
    expect(lines).toContain('  a │██            │           a │██            │');
    const narrow = renderAttention({ tokens: [...'abcde'], heads: [causal(5), causal(5)] }, 40, en);
    expect(narrow.filter((l) => l.startsWith('head')).length).toBe(2);
    expect(maxWidth(narrow)).toBeLessThanOrEqual(40);
  });

  it('a sequence longer than the width shows its first tokens (not shrunk), with a note', () => {
    const T = 50;
    const lines = renderAttention({ tokens: Array.from({ length: T }, (_, i) => String(i % 10)), heads: [causal(T)] }, 60, en);
    expect(maxWidth(lines)).toBeLessThanOrEqual(60);
    const note = lines.find((l) => l.startsWith('first'))!;
    expect(note).toMatch(/^first \d+ of 50 tokens$/);
    expect(lines.join('\n')).not.toContain('downsampled');
  });

  it('colour at level 3, none at level 0', () => {
    expect(renderAttention({ tokens: ['x', 'y'], heads: [causal(2)] }, 60, { level: 3, lang: 'en' }).join('')).toMatch(ANSI);
    expect(renderAttention({ tokens: ['x', 'y'], heads: [causal(2)] }, 60, en).join('')).not.toMatch(ANSI);
  });
});
