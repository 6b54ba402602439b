/**
 * A section of notes (mdast nodes) → Blocks, the view model every screen
 * draws. Paragraphs, formulas, tables and code become the shared Blocks;
 * lists and quotes become nested list and quote Blocks. Nothing here depends
 * on the width or the language: the view lays the Blocks out for both.
 */
import type { Blockquote, Definition, List, Paragraph, PhrasingContent, RootContent, Table } from 'mdast';
import { msg, type Msg } from '../../i18n/index.js';
import type { Block, Cell } from '../../view/blocks.js';
import { texLines, texToUnicode } from '../tex.js';
import { inlineText, normalizeLabel } from './parse.js';

export interface MdBlockOptions {
  /** Link and image definitions ([x]: url), for references to them. */
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

function paragraphBlocks(p: Paragraph, o: MdBlockOptions): Block[] {
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

function tableBlock(t: Table, o: MdBlockOptions): Block[] {
  const rows = t.children.map((r) => r.children.map((c) => inlineText(c.children, o.definitions).trim()));
  if (rows.length === 0) return [];
  const n = Math.max(...rows.map((r) => r.length), 1);
  const fill = (r: string[]) => Array.from({ length: n }, (_, i) => r[i] ?? '');
  const [head, ...body] = rows.map(fill);
  const align = Array.from({ length: n }, (_, i): 'left' | 'right' => (t.align?.[i] === 'right' ? 'right' : 'left'));
  // Too many columns for the terminal: the view shows one record per row, "heading: value" lines.
  return [{ kind: 'table', head, rows: body, align, narrow: 'records' }];
}

function isComment(html: string): boolean {
  return /^<!--[\s\S]*-->$/.test(html.trim());
}

/** Lists and quotes nested deeper than this are shown as their plain words. */
const MAX_NEST = 48;

/**
 * One block-level node as Blocks.
 * @param depth list items and quotes around the node (lists and quotes deeper than MAX_NEST become plain words).
 */
export function nodeBlocks(node: RootContent, o: MdBlockOptions = {}, depth = 0): Block[] {
  if (depth > MAX_NEST && (node.type === 'list' || node.type === 'blockquote')) {
    const words = plainWords(node);
    return words ? [{ kind: 'text', text: words }] : [];
  }
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
      return [listBlock(node, o, depth)];
    case 'blockquote':
      return [quoteBlock(node, o, depth)];
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
export function nodesBlocks(nodes: readonly RootContent[], o: MdBlockOptions = {}): Block[] {
  return nodes.flatMap((n) => nodeBlocks(n, o));
}

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

/** A list: each item's content one level deeper; ordered lists numbered as written, task items checked or not. */
function listBlock(list: List, o: MdBlockOptions, depth: number): Block {
  const items = list.children.map((item) => ({
    blocks: item.children.flatMap((child) => nodeBlocks(child as RootContent, o, depth + 1)),
    ...(typeof item.checked === 'boolean' ? { checked: item.checked } : {}),
  }));
  return list.ordered ? { kind: 'list', ordered: true, start: list.start ?? 1, items } : { kind: 'list', items };
}

/** A block quote: its content one level deeper. */
function quoteBlock(q: Blockquote, o: MdBlockOptions, depth: number): Block {
  return { kind: 'quote', blocks: q.children.flatMap((child) => nodeBlocks(child as RootContent, o, depth + 1)) };
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
