/**
 * Gradient norms per layer, first layer first, as bars on a log₁₀ scale (a
 * norm ten times larger is a fixed step longer, so 1e-6 and 1 fit on one line),
 * and a verdict in words when the gradients vanish or explode.
 */
import { msg, tr, type Msg } from '../../i18n/index.js';
import { fmtShort } from '../../i18n/numbers.js';
import { padEnd, padStart, sw, truncate, wrapPlain } from '../layout.js';
import { barString, decadeLabel } from './charts.js';
import { fit, safeText, themeOf, widthOf } from './train-common.js';
import type { GradNorm, TrainFigOptions } from './train-types.js';

/**
 * Thresholds of the verdict (rules of thumb for the small nets nnlearn trains, where
 * healthy per-layer norms sit within a decade or two of each other, around 1e-3 … 10):
 *  - exploding: any norm above EXPLODE_NORM, or NaN/∞ — the next update would throw the weights far;
 *  - vanishing: the first layer's norm below VANISH_RATIO × the last layer's (three orders of
 *    magnitude): the early layers barely learn while the last one does;
 *  - no gradient: every norm is 0 (e.g. all ReLUs dead, or a loss that does not depend on the weights).
 */
export const EXPLODE_NORM = 1e3;
export const VANISH_RATIO = 1e-3;

export type GradVerdictKind = 'ok' | 'vanishing' | 'exploding' | 'zero' | 'none';

export interface GradVerdict {
  kind: GradVerdictKind;
  text: Msg;
}

/** What the norms say, by the thresholds above (exploding wins over vanishing). */
export function gradVerdict(input: readonly GradNorm[]): GradVerdict {
  const grads = input.map((g) => ({ layer: safeText(g.layer), norm: g.norm }));
  if (!grads.length) return { kind: 'none', text: msg('no gradients yet', '还没有梯度') };
  const bad = grads.find((g) => !Number.isFinite(g.norm));
  if (bad) return { kind: 'exploding', text: msg(`exploding: the gradient of ${bad.layer} is ${fmtShort(bad.norm)} — try a smaller learning rate`, `梯度爆炸：${bad.layer} 的梯度为 ${fmtShort(bad.norm)}——试试更小的学习率`) };
  const huge = grads.find((g) => g.norm > EXPLODE_NORM);
  if (huge) return { kind: 'exploding', text: msg(`exploding: the gradient of ${huge.layer} is ${fmtShort(huge.norm)} (over ${fmtShort(EXPLODE_NORM)}) — try a smaller learning rate`, `梯度爆炸：${huge.layer} 的梯度为 ${fmtShort(huge.norm)}（超过 ${fmtShort(EXPLODE_NORM)}）——试试更小的学习率`) };
  if (grads.every((g) => g.norm === 0)) return { kind: 'zero', text: msg('no gradient: every norm is 0, nothing learns', '没有梯度：所有范数都是 0，什么也学不到') };
  if (grads.length >= 2) {
    const first = grads[0];
    const last = grads[grads.length - 1];
    if (last.norm > 0 && first.norm < VANISH_RATIO * last.norm) {
      const decades = first.norm > 0 ? Math.floor(Math.log10(last.norm / first.norm)) : Infinity;
      const by = Number.isFinite(decades) ? msg(`${decades} orders of magnitude`, `${decades} 个数量级`) : msg('to 0', '直到 0');
      return {
        kind: 'vanishing',
        text: msg(`vanishing: ${first.layer}'s gradient is smaller than ${last.layer}'s by ${by.en} — the first layers barely learn`, `梯度消失：${first.layer} 的梯度比 ${last.layer} 的小 ${by.zh}——前面的层几乎学不到东西`),
      };
    }
  }
  // Layers are compared with each other only: a recurrent net's gradient can still fade across time steps.
  return { kind: 'ok', text: msg('no layer’s gradient is far off the others', '各层梯度大小相近') };
}

/** The decades the bars span: from the smallest positive finite norm's decade to the largest's (at least one). */
export function gradDecades(grads: readonly GradNorm[]): { lo: number; hi: number } | null {
  const pos = grads.map((g) => g.norm).filter((v) => Number.isFinite(v) && v > 0);
  if (!pos.length) return null;
  const lo = Math.floor(Math.log10(Math.min(...pos)));
  let hi = Math.ceil(Math.log10(Math.max(...pos)));
  if (hi <= lo) hi = lo + 1;
  return { lo, hi };
}

/** One labelled bar per layer, the log scale's ends beneath, and the verdict. */
export function renderGradNorms(grads: readonly GradNorm[], width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const lang = opts.lang;
  const out: string[] = [th.value(truncate(tr(lang, msg('gradient norm per layer', '各层梯度范数')), w))];
  const verdict = gradVerdict(grads);
  if (!grads.length) return fit([...out, th.muted(tr(lang, verdict.text))], w);
  const dec = gradDecades(grads);
  const labels = grads.map((g) => safeText(g.layer));
  const nums = grads.map((g) => fmtShort(g.norm));
  const numW = Math.max(...nums.map(sw));
  const labelW = Math.max(1, Math.min(Math.max(...labels.map(sw)), Math.floor(w / 3)));
  const cells = Math.max(3, Math.min(40, w - labelW - numW - 4));
  grads.forEach((g, i) => {
    let bar: string;
    const bad = !Number.isFinite(g.norm) || g.norm > EXPLODE_NORM;
    if (Number.isNaN(g.norm)) bar = th.error('?'.repeat(cells));
    else if (g.norm === Infinity) bar = th.error('█'.repeat(cells));
    else if (!dec || !(g.norm > 0)) bar = th.muted('·'.repeat(cells));
    else {
      const { fill, track } = barString((Math.log10(g.norm) - dec.lo) / (dec.hi - dec.lo), cells);
      bar = (bad ? th.error(fill) : th.color ? th.chalk.cyan(fill) : fill) + th.muted(track);
    }
    const num = padStart(nums[i], numW);
    out.push(th.label(padEnd(truncate(labels[i], labelW), labelW)) + ' ' + bar + ' ' + (bad ? th.error(num) : th.value(num)));
  });
  if (dec) {
    const lo = decadeLabel(dec.lo);
    const hi = decadeLabel(dec.hi);
    const mid = tr(lang, msg('log scale', '对数刻度'));
    const gap = cells - sw(lo) - sw(hi);
    const scale = gap >= sw(mid) + 2 ? lo + padEnd(' '.repeat(Math.floor((gap - sw(mid)) / 2)) + mid, gap) + hi : `${lo} … ${hi} (${mid})`;
    out.push(' '.repeat(labelW + 1) + th.muted(scale));
  }
  const style = verdict.kind === 'ok' ? th.ok : verdict.kind === 'none' ? th.muted : th.warn;
  for (const l of wrapPlain(tr(lang, verdict.text), w)) out.push(style(l));
  return fit(out, w);
}
