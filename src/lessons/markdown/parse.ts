/**
 * Markdown notes → sections, one per heading, with a real CommonMark parser
 * (micromark, via mdast-util-from-markdown) and its extensions for math
 * ($…$, $$…$$), GFM tables and YAML/TOML front matter.
 */
import type { Definition, Heading, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { mathFromMarkdown } from 'mdast-util-math';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { math } from 'micromark-extension-math';
import { texToUnicode } from '../tex.js';

export interface FrontField {
  key: string;
  value: string;
}

export interface NotesSection {
  /** 1–6. */
  depth: number;
  /** The heading as plain text (inline math as Unicode). */
  heading: string;
  /** The headings above it and itself: ["CNN", "层构成", "卷积层"]. */
  crumbs: string[];
  /** Everything between this heading and the next one. */
  nodes: RootContent[];
  /** Headings of the sections directly below this one. */
  subsections: string[];
}

export interface NotesDoc {
  /** Front matter fields, in order (tags, title, …). */
  fields: FrontField[];
  /** Front matter that is not simple `key: value` lines, as written. */
  frontRaw?: string;
  /** What comes before the first heading. */
  preamble: RootContent[];
  sections: NotesSection[];
  /** Link and image reference definitions ([id]: url), by normalised label. */
  definitions: ReadonlyMap<string, Definition>;
}

export function parseMarkdown(source: string): Root {
  return fromMarkdown(source, {
    extensions: [math(), gfmTable(), frontmatter(['yaml', 'toml'])],
    mdastExtensions: [mathFromMarkdown(), gfmTableFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
  });
}

export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Inline content as one line of plain text (headings, table cells, alt text). */
export function inlineText(nodes: readonly PhrasingContent[], defs?: ReadonlyMap<string, Definition>): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out += n.value;
        break;
      case 'inlineCode':
      case 'html':
        out += n.value;
        break;
      case 'inlineMath':
        out += texToUnicode(n.value).replace(/\n/g, ' ');
        break;
      case 'break':
        out += ' ';
        break;
      case 'image':
        out += n.alt ?? '';
        break;
      case 'imageReference':
        out += n.alt ?? '';
        break;
      case 'link':
      case 'linkReference':
      case 'strong':
      case 'emphasis':
      case 'delete':
        out += inlineText(n.children, defs);
        break;
      default:
        break;
    }
  }
  return out.replace(/\s*\n\s*/g, ' ');
}

/** Simple front matter: `key: value`, `key: [a, b]`, `key:` followed by `- item` lines (YAML) or `key = value` (TOML). */
export function parseFrontMatter(raw: string, toml = false): { fields: FrontField[]; rest: string[] } {
  const fields: FrontField[] = [];
  const rest: string[] = [];
  const unquote = (v: string) => v.trim().replace(/^(["'])(.*)\1$/, '$2');
  const listValue = (v: string) =>
    v
      .trim()
      .replace(/^\[(.*)\]$/, '$1')
      .split(',')
      .map(unquote)
      .filter((x) => x !== '')
      .join(', ');
  let open: FrontField | undefined;
  for (const line of raw.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s*(.*)$/.exec(line) ?? (open ? /^-\s+(.*)$/.exec(line) : null);
    if (item && open) {
      open.value = open.value ? `${open.value}, ${unquote(item[1])}` : unquote(item[1]);
      continue;
    }
    const kv = toml ? /^([A-Za-z0-9_.\-\u4e00-\u9fff]+)\s*=\s*(.*)$/.exec(line) : /^([^\s:#][^:]*?)\s*:(?:\s+(.*)|\s*)$/.exec(line);
    if (kv && !/^\s/.test(line)) {
      const value = kv[2] ?? '';
      open = { key: kv[1].trim(), value: value.trim().startsWith('[') ? listValue(value) : unquote(value) };
      fields.push(open);
      continue;
    }
    open = undefined;
    rest.push(line);
  }
  return { fields: fields.filter((f) => f.value !== '' || f.key !== ''), rest };
}

function collectDefinitions(root: Root, into: Map<string, Definition>): void {
  // Without recursion: notes may nest deeply.
  const stack: (Root | RootContent)[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'definition') {
      const key = normalizeLabel(node.label ?? node.identifier);
      if (!into.has(key)) into.set(key, node);
    }
    if ('children' in node) for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k] as RootContent);
  }
}

/** Splits a parsed document at its headings. */
export function notesDoc(tree: Root): NotesDoc {
  const definitions = new Map<string, Definition>();
  collectDefinitions(tree, definitions);
  const fields: FrontField[] = [];
  const rawRest: string[] = [];
  const preamble: RootContent[] = [];
  const sections: NotesSection[] = [];
  // The open heading at each depth, for breadcrumbs.
  const stack: { depth: number; heading: string; section: NotesSection }[] = [];
  for (const node of tree.children) {
    if (node.type === 'yaml' || (node.type as string) === 'toml') {
      const { fields: f, rest } = parseFrontMatter((node as { value: string }).value, node.type !== 'yaml');
      fields.push(...f);
      rawRest.push(...rest);
      continue;
    }
    if (node.type === 'heading') {
      const h = node as Heading;
      const heading = inlineText(h.children, definitions).trim() || '…';
      while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop();
      const parent = stack[stack.length - 1];
      const section: NotesSection = { depth: h.depth, heading, crumbs: [...stack.map((s) => s.heading), heading], nodes: [], subsections: [] };
      parent?.section.subsections.push(heading);
      stack.push({ depth: h.depth, heading, section });
      sections.push(section);
      continue;
    }
    if (sections.length) sections[sections.length - 1].nodes.push(node);
    else preamble.push(node);
  }
  return { fields, frontRaw: rawRest.length ? rawRest.join('\n') : undefined, preamble, sections, definitions };
}
