/**
 * The text a character model generates, as it is now. The sample is the
 * model's output, not nnlearn's: every control character is shown escaped
 * (\e, \x07, \u202e — see view/sanitize.ts), tabs as ⇥, newlines start a new line.
 * Lines are cut by display columns (a Chinese character takes two and is never
 * split), not at spaces: the student sees exactly what the model wrote, spaces included.
 * With colour the prompt is set apart from what the model added.
 */
import { msg, tr } from '../../i18n/index.js';
import { sw, truncate } from '../layout.js';
import { escapeControls } from '../sanitize.js';
import { fit, themeOf, widthOf } from './train-common.js';
import type { SampleData, TrainFigOptions } from './train-types.js';

interface Glyph {
  s: string;
  w: number;
  prompt: boolean;
}

/** What each character of the text shows as: an escape for a control, ⇥ for a tab, a line break for a newline. */
function glyphs(text: string, prompt: boolean): (Glyph | 'newline')[] {
  const out: (Glyph | 'newline')[] = [];
  for (const ch of text) {
    if (ch === '\n') out.push('newline');
    else if (ch === '\t') out.push({ s: '⇥', w: 1, prompt });
    else {
      const s = escapeControls(ch);
      out.push({ s, w: sw(s), prompt });
    }
  }
  return out;
}

/** Glyphs into lines of at most `width` columns (an escape like \x07 is kept whole). */
export function wrapColumns(gs: readonly (Glyph | 'newline')[], width: number): Glyph[][] {
  const lines: Glyph[][] = [[]];
  let used = 0;
  for (const g of gs) {
    if (g === 'newline') {
      lines.push([]);
      used = 0;
      continue;
    }
    if (used + g.w > width && used > 0) {
      lines.push([]);
      used = 0;
    }
    lines[lines.length - 1].push(g);
    used += g.w;
  }
  return lines;
}

/** The sample under a title naming the prompt, in at most opts.height lines (default 8; cut with … when longer). */
export function renderSample(sample: SampleData, width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const height = Math.max(2, Math.floor(opts.height ?? 8));
  const shownPrompt = escapeControls(sample.prompt, { singleLine: true });
  const title = tr(opts.lang, msg(`sample (prompt “${shownPrompt}”)`, `生成样例（开头“${shownPrompt}”）`));
  const out = [th.value(truncate(title, w))];
  const lines = wrapColumns([...glyphs(sample.prompt, true), ...glyphs(sample.text, false)], w);
  const room = height - 1;
  const shown = lines.length > room ? lines.slice(0, Math.max(0, room - 1)) : lines;
  for (const l of shown) {
    let s = '';
    let run = '';
    let runPrompt = false;
    const flush = () => {
      if (run) s += runPrompt ? th.accent(run) : run;
      run = '';
    };
    for (const g of l) {
      if (g.prompt !== runPrompt) {
        flush();
        runPrompt = g.prompt;
      }
      run += g.s;
    }
    flush();
    out.push(s);
  }
  if (shown.length < lines.length) out.push(th.muted(tr(opts.lang, msg(`… (${lines.length - shown.length} more lines)`, `…（还有 ${lines.length - shown.length} 行）`))));
  return fit(out, w);
}
