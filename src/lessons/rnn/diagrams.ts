/**
 * Terminal drawings for the rnn lessons: the RNN folded and unrolled, the
 * notes' singular/plural sentence over the unrolled chain, and the backward
 * chain of a DNN against an RNN. Widths are measured with string-width; every
 * drawing adapts to o.width (80 and 120 columns).
 */
import { type Lang, inLang } from '../../i18n/index.js';
import type { DrawOptions } from '../types.js';
import { center, clipLines, padEnd, sideBySide, sw } from '../../view/layout.js';

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (n: number): string =>
  String(n)
    .split('')
    .map((d) => SUP[Number(d)])
    .join('');
export const sub = (n: number): string =>
  String(n)
    .split('')
    .map((d) => SUB[Number(d)])
    .join('');

// ---------------------------------------------------------------------------
// rnn/recurrence: folded and unrolled

function folded(lang: Lang): string[] {
  return [
    inLang(lang, '   folded', '   折叠画法'),
    '',
    '       oₜ',
    '       ▲',
    '       │ V',
    '    ┌──┴──┐',
    ' ┌─►│ hₜ  │──┐',
    ' │  └──▲──┘  │',
    ' └─Wₕ──┼─────┘',
    '       │ Wₓ',
    '       xₜ',
  ];
}

function unrolled(lang: Lang, steps: number): string[] {
  const lines: string[][] = Array.from({ length: 9 }, () => []);
  const prefix = ['', '', '', '', 'h₀ ─►', '', '', '', ''];
  lines.forEach((l, i) => l.push(padEnd(prefix[i], 5)));
  for (let t = 1; t <= steps; t++) {
    const s = sub(t);
    const cell = [
      center(`o${s}`, 7),
      '   ▲   ',
      '   │ V ',
      '┌──┴──┐',
      `│ h${s}${' '.repeat(Math.max(0, 3 - sw(s)))}│`,
      '└──▲──┘',
      '   │ Wₓ',
      '   │   ',
      center(`x${s}`, 7),
    ];
    const last = t === steps;
    const arrow = last ? '─Wₕ─► …' : '──Wₕ──►';
    cell.forEach((c, i) => lines[i].push(padEnd(c, 7) + (i === 4 ? arrow : ' '.repeat(sw(arrow)))));
  }
  return [inLang(lang, 'unrolled in time', '按时间展开'), '', ...lines.map((l) => l.join('').trimEnd())];
}

export function drawUnrolled(o: DrawOptions): string[] {
  const { lang, width } = o;
  const f = folded(lang);
  const fw = Math.max(...f.map(sw));
  // Each step takes 14 columns; the folded picture, a gap and "=" take fw + 6.
  const room = width - fw - 6 - 5 - 2;
  const steps = Math.max(2, Math.min(6, Math.floor(room / 14)));
  const side = width >= fw + 6 + 5 + 2 * 14;
  const u = unrolled(lang, side ? steps : Math.max(2, Math.min(5, Math.floor((width - 7) / 14))));
  const body = side ? sideBySide([{ lines: f }, { lines: ['', '', '', '', '', '', ' ══► '] }, { lines: u }], 1) : [...f, '', ...u];
  const note = inLang(lang, 'The same Wₓ, Wₕ (and V) are used at every step.', '每一步用的都是同一组 Wₓ、Wₕ（和 V）。');
  return clipLines([...body, '', note], width);
}

// ---------------------------------------------------------------------------
// rnn/long-term: the subject at step 2 decides the verb at step 9

export const SENTENCE = ['The', 'cats', 'that', 'we', 'saw', 'in', 'the', 'yard', 'were'] as const;

export function drawSentence(o: DrawOptions): string[] {
  const { lang, width } = o;
  const words = SENTENCE;
  const col = Math.max(...words.map((w) => sw(w))) + 2; // 6
  const lead = 4;
  const cellW = Math.max(col, 6);
  const total = lead + words.length * cellW;
  const compact = total > width;
  const cw = compact ? Math.max(5, Math.floor((width - lead) / words.length)) : cellW;
  const at = (i: number) => lead + i * cw;
  const put = (line: string[], pos: number, s: string) => {
    for (let k = 0; k < s.length; k++) line[pos + k] = s[k];
  };
  const blank = () => Array.from({ length: lead + words.length * cw + 2 }, () => ' ');
  const tLine = blank();
  const wLine = blank();
  const bar = blank();
  const hLine = blank();
  put(tLine, 0, 't');
  put(hLine, 0, 'h');
  words.forEach((w, i) => {
    const c = at(i);
    put(tLine, c + 1, String(i + 1));
    put(wLine, c, w.slice(0, cw - 1));
    put(bar, c + 1, '│');
  });
  // The chain: h₁ ─ h₂ ─ … with the cells as "hᵢ".
  for (let p = lead - 2; p < at(words.length - 1) + 3; p++) hLine[p] = '─';
  words.forEach((_, i) => put(hLine, at(i) + 1, `h${sub(i + 1)}`));
  hLine[at(words.length - 1) + 3] = '►';
  const join = (a: string[]) => a.join('').trimEnd();
  // The long arrow from step 2 to step 9.
  const from = at(1) + 1;
  const to = at(8) + 1;
  const label = inLang(lang, ` ${to - from > 40 ? '7 rewrites of h by Wₕ and tanh' : '7 rewrites of h'} `, ' h 被改写 7 次 ');
  const inner = to - from - 1;
  const left = '─'.repeat(Math.max(1, Math.floor((inner - sw(label)) / 2)));
  const right = '─'.repeat(Math.max(1, inner - sw(left) - sw(label)));
  const spanStr = ' '.repeat(from) + '└' + left + label + right + '┘';
  const notes = [
    ' '.repeat(from) + inLang(lang, '▲ subject: plural', '▲ 主语：复数'),
    ' '.repeat(Math.max(0, to - sw(inLang(lang, 'verb must agree ▲', '动词必须一致 ▲')) + 1)) + inLang(lang, 'verb must agree ▲', '动词必须一致 ▲'),
  ];
  const lines = [join(tLine), join(wLine), join(bar), join(hLine), spanStr, ...notes];
  return clipLines(lines, width);
}

// ---------------------------------------------------------------------------
// rnn/gradients: a DNN multiplies different matrices, an RNN the same one

export function drawChains(o: DrawOptions): string[] {
  const { lang, width } = o;
  const n = width >= 100 ? 6 : 4;
  const dnn = ['x', ...Array.from({ length: n }, (_, i) => `h${sub(i + 1)}`)];
  const dnnLine = dnn.map((v, i) => (i === 0 ? v : `─W${sub(i)}─► ${v}`)).join(' ');
  const rnn = Array.from({ length: n + 1 }, (_, i) => `h${sub(i)}`);
  const rnnLine = rnn.map((v, i) => (i === 0 ? v : `─Wₕ─► ${v}`)).join(' ');
  const back = [...rnn].reverse();
  const backLine = back.map((v, i) => (i === 0 ? `∂L/∂${v}` : `─Wₕᵀ─► ∂L/∂${v}`)).slice(0, Math.min(back.length, width >= 100 ? 5 : 4));
  const lines = [
    inLang(lang, 'DNN, forward: a different matrix at each layer', 'DNN 前向：每一层是不同的矩阵'),
    '  ' + dnnLine,
    inLang(lang, `  product W${sub(n)}·…·W₂·W₁: each Wᵢ can be scaled on its own`, `  乘积 W${sub(n)}·…·W₂·W₁：每个 Wᵢ 可以单独调整比例`),
    '',
    inLang(lang, 'RNN, forward: the same matrix at every step', 'RNN 前向：每一步都是同一个矩阵'),
    '  ' + rnnLine,
    inLang(lang, `  product Wₕ·Wₕ·…·Wₕ = Wₕ${sup(n)}: one matrix, raised to a power`, `  乘积 Wₕ·Wₕ·…·Wₕ = Wₕ${sup(n)}：一个矩阵的幂`),
    '',
    inLang(lang, 'RNN, backward through time (and ×tanh′ at each step):', 'RNN 沿时间反向传播（每一步还要乘 tanh′）：'),
    '  ' + backLine.join(' ') + ' ─► …',
    '',
    inLang(lang, '  stretch factor γ per step → after k steps ×γᵏ:', '  每步放大系数 γ → k 步之后 ×γᵏ：'),
    inLang(lang, '  γ < 1: vanishes      γ = 1: stays      γ > 1: explodes', '  γ < 1：消失      γ = 1：不变      γ > 1：爆炸'),
  ];
  return clipLines(lines.map((l) => l.trimEnd()), width);
}
