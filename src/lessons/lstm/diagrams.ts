/**
 * Terminal drawings for the lstm lessons: the chain of LSTM units with the
 * cell state running along the top (the conveyor belt), and one LSTM cell
 * with its forget, input and output gates. Laid out on a Grid whose columns
 * are terminal columns; every line fits 80 columns (120 shows more units).
 */
import { Grid, sub } from '../transformer/draw-util.js';
import type { DrawOptions } from '../types.js';
import { inLang } from '../../i18n/index.js';

/** Columns one unit takes: a 20-column box and a 4-column link to the next. */
const UNIT_W = 20;
const LINK_W = 4;

/** The chain of LSTM units, the cell state (━) running through all of them. */
export function drawChain(o: DrawOptions): string[] {
  const { lang, width } = o;
  const lead = 4;
  const units = Math.max(2, Math.min(4, Math.floor((width - lead - 6 + LINK_W) / (UNIT_W + LINK_W))));
  const g = new Grid();
  const B = 2; // the belt's row
  g.put(B, 0, 'c₀ ━');
  g.put(B + 4, 0, 'h₀ ─');
  for (let k = 0; k < units; k++) {
    const x = lead + k * (UNIT_W + LINK_W);
    const t = k + 1;
    g.center(0, x + 9, inLang(lang, `LSTM unit, t = ${t}`, `LSTM 单元，t = ${t}`));
    // The outer box; the belt and h cross its sides.
    g.box(1, x, 8, UNIT_W);
    g.hline(B, x, x + UNIT_W - 1, '━');
    g.put(B, x, '┿');
    g.put(B, x + UNIT_W - 1, '┿');
    g.put(B, x + 3, '(×)');
    g.put(B, x + 12, '(+)');
    g.put(B + 1, x + 4, '▲ f');
    g.put(B + 1, x + 13, '▲ i·g');
    // The gate layers.
    g.box(B + 2, x + 2, 4, 16);
    g.put(B + 2, x + 4, '┴');
    g.put(B + 2, x + 13, '┴');
    g.put(B + 3, x + 4, 'σ  σ  tanh  σ');
    g.put(B + 4, x, '┼');
    g.put(B + 4, x + 1, '►');
    g.put(B + 4, x + 2, '┤');
    g.put(B + 4, x + 17, '├');
    g.put(B + 4, x + 18, '─');
    g.put(B + 4, x + UNIT_W - 1, '┼');
    g.put(B + 5, x + 10, '▲');
    g.put(B + 6, x + 10, '┼');
    g.put(B + 7, x + 10, `x${sub(t)}`);
    const last = k === units - 1;
    if (!last) {
      g.put(B, x + UNIT_W, `━c${sub(t)}━`);
      g.put(B + 4, x + UNIT_W, `─h${sub(t)}─`);
    } else {
      g.put(B, x + UNIT_W, `━━► c${sub(t)}`);
      g.put(B + 4, x + UNIT_W, `──► h${sub(t)}`);
    }
  }
  const lines = g.lines();
  lines.push(
    '',
    inLang(lang, '━━━ the cell state c: the conveyor belt through the whole chain', '━━━ 单元状态 c：贯穿整条链的“传送带”'),
    inLang(lang, '─── the hidden state h, also passed on and read by the gates', '─── 隐藏状态 h：同样向后传，并被各个门读取'),
  );
  return lines;
}

/** One LSTM cell: the belt on top, the three σ gates and the tanh candidate below. */
export function drawCell(o: DrawOptions): string[] {
  const { lang } = o;
  const g = new Grid();
  const cf = 10; // forget gate column
  const ci = 22; // input gate
  const cm = 28; // i·g and the + on the belt
  const cg = 34; // candidate g
  const co = 44; // output gate
  const cb = 54; // where the belt branches down to tanh and the output
  // Row 1: the belt.
  g.put(1, 0, 'cₜ₋₁ ');
  g.hline(1, 5, cb + 6, '━');
  g.put(1, cf - 1, '(×)');
  g.put(1, cm - 1, '(+)');
  g.put(1, cb, '┳');
  g.put(1, cb + 7, '► cₜ');
  // Above the belt: names.
  g.put(0, cf - 1, inLang(lang, 'forget', '遗忘'));
  g.put(0, cm - 1, inLang(lang, 'write', '写入'));
  // Forget gate: straight up into the (×).
  g.put(2, cf, '▲');
  g.vline(cf, 3, 8);
  g.put(4, cf + 2, 'fₜ');
  // Input gate and candidate meet at (×), which feeds the (+).
  g.put(2, cm, '▲');
  g.put(3, cm, '│');
  g.put(4, ci, '┌');
  g.hline(4, ci + 1, cm - 3);
  g.put(4, cm - 2, '►');
  g.put(4, cm - 1, '(×)');
  g.put(4, cm + 2, '◄');
  g.hline(4, cm + 3, cg - 1);
  g.put(4, cg, '┐');
  g.vline(ci, 5, 8);
  g.vline(cg, 5, 8);
  g.put(6, ci + 2, 'iₜ');
  g.put(6, cg + 2, 'gₜ');
  // Output: the belt through tanh, times oₜ, gives hₜ.
  g.put(2, cb, '┃');
  g.put(3, cb - 1, 'tanh');
  g.put(4, cb, '▼');
  g.put(5, co, '┌');
  g.hline(5, co + 1, cb - 3);
  g.put(5, cb - 2, '►');
  g.put(5, cb - 1, '(×)');
  g.hline(5, cb + 2, cb + 6);
  g.put(5, cb + 7, '► hₜ');
  g.vline(co, 6, 8);
  g.put(7, co + 2, 'oₜ');
  // The gate layers.
  const sigma = (c: number) => {
    g.put(9, c - 2, '┌─┴─┐');
    g.put(10, c - 2, '│ σ │');
    g.put(11, c - 2, '└─┬─┘');
  };
  sigma(cf);
  sigma(ci);
  sigma(co);
  g.put(9, cg - 2, '┌──┴─┐');
  g.put(10, cg - 2, '│tanh│');
  g.put(11, cg - 2, '└──┬─┘');
  // All four read [hₜ₋₁, xₜ].
  g.put(12, 0, 'hₜ₋₁ ');
  g.hline(12, 5, co - 1);
  for (const c of [cf, ci, cg]) g.put(12, c, '┴');
  g.put(12, co, '┘');
  g.put(12, 16, '┬');
  g.put(13, 16, '│');
  g.put(14, 15, 'xₜ');
  g.put(13, 19, inLang(lang, 'every gate reads [hₜ₋₁, xₜ]', '每个门都读取 [hₜ₋₁, xₜ]'));
  const lines = g.lines();
  lines.push(
    '',
    inLang(lang, 'σ  a gate layer: numbers between 0 (shut) and 1 (open)', 'σ  门：取值在 0（关）和 1（开）之间'),
    inLang(lang, '(×) multiply elementwise    (+) add elementwise', '(×) 逐元素相乘    (+) 逐元素相加'),
    inLang(lang, 'f forget gate · i input gate · g candidate · o output gate', 'f 遗忘门 · i 输入门 · g 候选值 · o 输出门'),
  );
  return lines;
}
