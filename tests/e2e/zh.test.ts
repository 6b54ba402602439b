/**
 * LANG=zh_CN.UTF-8: the menu, lesson steps and the REPL speak Chinese, and
 * wide characters do not break the layout: no line wider than the 80-column
 * pane (string-width, CJK = 2 columns; capture -J so a line the terminal had
 * to wrap shows its real width) and columns line up.
 */
import stringWidth from 'string-width';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXITED, Tmux, requireTmux, widths } from './tmux.js';

const t = new Tmux('zh');
const ZH = 'zh_CN.UTF-8';

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

function expectFits(screen: string): void {
  for (const [i, w] of widths(screen).entries()) expect(w, `line ${i + 1} is ${w} columns wide:\n${screen}`).toBeLessThanOrEqual(80);
}

/** Display column where `needle` starts on the line. */
function columnOf(line: string, needle: string): number {
  const i = line.indexOf(needle);
  expect(i, `"${needle}" in "${line}"`).toBeGreaterThanOrEqual(0);
  return stringWidth(line.slice(0, i));
}

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

describe('Chinese (tmux)', () => {
  it('the lesson menu is in Chinese and its title column lines up', async () => {
    await t.start({ args: ['lesson'], lang: ZH });
    const screen = await t.waitFor(/nnlearn 课程 · 已完成 0\/\d+/);
    expect(screen).toContain('深度神经网络');
    expect(screen).toContain('卷积神经网络');
    expect(screen).toContain('↑/↓ 选择 · 回车 打开 · ? 帮助 · q 退出');
    // Every lesson row: the title starts in the same column, whatever the width of the marks and ids.
    const rows = screen.split('\n').filter((l) => /^(›|\s)\s+[ ✓…]?\s*[a-z]+(\/[a-z-]+)?\s{2,}\S/.test(l));
    expect(rows.length).toBeGreaterThan(8);
    const starts = new Set(rows.map((l) => stringWidth(/^.*?[a-z-]\s{2,}/.exec(l)![0])));
    expect([...starts], rows.join('\n')).toHaveLength(1);
    expect(rows.filter(hasHan).length).toBeGreaterThan(8);
    expectFits(t.capture({ joined: true }));
    await t.key('q');
    await t.waitFor(EXITED);
  }, 60000);

  it('lesson steps in Chinese: text, the live formula and a table, aligned', async () => {
    await t.start({ args: ['lesson', 'cnn/pooling'], lang: ZH });
    await t.waitFor('cnn/pooling · 池化层 1/13');
    let screen = await t.waitFor('为什么要缩小？');
    expect(screen).toContain('→/Enter 下一步 · ← 上一步');
    expectFits(t.capture({ joined: true }));

    await t.key('Right');
    await t.waitFor('池化层 2/13');
    await t.key('Right');
    await t.waitFor('池化层 3/13');
    screen = await t.waitFor('W₂ = (224 − 2)/2 + 1 = 112');
    expect(screen).toContain('尺寸公式');
    expect(screen).toContain('↑/↓ 选变量（W）');
    expectFits(t.capture({ joined: true }));
    // The variables' values share a column although the labels mix Chinese and Latin.
    const lines = screen.split('\n');
    // (the selected variable's row starts with › instead of a space)
    const row = (name: string, label: string) => lines.find((l) => /^[ ›] /.test(l) && l.slice(2).startsWith(`${name}  ${label}`))!;
    const value = (l: string) => /\d+$/.exec(l)![0];
    const table = [row('W', '输入宽度 W₁'), row('F', '窗口大小 F'), row('S', '步长 S'), row('W₂', '输出宽度')];
    expect(table.map(value)).toEqual(['224', '2', '2', '112']);
    const cols = table.map((l) => stringWidth(l.slice(0, l.length - value(l).length)));
    expect(new Set(cols).size, lines.join('\n')).toBe(1);

    // Type a value: the result and the note in Chinese.
    await t.key('Down');
    await t.waitFor('选变量（F）');
    await t.type('3');
    await t.waitFor('F = 3▏');
    await t.key('Enter');
    screen = await t.waitFor('W₂ = (224 − 3)/2 + 1 = 111.5 → ⌊111.5⌋ = 111');
    // (the note may wrap anywhere: compare without white space)
    expect(screen.replace(/\s+/g, '')).toContain('F>S：相邻窗口互相重叠（重叠池化）。');
    expectFits(t.capture({ joined: true }));

    // The demo's table: Chinese headings over numbers, every row as wide as the heading.
    await t.key('Right');
    await t.waitFor('池化层 4/13');
    await t.key('Right');
    await t.waitFor('池化层 5/13');
    await t.key('Right');
    screen = await t.waitFor(/^\s+输出\s+行\s+列\s+窗口里的数\s+max\s+avg\s+L2$/m);
    const demo = screen.split('\n').filter((l) => /^\s+输出\s+行/.test(l) || /^\s+[A-D]\s+\d–\d\s+\d–\d\s/.test(l));
    expect(demo).toHaveLength(5);
    expect(new Set(demo.map((l) => stringWidth(l))).size, demo.join('\n')).toBe(1);
    expect(columnOf(demo[0], '行')).toBe(columnOf(demo[1], '0–1'));
    expectFits(t.capture({ joined: true }));
  }, 60000);

  it('the REPL in Chinese: a conv layer, its facts aligned', async () => {
    await t.start({ args: ['repl'], lang: ZH });
    await t.waitFor('help 列出命令 · Tab 补全 · ↑/↓ 历史');
    await t.type('conv 32x32x3 F=5 S=1 P=2 K=16');
    await t.waitFor('nn› conv 32x32x3 F=5 S=1 P=2 K=16');
    await t.key('Enter');
    const screen = await t.waitFor(/参数\s+K·\(F·F·D₁ \+ 1\) = 16·\(5·5·3 \+ 1\) = 16·76 = 1,216/);
    expect(screen).toMatch(/卷积\s+32×32×3 → 32×32×16/);
    expect(screen).toContain('输出的宽和高：');
    const lines = screen.split('\n');
    const fact = (label: string, value: string) => columnOf(lines.find((l) => l.trimStart().startsWith(label))!, value);
    const cols = [
      fact('每个滤波器的权重', 'F·F·D₁ = 5·5·3'),
      fact('参数', 'K·(F·F·D₁'),
      fact('感受野', '5×5×3'),
      fact('若改用全连接', '50,348,032'),
      fact('PyTorch 布局', '[3, 32, 32]'),
    ];
    expect(new Set(cols).size, lines.join('\n')).toBe(1);
    expectFits(t.capture({ joined: true }));
    await t.type('exit');
    await t.waitFor(/^nn› exit/m);
    await t.key('Enter');
    await t.waitFor(EXITED);
  }, 60000);
});
