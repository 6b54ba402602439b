/**
 * Shared helpers and terminal drawings for the lessons cnn/pooling,
 * cnn/normalization, cnn/fc and cnn/architectures: box-drawing pictures laid
 * out with view/layout.ts (a Chinese character takes two columns), and the
 * demos' seeded values.
 */
import { sw, padEnd, clipLines, sideBySide } from '../../view/layout.js';
import { shuffled } from '../../engine/shuffle.js';
import { inLang } from '../../i18n/index.js';
import type { DrawOptions } from '../types.js';

/** 1..n in an order decided by the seed: distinct numbers, so every max has one winner. */
export function shuffledInts(n: number, seed: number): number[] {
  return shuffled(Array.from({ length: n }, (_, i) => i + 1), seed);
}

/** Flat y·W + x indices (maxPool2d's argmax) → [row, col] cells for a matrix highlight. */
export function cellsOf(indices: ArrayLike<number>, W: number): number[][] {
  return Array.from(indices, (i) => [Math.floor(i / W), i % W]);
}

// ---------------------------------------------------------------------------
// cnn/pooling: a 4×4 slice cut into 2×2 windows, and one row with F=3 S=2

export function drawPooling(o: DrawOptions): string[] {
  const { lang } = o;
  const grid = [
    '┏━━━━━━━┳━━━━━━━┓',
    '┃ a   b ┃ c   d ┃',
    '┃ e   f ┃ g   h ┃',
    '┣━━━━━━━╋━━━━━━━┫',
    '┃ i   j ┃ k   l ┃',
    '┃ m   n ┃ o   p ┃',
    '┗━━━━━━━┻━━━━━━━┛',
  ];
  const left = [inLang(lang, 'input 4×4 (one slice)', '输入 4×4（一个深度切片）'), ...grid];
  const arrow = ['', '', inLang(lang, 'F=2, S=2', 'F=2，S=2'), '', '───max──►', '', ''];
  const out = ['┌───┬───┐', '│ A │ B │', '├───┼───┤', '│ C │ D │', '└───┴───┘'];
  const right = [inLang(lang, 'output 2×2', '输出 2×2'), '', ...out];
  const legend = ['', '', 'A = max(a, b, e, f)', 'B = max(c, d, g, h)', 'C = max(i, j, m, n)', 'D = max(k, l, o, p)'];
  const top = sideBySide([{ lines: left }, { lines: arrow }, { lines: right }, { lines: legend }], 2);

  const row5 = '┌───┬───┬───┬───┬───┐\n│ a │ b │ c │ d │ e │\n└───┴───┴───┴───┴───┘'.split('\n');
  /** └─label──┘ exactly n columns wide: a window's extent under the cells. */
  const bracket = (n: number, label: string) => {
    const inner = Math.max(0, n - 2 - sw(label));
    const left = Math.min(2, inner);
    return '└' + '─'.repeat(left) + label + '─'.repeat(inner - left) + '┘';
  };
  const strip = [
    inLang(lang, 'one row, F=3 S=2 (overlapping):', '一行，F=3 S=2（重叠池化）：'),
    ...row5,
    bracket(13, inLang(lang, ' window 1 ', ' 窗口 1 ')),
    ' '.repeat(8) + bracket(13, inLang(lang, ' window 2 ', ' 窗口 2 ')),
    inLang(lang, 'c is read by both windows.', 'c 被两个窗口都读到。'),
  ];
  const row4 = '┌───┬───┬───┬───┐\n│ a │ b │ c │ d │\n└───┴───┴───┴───┘'.split('\n');
  const strip2 = [
    inLang(lang, 'one row, F=2 S=2 (windows 1, 2):', '一行，F=2 S=2（窗口 1、2）：'),
    ...row4,
    bracket(9, ' 1 ') + bracket(8, ' 2 '),
    '',
    inLang(lang, 'No cell is read twice.', '每个格子只被读一次。'),
  ];
  const bottom = o.width >= 76 ? sideBySide([{ lines: strip }, { lines: strip2 }], 6) : [...strip, '', ...strip2];
  const depth = inLang(lang, 'Every depth slice is pooled on its own, so the depth stays: D₂ = D₁.', '每个深度切片各自池化，深度不变：D₂ = D₁。');
  return clipLines([...top, '', ...bottom, '', depth], o.width);
}

// ---------------------------------------------------------------------------
// cnn/normalization: the channels at one pixel, a window of n neighbours

export function drawLrn(o: DrawOptions): string[] {
  const { lang } = o;
  const n = 7;
  const lines: string[] = [];
  lines.push(inLang(lang, 'The depth column at one pixel (x, y): one number per channel', '某个像素 (x, y) 处的深度列：每个通道一个数'));
  lines.push('');
  const labels = Array.from({ length: n }, (_, i) => `a${'₀₁₂₃₄₅₆'[i]}`);
  const cells = labels.map((l) => ` ${l} `);
  lines.push('  ┌' + cells.map((c) => '─'.repeat(sw(c))).join('┬') + '┐');
  lines.push('  │' + cells.join('│') + '│');
  lines.push('  └' + cells.map((c) => '─'.repeat(sw(c))).join('┴') + '┘');
  // The window of 5 channels centred on channel 3: from cell 1 to cell 5.
  const cw = sw(cells[0]) + 1;
  const start = 2 + 1 * cw;
  const span = 5 * cw - 1;
  const label = inLang(lang, ' n = 5 neighbours of a₃ ', ' a₃ 的 n = 5 个邻居 ');
  const dashes = Math.max(2, span - sw(label));
  lines.push(' '.repeat(start) + '└' + '─'.repeat(Math.floor(dashes / 2) - 1) + label + '─'.repeat(Math.ceil(dashes / 2) - 1) + '┘');
  lines.push('');
  lines.push('        a₃');
  lines.push('  b₃ = ─────────────────────────────');
  lines.push('       (k + α·(a₁² + a₂² + a₃² + a₄² + a₅²))^β');
  lines.push('');
  lines.push(inLang(lang, 'A big neighbour makes the denominator big: a₃ is damped', '邻居很大时分母变大：a₃ 被压低'));
  lines.push(inLang(lang, '("lateral inhibition", as between neighbouring neurons in the brain).', '（“侧抑制”，就像大脑中相邻神经元之间那样）。'));
  return clipLines(lines, o.width);
}

// ---------------------------------------------------------------------------
// cnn/fc: every input connected to every output

export function drawFc(o: DrawOptions): string[] {
  const { lang } = o;
  const lines: string[] = [];
  lines.push(inLang(lang, 'W×H×D volume ──flatten──► N_in numbers ──x·W + b──► N_out numbers', '数据体 W×H×D ──展平──► N_in 个数 ──x·W + b──► N_out 个数'));
  lines.push('');
  const fan = [
    'x₁ ─┐',
    'x₂ ─┤',
    'x₃ ─┼─► Σ xᵢ·Wᵢ₁ + b₁ ─► y₁',
    'x₄ ─┤',
    'x₅ ─┤',
    'x₆ ─┘',
  ];
  const side = [
    '',
    inLang(lang, 'One output neuron reads', '一个输出神经元读取'),
    inLang(lang, 'ALL the inputs, each with', '全部输入，每个输入都'),
    inLang(lang, 'its own weight. y₂ and y₃', '有自己的权重；y₂、y₃'),
    inLang(lang, 'read the same six inputs', '读的是同样六个输入，'),
    inLang(lang, 'with other weights.', '只是权重不同。'),
  ];
  lines.push(...sideBySide([{ lines: fan }, { lines: side }], 4).map((l) => '  ' + l));
  lines.push('');
  const mat = [
    '               ┌ W₁₁ W₁₂ W₁₃ ┐',
    '               │ W₂₁ W₂₂ W₂₃ │',
    '[x₁ x₂ … x₆] · │  ⋮   ⋮   ⋮  │ + [b₁ b₂ b₃] = [y₁ y₂ y₃]',
    '               │ W₅₁ W₅₂ W₅₃ │',
    '               └ W₆₁ W₆₂ W₆₃ ┘',
    '    1 × 6            6 × 3          1 × 3        1 × 3',
  ];
  lines.push(...mat.map((l) => '  ' + l));
  lines.push('');
  const nIn = 6;
  const nOut = 3;
  const total = `${nIn}·${nOut} + ${nOut} = ${nIn * nOut + nOut}`;
  lines.push(inLang(lang, `  parameters = N_in·N_out (weights) + N_out (biases) = ${total}`, `  参数 = N_in·N_out（权重）+ N_out（偏置）= ${total}`));
  return clipLines(lines, o.width);
}

// ---------------------------------------------------------------------------
// cnn/architectures: a timeline of the famous ConvNets

export interface TimelineItem {
  year: number;
  name: string;
  idea: { en: string; zh: string };
  params: string;
}

export function drawTimeline(items: readonly TimelineItem[], o: DrawOptions): string[] {
  const { lang } = o;
  const head = { year: inLang(lang, 'year', '年份'), name: inLang(lang, 'network', '网络'), params: inLang(lang, 'params', '参数'), idea: inLang(lang, 'what it brought', '带来了什么') };
  const nameW = Math.max(sw(head.name), ...items.map((i) => sw(i.name)));
  const parW = Math.max(sw(head.params), ...items.map((i) => sw(i.params)));
  const lines: string[] = [];
  lines.push(padEnd(head.year, 8) + padEnd(head.name, nameW) + '  ' + ' '.repeat(parW - sw(head.params)) + head.params + '   ' + head.idea);
  items.forEach((it, k) => {
    const last = k === items.length - 1;
    const lead = `${it.year} ${last ? '└' : '├'}─ ${padEnd(it.name, nameW)}  ${it.params.padStart(parW)}   `;
    const room = Math.max(20, o.width - sw(lead));
    const idea = it.idea[lang];
    // Wrap the idea under its own column.
    const words = lang === 'zh' ? Array.from(idea) : idea.split(' ');
    const joiner = lang === 'zh' ? '' : ' ';
    const parts: string[] = [];
    let cur = '';
    for (const w of words) {
      const next = cur ? cur + joiner + w : w;
      if (sw(next) > room && cur) {
        parts.push(cur);
        cur = w;
      } else cur = next;
    }
    if (cur) parts.push(cur);
    lines.push(lead + parts[0]);
    const cont = `     ${last ? ' ' : '│'}  ${' '.repeat(nameW)}  ${' '.repeat(parW)}   `;
    for (const p of parts.slice(1)) lines.push(cont + p);
    if (!last) lines.push('     │');
  });
  return clipLines(lines, o.width);
}
