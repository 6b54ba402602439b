/**
 * Draws Blocks as plain lines of text for a given width and language.
 * Widths are measured with string-width, so Chinese (two columns a character)
 * lines up with English; colour comes from the theme and is off under NO_COLOR.
 */
import { padEnd, padStart } from './layout.js';
import stringWidth from './width.js';
import { tr, type Lang } from '../i18n/index.js';
import type { Block, Cell } from './blocks.js';
import { makeTheme, type Theme } from './style.js';
import { renderVisual } from './figures/index.js';
import { escapeControls, escapeControlsKeepColour } from './sanitize.js';
import { listLines, quoteLines, recordLines, tableFits, type NestedContext } from './render-nested.js';
import { renderStepperFrame, STEPPER_MAX_WIDTH } from './stepper/frame.js';

export interface RenderOptions {
  lang: Lang;
  width?: number;
  theme?: Theme;
}

// Units a line may break between: colour codes, spaces, single wide (CJK) characters, other runs.
// An opening bracket (（《「『【) may not end a line: it is glued to the character or run after it.
const WIDE = '\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffee';
const OPEN = '（《「『【';
const GLUED = `(?:[${OPEN}](?=[^\\s\\u001b]))*`;
const UNIT = new RegExp(
  `(\\u001b\\[[0-9;]*m)|(\\s+)|(${GLUED}(?![${OPEN}][^\\s\\u001b])[${WIDE}])|(${GLUED}[^\\s\\u001b${WIDE}]+)`,
  'g',
);

// Chinese punctuation that must not start a line.
const NO_LINE_START = /^[，。、；：？！）》」』】]/;

/** What to carry to the next line with punctuation that may not start one: the last wide character or the last short word. */
function lastWide(line: string): string {
  // The last wide character or short word, with the opening brackets before it and any closing brackets after it: "换）" in "（替换）".
  const m = /[（《「『【]*(?:[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffee]|[^\s\u001b\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffee]{1,24})[）》」』】)\]]*$/.exec(line);
  if (!m || NO_LINE_START.test(m[0][0]) || m.index === 0 || /^\s*$/.test(line.slice(0, m.index))) return '';
  return m[0];
}

/**
 * Wraps to `width` columns, keeping the line's own leading spaces;
 * continuation lines get `indent`. Breaks at spaces and between Chinese
 * characters (which have no spaces), measuring with string-width.
 */
export function wrap(s: string, width: number, indent = ''): string[] {
  const lead = /^ */.exec(s)![0];
  const lines: string[] = [];
  let line = lead;
  let w = lead.length;
  let max = Math.max(10, width);
  let started = false;
  const push = () => {
    lines.push(line.trimEnd());
    line = indent;
    w = stringWidth(indent);
    max = Math.max(10, width);
    started = false;
  };
  let pending = 0; // spaces seen since the last word: written only if the next word fits after them
  for (const m of s.slice(lead.length).matchAll(UNIT)) {
    const unit = m[0];
    if (m[1]) {
      line += unit;
      continue;
    }
    if (m[2]) {
      const n = unit.replace(/[^ ]/g, ' ').length;
      // Spaces before the first visible character (after a colour code) are indentation: keep them.
      if (!started && lines.length === 0) {
        line += ' '.repeat(n);
        w += n;
      } else if (started) pending += n;
      continue;
    }
    let uw = stringWidth(unit);
    if (started && w + pending + uw > max) {
      // Chinese punctuation may not start a line: carry the character (or short word) before it along, if it fits.
      const candidate = m[3] && NO_LINE_START.test(unit) && !pending ? lastWide(line) : '';
      const carry = candidate && stringWidth(indent) + stringWidth(candidate) + uw <= max ? candidate : '';
      if (carry) line = line.slice(0, -carry.length);
      push();
      if (carry) {
        line += carry;
        w += stringWidth(carry);
      }
    }
    else if (pending) {
      line += ' '.repeat(pending);
      w += pending;
    }
    pending = 0;
    let rest = unit;
    // A single run longer than the line: cut it.
    while (w + uw > max && rest.length > 1) {
      let cut = '';
      for (const ch of rest) {
        if (w + stringWidth(cut + ch) > max) break;
        cut += ch;
      }
      if (!cut) {
        push();
        continue;
      }
      line += cut;
      push();
      rest = rest.slice(cut.length);
      uw = stringWidth(rest);
    }
    line += rest;
    w += uw;
    started = true;
  }
  lines.push(line.trimEnd());
  return lines;
}

const MARKED = /\uE000([^\uE001]*)\uE001/g;

function markSelected(s: string, th: Theme): string {
  return s.replace(MARKED, (_, v: string) => (th.color ? th.chalk.inverse(v) : v));
}

export function renderBlocks(blocks: readonly Block[], opts: RenderOptions): string[] {
  // Callers nest renders (a list item inside a list): honour narrow widths too.
  const width = Math.max(10, opts.width ?? 80);
  const th = opts.theme ?? makeTheme();
  // Cells may carry what the student typed or what mathjs said: their controls are shown escaped, before styling.
  const t = (c: Cell) => escapeControls(tr(opts.lang, c));
  const draw = (bs: readonly Block[], w: number, depth: number): string[] => bs.flatMap((b) => drawBlock(b, { width: w, depth, theme: th, text: t, wrap, draw: inside, lang: opts.lang }));
  // Inside a list item or a quote the item's own indent replaces the two columns formulas, code and tables are indented by.
  const inside = (bs: readonly Block[], w: number, depth: number): string[] =>
    bs.flatMap((b) => {
      if (b.kind === 'table' && b.narrow === 'records' && !tableFits(b, w, t)) return draw([b], w, depth);
      if (b.kind === 'formula' || b.kind === 'code' || b.kind === 'table') return draw([b], w + 2, depth).map((l) => l.replace(/^((?:\u001b\[[0-9;]*m)*) {2}/, '$1'));
      return draw([b], w, depth);
    });
  // Raw lines and views are drawn by nnlearn but may quote untrusted text: only colour codes pass.
  return draw(blocks, width, 0).map(escapeControlsKeepColour);
}

/** One Block as lines; `c.depth` counts the lists and quotes around it. */
function drawBlock(b: Block, c: NestedContext & { lang: Lang }): string[] {
  const { width, theme: th, text: t } = c;
  const out: string[] = [];
  switch (b.kind) {
    case 'title':
      out.push(...wrap(th.title(t(b.text)), width));
      break;
    case 'text': {
      const style = b.tone ? th[b.tone] : (s: string) => s;
      for (const para of t(b.text).split('\n')) out.push(...wrap(style(para), width));
      break;
    }
    case 'formula':
      if (b.label) out.push(...wrap(th.label(t(b.label)), width));
      // A selected variable's number (bracketed by formula.ts's marks) is shown inverse; without colour the marks go (its row says which).
      for (const l of b.lines) out.push(...wrap('  ' + th.formula(markSelected(t(l), th)), width, '    '));
      break;
    case 'facts': {
      const labels = b.rows.map((r) => t(r.label));
      const lw = Math.min(Math.max(...labels.map((l) => stringWidth(l)), 0), Math.floor(width / 2));
      b.rows.forEach((r, i) => {
        const pad = ' '.repeat(lw + 4);
        const value = wrap(th.value(t(r.value)), width - pad.length);
        const lead = r.selected ? th.accent('›') + ' ' : '  ';
        const label = r.selected ? th.accent(padEnd(labels[i], lw)) : th.label(padEnd(labels[i], lw));
        out.push(`${lead}${label}  ${r.selected ? th.chalk.inverse(value[0]) : value[0]}`, ...value.slice(1).map((l) => pad + l));
      });
      break;
    }
    case 'warning':
      out.push(...wrap(th.warn(`! ${t(b.text)}`), width, '  '));
      break;
    case 'error':
      if (b.line !== undefined && b.column !== undefined) {
        // The typed line, its controls escaped; the caret moves with the text the escapes lengthen.
        const esc = (s: string) => escapeControls(s, { singleLine: true });
        const line = esc(b.line);
        const column = esc(b.line.slice(0, b.column)).length;
        const length = b.length === undefined ? undefined : esc(b.line.slice(b.column, b.column + b.length)).length;
        const shown = stringWidth(line) > width - 4 ? clipAround(line, column, width - 4) : { text: line, column };
        out.push('  ' + shown.text);
        const pad = stringWidth(shown.text.slice(0, shown.column));
        out.push('  ' + ' '.repeat(pad) + th.error('^'.repeat(Math.max(1, Math.min(length ?? 1, width - 4 - pad)))));
      }
      out.push(...wrap(th.error(t(b.text)), width, '  '));
      break;
    case 'table':
      out.push(...(b.narrow === 'records' && !tableFits(b, width, t) ? recordLines(b, c) : renderTable(b, width, th, t)));
      break;
    case 'list':
      out.push(...listLines(b, c));
      break;
    case 'quote':
      out.push(...quoteLines(b, c));
      break;
    case 'code':
      for (const l of b.lines) out.push(...wrap('  ' + th.accent(escapeControls(l)), width, '    '));
      break;
    case 'spacer':
      out.push('');
      break;
    case 'raw':
      out.push(...b.lines);
      break;
    case 'stepper':
      out.push(...renderStepperFrame(b.state, b.data, { lang: c.lang, width: Math.min(width, STEPPER_MAX_WIDTH), theme: th, precision: b.precision, channel: b.channel }));
      break;
    default:
      out.push(...renderVisual(b, { lang: c.lang, width, theme: th }));
  }
  return out;
}

/** Shows the part of a long line around the column the caret points at, measured in display columns. */
function clipAround(line: string, column: number, width: number): { text: string; column: number } {
  const chars = [...line.slice(0, column)].length;
  const all = [...line];
  // Walk back from the caret until half the width is used, then forward to fill it.
  let start = chars;
  let used = 0;
  while (start > 0 && used + stringWidth(all[start - 1]) <= Math.floor(width / 2)) used += stringWidth(all[--start]);
  let end = chars;
  let total = used;
  while (end < all.length && total + stringWidth(all[end]) <= width - 2) total += stringWidth(all[end++]);
  const head = start > 0 ? '…' : '';
  const tail = end < all.length ? '…' : '';
  const text = head + all.slice(start, end).join('') + tail;
  return { text, column: head.length + all.slice(start, chars).join('').length };
}

function renderTable(b: Extract<Block, { kind: 'table' }>, width: number, th: Theme, t: (c: Cell) => string): string[] {
  const rows = b.rows.map((r) => r.map(t));
  const head = b.head.map(t);
  const foot = b.foot?.map(t);
  const all = [head, ...rows, ...(foot ? [foot] : [])];
  const n = head.length;
  const widths = Array.from({ length: n }, (_, c) => Math.max(...all.map((r) => stringWidth(r[c] ?? ''))));
  // Too wide: shrink the widest left-aligned column, truncating its cells.
  const total = () => widths.reduce((a, w) => a + w, 0) + 2 * (n - 1) + 2;
  while (total() > width) {
    let widest = 0;
    for (let c = 1; c < n; c++) if ((b.align?.[c] ?? 'left') === 'left' && widths[c] > widths[widest]) widest = c;
    if (widths[widest] <= 6) break;
    widths[widest]--;
  }
  const fit = (s: string, w: number) => (stringWidth(s) <= w ? s : truncate(s, w));
  const line = (cells: string[], style?: (s: string) => string) =>
    '  ' +
    cells
      .map((cell, c) => {
        const s = fit(cell ?? '', widths[c]);
        const padded = (b.align?.[c] ?? 'left') === 'right' ? padStart(s, widths[c]) : padEnd(s, widths[c]);
        return style ? style(padded) : padded;
      })
      .join('  ')
      .trimEnd();
  const rule = '  ' + widths.map((w) => '─'.repeat(w)).join('  ');
  const out = [line(head, th.label), th.muted(rule), ...rows.map((r) => line(r))];
  if (foot) out.push(th.muted(rule), line(foot, th.value));
  return out;
}

function truncate(s: string, w: number): string {
  let out = '';
  for (const ch of s) {
    if (stringWidth(out + ch) > w - 1) break;
    out += ch;
  }
  return out + '…';
}
