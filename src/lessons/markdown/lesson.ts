/**
 * Markdown notes → a Lesson: one step per heading (its breadcrumbs as the
 * title), the section's content drawn as Blocks, and an offer of nnlearn's
 * own lesson and REPL command where a formula or topic is one it teaches.
 */
import { basename, extname } from 'node:path';
import { msg, type Msg } from '../../i18n/index.js';
import { allSpecs } from '../../repl/commands/index.js';
import { parseLine } from '../../repl/parser.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson, Step, Topic } from '../types.js';
import { nodesBlocks, nodesText } from './blocks.js';
import { matchKnown, offerMsg, type KnownMatch } from './known.js';
import { notesDoc, parseMarkdown, type NotesDoc, type NotesSection } from './parse.js';

export const CRUMB_SEP = ' › ';
/** Offers shown under one section at most. */
export const MAX_OFFERS = 2;

export interface NotesSectionView {
  /** The step's title: "CNN › 层构成 › 卷积层". */
  title: string;
  crumbs: string[];
  depth: number;
  /** Known formulas and topics found in it. */
  offers: KnownMatch[];
  /** Its content as Blocks (the view lays them out for the width and language). */
  blocks(): Block[];
}

export interface NotesLesson {
  lesson: Lesson;
  doc: NotesDoc;
  /** One per step, in order (the first may be the front matter and text before the first heading). */
  sections: NotesSectionView[];
}

export interface NotesLessonOptions {
  /** The file's path or name: its stem makes the id ("notes/<stem>"). */
  file: string;
  /** Whether the REPL has a command line (default: it parses with the REPL's own parser). */
  replHas?: (line: string) => boolean;
}

const replCache = new Map<string, boolean>();

/** Whether a REPL line parses as a registered command (commands being added later show up by themselves). */
export function replHas(line: string): boolean {
  let ok = replCache.get(line);
  if (ok === undefined) {
    try {
      ok = parseLine(line, allSpecs()).kind === 'command';
    } catch {
      ok = false;
    }
    replCache.set(line, ok);
  }
  return ok;
}

export function fileStem(file: string): string {
  const base = basename(file);
  const ext = extname(base);
  const stem = (ext && ext !== base ? base.slice(0, -ext.length) : base).trim();
  return stem || 'notes';
}

/**
 * @param above rules already offered by the sections this one is under: offered again only for a formula.
 */
function sectionView(s: NotesSection, doc: NotesDoc, has: (line: string) => boolean, above: ReadonlySet<string>): NotesSectionView {
  const facts = nodesText(s.nodes);
  const offers = matchKnown({ heading: s.heading, crumbs: s.crumbs.slice(0, -1), text: facts.text, formulas: facts.formulas }, 8)
    .filter((m) => m.via === 'formula' || !above.has(m.rule.id))
    .slice(0, MAX_OFFERS);
  return {
    title: s.crumbs.join(CRUMB_SEP),
    crumbs: s.crumbs,
    depth: s.depth,
    offers,
    blocks() {
      const blocks = nodesBlocks(s.nodes, { definitions: doc.definitions });
      if (blocks.length === 0) {
        blocks.push({
          kind: 'text',
          tone: 'muted',
          text: s.subsections.length
            ? msg(`(No text under this heading; its sections come next: ${s.subsections.join(', ')}.)`, `（这个标题下没有正文；接下来是它的小节：${s.subsections.join('、')}。）`)
            : msg('(No text under this heading.)', '（这个标题下没有正文。）'),
        });
      }
      blocks.push(...offerBlocks(offers, has));
      return blocks;
    },
  };
}

function offerBlocks(offers: readonly KnownMatch[], has: (line: string) => boolean): Block[] {
  if (offers.length === 0) return [];
  return [{ kind: 'spacer' }, ...offers.map((m): Block => ({ kind: 'text', tone: 'ok', text: offerMsg(m, m.rule.repl && has(m.rule.repl) ? m.rule.repl : undefined) }))];
}

/** The most common topic among the offers (a Lesson needs one); 'dnn' when nothing matched. */
function guessTopic(sections: readonly NotesSectionView[]): Topic {
  const count = new Map<Topic, number>();
  for (const s of sections) for (const m of s.offers) count.set(m.rule.topic, (count.get(m.rule.topic) ?? 0) + 1);
  let best: Topic = 'dnn';
  let n = 0;
  for (const [t, c] of count) if (c > n) [best, n] = [t, c];
  return best;
}

function stepOf(v: NotesSectionView): Step {
  return {
    kind: 'diagram',
    title: msg(v.title, v.title),
    blocks: () => v.blocks(),
  };
}

/** Builds the lesson from markdown text. Never throws on any text. */
export function notesLesson(source: string, o: NotesLessonOptions): NotesLesson {
  const has = o.replHas ?? replHas;
  const doc = notesDoc(parseMarkdown(source));
  const stem = fileStem(o.file);
  const name = basename(o.file);
  const open: { depth: number; rules: Set<string> }[] = [];
  const sections = doc.sections.map((s) => {
    while (open.length && open[open.length - 1].depth >= s.depth) open.pop();
    const above = new Set(open.flatMap((x) => [...x.rules]));
    const view = sectionView(s, doc, has, above);
    open.push({ depth: s.depth, rules: new Set([...above, ...view.offers.map((m) => m.rule.id)]) });
    return view;
  });
  const titleField = doc.fields.find((f) => f.key.toLowerCase() === 'title')?.value;
  const h1 = doc.sections.filter((s) => s.depth === 1);
  const title = titleField || (h1.length === 1 ? h1[0].heading : stem);

  // Front matter and text before the first heading make a first step of their own.
  const shownFields = doc.fields.filter((f) => f.key.toLowerCase() !== 'title' || !titleField);
  const intro = doc.preamble.length > 0 || shownFields.length > 0 || doc.frontRaw !== undefined || sections.length === 0;
  if (intro) {
    const facts = nodesText(doc.preamble);
    const offers = matchKnown({ heading: '', crumbs: [], text: facts.text, formulas: facts.formulas }, MAX_OFFERS);
    sections.unshift({
      title,
      crumbs: [title],
      depth: 0,
      offers,
      blocks() {
        const blocks: Block[] = [];
        if (shownFields.length) blocks.push({ kind: 'facts', rows: shownFields.map((f) => ({ label: f.key, value: f.value })) });
        if (doc.frontRaw) blocks.push({ kind: 'code', lines: doc.frontRaw.split('\n') });
        const body = nodesBlocks(doc.preamble, { definitions: doc.definitions });
        if (blocks.length && body.length) blocks.push({ kind: 'spacer' });
        blocks.push(...body);
        if (blocks.length === 0) blocks.push({ kind: 'text', tone: 'muted', text: msg('(These notes have no text to show.)', '（这份笔记没有可显示的正文。）') });
        blocks.push(...offerBlocks(offers, has));
        return blocks;
      },
    });
  }

  const n = doc.sections.length;
  const tags = doc.fields.find((f) => f.key.toLowerCase() === 'tags')?.value;
  const summary: Msg = msg(
    `Your notes ${name}: ${n} ${n === 1 ? 'section' : 'sections'}, one step each${tags ? ` (tags: ${tags})` : ''}.`,
    `你的笔记 ${name}：共 ${n} 节，每节一步${tags ? `（标签：${tags}）` : ''}。`,
  );
  const lesson: Lesson = {
    id: `notes/${stem}`,
    topic: guessTopic(sections),
    title: msg(title, title),
    summary,
    section: name,
    steps: sections.map(stepOf),
  };
  return { lesson, doc, sections };
}
