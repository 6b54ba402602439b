/**
 * A section of notes (mdast nodes) → Blocks, the view model every screen
 * draws. Paragraphs, formulas, tables and code become the shared Blocks;
 * lists and quotes, which nest, are drawn here as lines for the given width
 * (the shared renderer has no nesting), so they come out as 'raw' Blocks.
 */
import type { Blockquote, Definition, List, Paragraph, PhrasingContent, RootContent, Table } from 'mdast';
import stringWidth from '../../view/width.js';
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import type { Block, Cell } from '../../view/blocks.js';
import { renderBlocks, wrap } from '../../view/render-text.js';
import type { Theme } from '../../view/style.js';
import { texLines, texToUnicode } from '../tex.js';
import { inlineText, normalizeLabel } from './parse.js';

export interface MdRenderOptions {
  lang: Lang;
  width: number;
  theme: Theme;
  definitions?: ReadonlyMap<string, Definition>;
}

/** One line of a paragraph: words, or an image on a line of its own. */
export type InlineLine = { kind: 'text'; text: string } | { kind: 'image'; text: Msg };

const MATH_LANGS = new Set(['math', 'latex', 'tex', 'katex']);
// CJK characters and punctuation: a line break next to them is kept (Chinese has no spaces to stand for it).
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f]/;

/** "[image: alt] url", or "[image] url" when the alt text is empty or just repeats the address. */
export function imageLabel(alt: string | null | undefined, url: string | null | undefined): Msg {
  const a = (alt ?? '').replace(/\s+/g, ' ').trim();
  const u = (url ?? '').trim();
  const named = a !== '' && a !== u;
  const en = named ? `[image: ${a}]` : '[image]';
  const zh = named ? `[图片：${a}]` : '[图片]';
  return u ? msg(`${en} ${u}`, `${zh} ${u}`) : msg(en, zh);
}

/** A paragraph's inline content as lines: soft breaks next to Chinese and hard breaks start a new line; images get their own. */
export function inlineLines(nodes: readonly PhrasingContent[], defs?: ReadonlyMap<string, Definition>): InlineLine[] {
  const lines: InlineLine[] = [];
  let cur = '';
  let pendingBreak = false;
  const flush = () => {
    const t = cur.replace(/[ \t]+/g, ' ').trim();
    if (t !== '') lines.push({ kind: 'text', text: t });
    cur = '';
    pendingBreak = false;
  };
  const add = (s: string) => {
    if (s === '') return;
    if (pendingBreak) {
      const last = cur.trimEnd().slice(-1);
      const first = s.trimStart().slice(0, 1);
      if (cur.trim() !== '' && first !== '' && (CJK.test(last) || CJK.test(first))) flush();
      else if (cur !== '' && !cur.endsWith(' ')) cur += ' ';
      pendingBreak = false;
    }
    cur += s;
  };
  const softBreak = () => {
    pendingBreak = true;
  };
  const walk = (list: readonly PhrasingContent[]) => {
    for (const n of list) {
      switch (n.type) {
        case 'text': {
          const parts = n.value.split(/\r?\n/);
          parts.forEach((p, i) => {
            if (i > 0) softBreak();
            add(i > 0 ? p.trimStart() : p);
          });
          break;
        }
        case 'break':
          flush();
          break;
        case 'inlineMath':
          add(texToUnicode(n.value).replace(/\n/g, ' ').trim());
          break;
        case 'inlineCode':
          add(n.value);
          break;
        case 'html':
          if (/^<br\s*\/?>$/i.test(n.value.trim())) flush();
          else if (!/^<!--[\s\S]*-->$/.test(n.value.trim())) add(n.value);
          break;
        case 'image':
          flush();
          lines.push({ kind: 'image', text: imageLabel(n.alt, n.url) });
          break;
        case 'imageReference': {
          flush();
          const def = defs?.get(normalizeLabel(n.label ?? n.identifier));
          lines.push({ kind: 'image', text: imageLabel(n.alt, def?.url) });
          break;
        }
        case 'link': {
          const before = cur;
          walk(n.children);
          const shown = cur.slice(before.length).trim();
          if (n.url && !n.url.startsWith('#') && shown !== n.url && shown !== n.url.replace(/^mailto:/, '')) add(` (${n.url})`);
          break;
        }
        case 'linkReference': {
          walk(n.children);
          const def = defs?.get(normalizeLabel(n.label ?? n.identifier));
          if (def?.url && !def.url.startsWith('#')) add(` (${def.url})`);
          break;
        }
        case 'strong':
        case 'emphasis':
        case 'delete':
          walk(n.children);
          break;
        case 'footnoteReference':
          add(`[^${n.label ?? n.identifier}]`);
          break;
        default:
          break;
      }
    }
  };
  walk(nodes);
  flush();
  return lines;
}

/** A paragraph that is nothing but math ($$…$$ written on one line, or $…$ alone): shown as a display formula. */
function onlyMath(p: Paragraph): string[] | null {
  const maths = p.children.filter((c) => c.type === 'inlineMath');
  if (maths.length === 0) return null;
  const rest = p.children.filter((c) => c.type !== 'inlineMath');
  if (!rest.every((c) => (c.type === 'text' && c.value.trim() === '') || c.type === 'break')) return null;
  return maths.flatMap((m) => texLines((m as { value: string }).value));
}

function paragraphBlocks(p: Paragraph, o: MdRenderOptions): Block[] {
  const formula = onlyMath(p);
  if (formula) return formula.length ? [{ kind: 'formula', lines: formula }] : [];
  const blocks: Block[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.length) blocks.push({ kind: 'text', text: text.join('\n') });
    text = [];
  };
  for (const l of inlineLines(p.children, o.definitions)) {
    if (l.kind === 'text') text.push(l.text);
    else {
      flush();
      blocks.push({ kind: 'text', text: l.text, tone: 'muted' });
    }
  }
  flush();
  return blocks;
}

// The shared table renderer shrinks left-aligned columns down to this many columns, no further.
const MIN_COLUMN = 6;

function tableBlock(t: Table, o: MdRenderOptions): Block[] {
  const rows = t.children.map((r) => r.children.map((c) => inlineText(c.children, o.definitions).trim()));
  if (rows.length === 0) return [];
  const n = Math.max(...rows.map((r) => r.length), 1);
  const fill = (r: string[]) => Array.from({ length: n }, (_, i) => r[i] ?? '');
  const [head, ...body] = rows.map(fill);
  const align = Array.from({ length: n }, (_, i): 'left' | 'right' => (t.align?.[i] === 'right' ? 'right' : 'left'));
  // Narrowest the shared renderer can draw it: right-aligned columns keep their width.
  const natural = (c: number) => Math.max(...[head, ...body].map((r) => stringWidth(r[c])));
  let least = 2 + 2 * (n - 1);
  for (let c = 0; c < n; c++) least += align[c] === 'right' ? natural(c) : Math.min(natural(c), MIN_COLUMN);
  if (least <= Math.max(40, o.width)) return [{ kind: 'table', head, rows: body, align }];
  // Too many columns for the terminal: one record per row, "heading: value" lines.
  return [{ kind: 'raw', lines: recordLines(head, body, Math.max(40, o.width)) }];
}

/** A table too wide to draw, as records: each row a bullet, each cell "column: value". */
export function recordLines(head: readonly string[], body: readonly (readonly string[])[], width: number): string[] {
  const out: string[] = [];
  for (const row of body) {
    row.forEach((cell, c) => {
      const label = head[c] ? `${head[c]}: ` : '';
      const lines = wrap(label + cell, width - 4);
      lines.forEach((l, k) => out.push(((c === 0 && k === 0 ? '  • ' : '    ') + l).trimEnd()));
    });
  }
  return out;
}

function isComment(html: string): boolean {
  return /^<!--[\s\S]*-->$/.test(html.trim());
}

/** One block-level node as Blocks. Lists and quotes are drawn for o.width (≥ 40, like the shared renderer). */
export function nodeBlocks(node: RootContent, o: MdRenderOptions): Block[] {
  const width = Math.max(40, o.width);
  switch (node.type) {
    case 'paragraph':
      return paragraphBlocks(node, o);
    case 'math': {
      const lines = texLines(node.value);
      return lines.length ? [{ kind: 'formula', lines }] : [];
    }
    case 'code': {
      if (node.lang && MATH_LANGS.has(node.lang.toLowerCase())) {
        const lines = texLines(node.value);
        return lines.length ? [{ kind: 'formula', lines }] : [];
      }
      const lines = node.value.replace(/\t/g, '    ').split('\n');
      return lines.length === 1 && lines[0] === '' ? [] : [{ kind: 'code', lines }];
    }
    case 'list':
      return [{ kind: 'raw', lines: listLines(node, o, width, 0) }];
    case 'blockquote':
      return [{ kind: 'raw', lines: quoteLines(node, o, width, true) }];
    case 'table':
      return tableBlock(node, o);
    case 'thematicBreak':
      return [{ kind: 'text', text: '─'.repeat(24), tone: 'muted' }];
    case 'html':
      if (isComment(node.value) || node.value.trim() === '') return [];
      return [{ kind: 'text', text: node.value.trim(), tone: 'muted' }];
    case 'heading':
      // Only inside lists and quotes (top-level headings start sections).
      return [{ kind: 'title', text: inlineText(node.children, o.definitions).trim() }];
    default:
      // definitions, front matter, footnote definitions: nothing to show.
      return [];
  }
}

/** Blocks for a run of nodes. */
export function nodesBlocks(nodes: readonly RootContent[], o: MdRenderOptions): Block[] {
  return nodes.flatMap((n) => nodeBlocks(n, o));
}

/** Lists and quotes nested deeper than this are shown as their plain words. */
const MAX_NEST = 48;

/** The words under a node, without recursion (any depth). */
function plainWords(node: RootContent): string {
  const out: string[] = [];
  const stack: RootContent[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if ('value' in n && typeof n.value === 'string' && n.type !== 'html') out.push(n.value);
    else if ('children' in n) for (let k = n.children.length - 1; k >= 0; k--) stack.push(n.children[k] as RootContent);
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

/** A node drawn as lines within `width` columns (for list items and quotes). */
function nodeLines(node: RootContent, o: MdRenderOptions, width: number, depth: number): string[] {
  const th = o.theme;
  if (depth > MAX_NEST && (node.type === 'list' || node.type === 'blockquote')) {
    const words = plainWords(node);
    return words ? wrap(words, width) : [];
  }
  switch (node.type) {
    case 'list':
      return listLines(node, o, width, depth);
    case 'blockquote':
      return quoteLines(node, o, width, false, depth);
    case 'paragraph': {
      const formula = onlyMath(node);
      if (formula) return formula.flatMap((l) => wrap(th.formula(l), width, '  '));
      return inlineLines(node.children, o.definitions).flatMap((l) => (l.kind === 'text' ? wrap(l.text, width) : wrap(th.muted(tr(o.lang, l.text)), width)));
    }
    default: {
      return nodeBlocks(node, { ...o, width }).flatMap((b) => {
        // The shared renderer indents formulas, code and tables by two; inside an item that is done already.
        if (b.kind === 'formula' || b.kind === 'code' || b.kind === 'table') {
          return renderBlocks([b], { lang: o.lang, width: width + 2, theme: th }).map((l) => l.replace(/^((?:\u001b\[[0-9;]*m)*) {2}/, '$1'));
        }
        return renderBlocks([b], { lang: o.lang, width, theme: th });
      });
    }
  }
}

const BULLETS = ['•', '◦', '▪', '▫'];

/** A list, nested lists indented under their item, ordered lists numbered as written. */
export function listLines(list: List, o: MdRenderOptions, width: number, depth: number): string[] {
  const start = list.start ?? 1;
  const markers = list.children.map((_, i) => (list.ordered ? `${start + i}.` : BULLETS[depth % BULLETS.length]));
  const mw = Math.max(...markers.map((m) => stringWidth(m)), 1) + 1;
  // The top level lines up with the shared renderer's lists ("  • item").
  let lead = depth === 0 ? '  ' : '';
  if (width - lead.length - mw < 20) lead = '';
  const flat = width - mw < 10;
  const out: string[] = [];
  list.children.forEach((item, i) => {
    const first = flat ? '' : lead + markers[i].padEnd(mw);
    const cont = flat ? '' : ' '.repeat(stringWidth(first));
    const inner = Math.max(10, width - stringWidth(first));
    const check = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
    const lines: string[] = [];
    for (const child of item.children) lines.push(...nodeLines(child, o, inner, depth + 1));
    if (lines.length === 0) lines.push('');
    if (check) lines[0] = check + lines[0];
    lines.forEach((l, k) => out.push(l === '' && k > 0 ? '' : (k === 0 ? first : cont) + l));
  });
  return out.map((l) => l.trimEnd());
}

/** A block quote: its content behind a bar. */
export function quoteLines(q: Blockquote, o: MdRenderOptions, width: number, top: boolean, depth = 0): string[] {
  const bar = width - 2 < 10 ? '' : (top && width >= 30 ? '  ' : '') + '│ ';
  const inner = Math.max(10, width - stringWidth(bar));
  const lines: string[] = [];
  for (const child of q.children) lines.push(...nodeLines(child, o, inner, depth + 1));
  return lines.map((l) => `${o.theme.muted(bar)}${o.theme.muted(l)}`.trimEnd());
}

/** The words of some nodes, for matching known formulas and topics (lower case). */
export function nodesText(nodes: readonly RootContent[]): { text: string; formulas: string[] } {
  const text: string[] = [];
  const formulas: string[] = [];
  // Depth-first, in document order, without recursion (notes may nest deeply).
  const stack: RootContent[] = [...nodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    switch (n.type) {
      case 'math':
      case 'inlineMath':
        formulas.push(n.value);
        text.push(texToUnicode(n.value));
        break;
      case 'code':
        if (n.lang && MATH_LANGS.has(n.lang.toLowerCase())) formulas.push(n.value);
        break;
      case 'text':
      case 'inlineCode':
        text.push(n.value);
        break;
      case 'image':
        text.push(n.alt ?? '');
        break;
      default:
        if ('children' in n) for (let k = n.children.length - 1; k >= 0; k--) stack.push(n.children[k] as RootContent);
    }
  }
  return { text: text.join(' ').toLowerCase(), formulas };
}

export type { Cell };
