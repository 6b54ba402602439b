import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tr, type Lang } from '../../src/i18n/index.js';
import { REQUIRED_IDS } from '../../src/lessons/catalog.js';
import { nodesBlocks } from '../../src/lessons/markdown/blocks.js';
import { runMarkdownLesson } from '../../src/cli/actions/lesson-from-file.js';
import { foldFormula, KNOWN_RULES, matchKnown, offerMsg, type SectionFacts } from '../../src/lessons/markdown/known.js';
import { fileStem, notesLesson, type NotesLesson } from '../../src/lessons/markdown/lesson.js';
import { complexityProblem, decodeNotes, MAX_LINE_NESTING, MAX_NOTES_BYTES } from '../../src/lessons/markdown/load.js';
import { notesDoc, parseFrontMatter, parseMarkdown } from '../../src/lessons/markdown/parse.js';
import { lessonBlocks, stepBlocks } from '../../src/lessons/render.js';
import { allSpecs } from '../../src/repl/commands/index.js';
import { findSpec, parseLine } from '../../src/repl/parser.js';
import type { Block } from '../../src/view/blocks.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';
import { inputsOf, ROOT, runCli } from '../helpers/cli.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'notes');
const FILES = ['cnn-notes.zh.md', 'sequence-models.md', 'edge-cases.md'];
const theme = makeTheme(0);

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function build(name: string): NotesLesson {
  return notesLesson(fixture(name), { file: join(FIXTURES, name) });
}

/** A section's Blocks (the same for every width and language: the view lays them out). */
function blocksOf(n: NotesLesson, title: string): Block[] {
  const s = n.sections.find((x) => x.title === title);
  if (!s) throw new Error(`no section "${title}" in ${n.sections.map((x) => x.title).join(' | ')}`);
  return s.blocks();
}

function textOf(blocks: readonly Block[], lang: Lang = 'en', width = 80): string {
  return renderBlocks(blocks, { lang, width, theme }).join('\n');
}

function formulas(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'formula' ? b.lines.map((l) => tr('en', l)) : []));
}

async function plain(file: string, lang: Lang, width: number): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  try {
    const code = await runMarkdownLesson({ file, lang, plain: true, width, theme });
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('notes → lesson: structure', () => {
  it('one step per heading, plus a first step for front matter and text before the first heading', () => {
    const n = build('cnn-notes.zh.md');
    expect(n.lesson.id).toBe('notes/cnn-notes.zh');
    expect(n.lesson.steps).toHaveLength(n.doc.sections.length + 1);
    expect(n.doc.sections.map((s) => s.depth)).toEqual([1, 2, 3, 4, 4, 3, 1]);
    expect(n.lesson.steps.every((s) => s.kind === 'diagram')).toBe(true);
  });

  it('breadcrumbs: the headings above, joined with ›', () => {
    const n = build('cnn-notes.zh.md');
    expect(n.sections.map((s) => s.title)).toEqual([
      '卷积网络复习笔记',
      '卷积网络',
      '卷积网络 › 层的种类',
      '卷积网络 › 层的种类 › 卷积层',
      '卷积网络 › 层的种类 › 卷积层 › 输出尺寸',
      '卷积网络 › 层的种类 › 卷积层 › 感受野',
      '卷积网络 › 层的种类 › 池化层',
      '全连接网络',
    ]);
    // The step titles are the breadcrumbs, in both languages.
    const step = n.lesson.steps[4];
    expect(step.title).toEqual({ en: '卷积网络 › 层的种类 › 卷积层 › 输出尺寸', zh: '卷积网络 › 层的种类 › 卷积层 › 输出尺寸' });
  });

  it('breadcrumbs like the student notes: CNN › 层构成 › 卷积层, and back up on a higher heading', () => {
    const n = notesLesson('# CNN\n## 层构成\n### 卷积层\n#### 作用\ntext\n### 池化层\n# RNN\n', { file: 'x.md' });
    expect(n.sections.map((s) => s.title)).toEqual(['CNN', 'CNN › 层构成', 'CNN › 层构成 › 卷积层', 'CNN › 层构成 › 卷积层 › 作用', 'CNN › 层构成 › 池化层', 'RNN']);
  });

  it('skipped levels, setext headings, an empty heading and math in a heading', () => {
    const n = build('edge-cases.md');
    expect(n.sections.map((s) => s.title)).toEqual([
      '…',
      'Greek in a heading: α and β₁',
      'Greek in a heading: α and β₁ › Skipped straight to level four',
      'Greek in a heading: α and β₁ › Nothing below this one',
      'Greek in a heading: α and β₁ › Deep lists',
      'Greek in a heading: α and β₁ › Long words',
      'Greek in a heading: α and β₁ › Wide table',
      'Greek in a heading: α and β₁ › Odd math',
    ]);
    const s = build('sequence-models.md');
    expect(s.sections.map((x) => x.title).slice(0, 4)).toEqual(['sequence-models', 'Recurrent networks', 'Recurrent networks › Gradients', 'Recurrent networks › LSTM']);
  });

  it('a heading with nothing under it says so, and names its subsections', () => {
    const n = build('cnn-notes.zh.md');
    const b = blocksOf(n, '卷积网络 › 层的种类 › 卷积层');
    expect(textOf(b, 'zh')).toContain('（这个标题下没有正文；接下来是它的小节：输出尺寸、感受野。）');
    expect(textOf(blocksOf(n, '卷积网络 › 层的种类 › 卷积层'))).toContain('(No text under this heading; its sections come next: 输出尺寸, 感受野.)');
    const e = build('edge-cases.md');
    expect(textOf(blocksOf(e, 'Greek in a heading: α and β₁ › Nothing below this one'))).toContain('(No text under this heading.)');
  });

  it('no headings at all: one step with everything', () => {
    const n = notesLesson('Just a paragraph.\n\n- and a list\n', { file: '/tmp/plain.md' });
    expect(n.lesson.steps).toHaveLength(1);
    expect(n.lesson.id).toBe('notes/plain');
    expect(textOf(n.sections[0].blocks())).toContain('Just a paragraph.');
  });

  it('front matter only: one step showing its fields', () => {
    const n = notesLesson('---\ntags: [a, b]\n---\n', { file: 'fm.md' });
    expect(n.lesson.steps).toHaveLength(1);
    expect(n.sections[0].blocks()[0]).toEqual({ kind: 'facts', rows: [{ label: 'tags', value: 'a, b' }] });
  });

  it('file stems make the id', () => {
    expect(fileStem('/a/b/deep-learning-notes.zh.md')).toBe('deep-learning-notes.zh');
    expect(fileStem('notes.markdown')).toBe('notes');
    expect(fileStem('README')).toBe('README');
    expect(fileStem('.md')).toBe('.md');
  });
});

describe('notes → lesson: front matter', () => {
  it('title, tags and other fields are shown as facts; the title names the lesson', () => {
    const n = build('cnn-notes.zh.md');
    expect(n.lesson.title).toEqual({ en: '卷积网络复习笔记', zh: '卷积网络复习笔记' });
    const b = n.sections[0].blocks();
    expect(b[0]).toEqual({ kind: 'facts', rows: [{ label: 'tags', value: 'cnn, 复习' }, { label: 'author', value: '小林' }] });
    expect(tr('zh', n.lesson.summary)).toBe('你的笔记 cnn-notes.zh.md：共 7 节，每节一步（标签：cnn, 复习）。');
    expect(tr('en', n.lesson.summary)).toBe('Your notes cnn-notes.zh.md: 7 sections, one step each (tags: cnn, 复习).');
  });

  it('the simple YAML and TOML the front matter parser reads', () => {
    expect(parseFrontMatter('tags: basis').fields).toEqual([{ key: 'tags', value: 'basis' }]);
    expect(parseFrontMatter('tags: [a, "b"]\ntitle: \'T\'').fields).toEqual([
      { key: 'tags', value: 'a, b' },
      { key: 'title', value: 'T' },
    ]);
    expect(parseFrontMatter('tags:\n  - x\n  - y\n# comment\nn: 1').fields).toEqual([
      { key: 'tags', value: 'x, y' },
      { key: 'n', value: '1' },
    ]);
    expect(parseFrontMatter('title = "TOML"', true).fields).toEqual([{ key: 'title', value: 'TOML' }]);
    expect(parseFrontMatter('just words').rest).toEqual(['just words']);
    const toml = notesLesson('+++\ntitle = "T"\n+++\n# A\n', { file: 't.md' });
    expect(toml.lesson.title.en).toBe('T');
  });

  it('front matter that is not key: value is shown as written', () => {
    const n = notesLesson('---\n- a list at the top\n---\n# A\n', { file: 'y.md' });
    expect(n.sections[0].blocks()).toContainEqual({ kind: 'code', lines: ['- a list at the top'] });
  });
});

describe('notes → lesson: content', () => {
  it('$$ blocks with \\\\: one formula line each, as Unicode', () => {
    const n = build('cnn-notes.zh.md');
    expect(formulas(blocksOf(n, '卷积网络 › 层的种类 › 卷积层 › 输出尺寸'))).toEqual(['W₂ = (W₁ − F + 2P)/S + 1', 'H₂ = (H₁ − F + 2P)/S + 1', 'D₂ = K']);
    expect(formulas(blocksOf(n, '卷积网络 › 层的种类 › 池化层'))).toEqual(['W₂ = (W₁−F)/S+1']);
    expect(formulas(blocksOf(n, '全连接网络'))).toEqual(['h = σ(xW + b)']);
  });

  it('$$…$$ on one line and ```math fences are display formulas', () => {
    const n = build('sequence-models.md');
    expect(formulas(blocksOf(n, 'Recurrent networks'))).toEqual(['hₜ = tanh(Wₓₕ xₜ + Wₕₕ hₜ₋₁ + b)']);
    expect(formulas(blocksOf(n, 'Recurrent networks › LSTM'))).toEqual(['fₜ = σ(W_f · [hₜ₋₁, xₜ] + b_f)', 'iₜ = σ(Wᵢ · [hₜ₋₁, xₜ] + bᵢ)', 'Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ']);
    expect(formulas(blocksOf(n, 'Attention › Self-attention'))).toEqual(['Attention(Q, K, V) = softmax(QKᵀ/√dₖ)V']);
    // A paragraph that is only inline math is shown as a formula too.
    expect(formulas(blocksOf(n, 'Attention › Positional encoding'))).toEqual(['PE_{(pos, 2i)} = sin(pos / 10000^(2i/d_{model}))']);
  });

  it('the student notes’ formulas, as the notes write them', () => {
    const md = '# DNN\n$$\nh_t=\\sigma(x_t*w_{xt}+b)\n$$\n# RNN\n$$h_t=\\sigma(x_t*w_{xt}+h_{t-1}*w_{ht}+b) $$\n# P\n- 输入数据体 $W_1·H_1·D_1$\n- 空间大小$FF$\n\n得到 8 个输出矩阵$Z_1$到$Z_8$之后\n\n- 单词向量矩阵用$X_{n*d}$\n';
    const n = notesLesson(md, { file: 'n.md' });
    expect(formulas(blocksOf(n, 'DNN'))).toEqual(['hₜ = σ(xₜ·wₓₜ+b)']);
    expect(formulas(blocksOf(n, 'RNN'))).toEqual(['hₜ = σ(xₜ·wₓₜ+hₜ₋₁·wₕₜ+b)']);
    const p = textOf(blocksOf(n, 'P'), 'zh');
    expect(p).toContain('• 输入数据体 W₁·H₁·D₁');
    expect(p).toContain('• 空间大小FF');
    expect(p).toContain('得到 8 个输出矩阵Z₁到Z₈之后');
    expect(p).toContain('• 单词向量矩阵用X_{n·d}');
  });

  it('inline math inside text is Unicode; bold, italic and inline code are plain text', () => {
    const n = build('cnn-notes.zh.md');
    const t = textOf(blocksOf(n, '卷积网络 › 层的种类 › 卷积层 › 输出尺寸'), 'zh');
    expect(t).toContain('输入 W₁ × H₁ × D₁，滤波器 F，步长 S，零填充 P：');
    expect(textOf(blocksOf(n, '卷积网络'))).toContain('图像直接展开成向量，会丢掉空间结构，参数也太多。');
    expect(textOf(blocksOf(n, '卷积网络 › 层的种类 › 卷积层 › 感受野'))).toContain('每个神经元只看输入的一小块：F×F×D 的区域。');
    expect(textOf(n.sections[0].blocks(), 'zh')).toContain('这份笔记是期中复习用的，只写重点。');
  });

  it('images: alt text and address, "[image] url" when the alt is empty or repeats the address', () => {
    const n = build('cnn-notes.zh.md');
    const en = textOf(blocksOf(n, '卷积网络 › 层的种类 › 卷积层 › 输出尺寸'));
    expect(en).toContain('[image] https://example.com/conv-output.png');
    expect(en).toContain('[image: 卷积示意图] https://example.com/conv.png');
    const zh = textOf(blocksOf(n, '卷积网络 › 层的种类 › 卷积层 › 输出尺寸'), 'zh');
    expect(zh).toContain('[图片] https://example.com/conv-output.png');
    expect(zh).toContain('[图片：卷积示意图] https://example.com/conv.png');
    const e = textOf(blocksOf(build('edge-cases.md'), 'Greek in a heading: α and β₁ › Deep lists'));
    expect(e).toContain('• [image] https://example.com/only-an-image.png');
    expect(e).toContain('• [image] https://example.com/alt-is-url.png');
    // Reference-style images find their address.
    expect(textOf(blocksOf(build('sequence-models.md'), 'Recurrent networks'))).toContain('[image: unrolled RNN] https://example.com/rnn-unrolled.png');
  });

  it('images in the middle of a paragraph get a line of their own', () => {
    const n = notesLesson('# A\n第一行\n![](https://x/1.png)\n![b](https://x/2.png)\n第二行\n', { file: 'a.md' });
    const b = blocksOf(n, 'A');
    expect(b).toEqual([
      { kind: 'text', text: '第一行' },
      { kind: 'text', tone: 'muted', text: { en: '[image] https://x/1.png', zh: '[图片] https://x/1.png' } },
      { kind: 'text', tone: 'muted', text: { en: '[image: b] https://x/2.png', zh: '[图片：b] https://x/2.png' } },
      { kind: 'text', text: '第二行' },
    ]);
  });

  it('line breaks: kept next to Chinese, joined with a space in English', () => {
    const n = notesLesson('# A\n长期依赖已经被覆盖\n随着时间片的增加\n\nThese lines wrap\nin the source.\n', { file: 'a.md' });
    expect(blocksOf(n, 'A')).toEqual([
      { kind: 'text', text: '长期依赖已经被覆盖\n随着时间片的增加' },
      { kind: 'text', text: 'These lines wrap in the source.' },
    ]);
  });

  it('nested lists: indented under their item, bullets by level, ordered lists numbered as written', () => {
    const n = build('cnn-notes.zh.md');
    const b = blocksOf(n, '卷积网络 › 层的种类');
    expect(textOf(b.slice(0, 1), 'zh')).toBe(['  1. 输入层', '  2. 卷积层', '     ◦ 滤波器（filter）', '       ▪ 尺寸 F × F', '       ▪ 个数 K', '     ◦ 偏置 b', '  3. 池化层'].join('\n'));
    const s = build('sequence-models.md');
    expect(textOf(blocksOf(s, 'Recurrent networks › Gradients'))).toMatch(/^ {2}3\. Clip exploding gradients\.\n {2}4\. Vanishing gradients need a better cell: see the LSTM post\n {5}\(https:\/\/colah/);
  });

  it('deep lists stay within the width, tasks show their box', () => {
    const e = build('edge-cases.md');
    for (const width of [40, 60, 80]) {
      const lines = renderBlocks(blocksOf(e, 'Greek in a heading: α and β₁ › Deep lists'), { lang: 'en', width, theme });
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(width);
      expect(lines.join('\n')).toContain('│ a quote inside the');
      expect(lines.join('\n')).toContain('• [ ] an unchecked task');
    }
  });

  it('block quotes: behind a bar, with their own lists', () => {
    const n = build('cnn-notes.zh.md');
    const t = textOf(blocksOf(n, '卷积网络 › 层的种类 › 卷积层 › 输出尺寸'), 'zh');
    expect(t).toContain('  │ 注意：如果 (W−F+2P)/S 不是整数，\n  │ 说明超参数设置不合理。');
    expect(t).toContain('  │ ◦ PyTorch 会向下取整');
  });

  it('tables: a table Block with the alignment of each column', () => {
    const n = build('cnn-notes.zh.md');
    const table = blocksOf(n, '卷积网络 › 层的种类 › 卷积层 › 输出尺寸').find((b) => b.kind === 'table');
    expect(table).toEqual({
      kind: 'table',
      head: ['层', '输出尺寸', '参数量'],
      rows: [
        ['CONV F=5 K=16', '32×32×16', '1216'],
        ['POOL F=2 S=2', '16×16×16', '0'],
      ],
      align: ['left', 'left', 'right'],
      narrow: 'records',
    });
  });

  it('a table too wide for the terminal becomes one record per row', () => {
    const e = build('edge-cases.md');
    const table = blocksOf(e, 'Greek in a heading: α and β₁ › Wide table');
    expect(table[0]).toMatchObject({ kind: 'table', narrow: 'records' });
    expect(textOf(table, 'en', 80)).toMatch(/^ {2}a +b +c/);
    expect(textOf(table, 'en', 40)).toBe(
      ['  • a: first column text', '    b: second column text', '    c: third column text', '    d: fourth', '    e: fifth', '    f: sixth', '    g: seventh', '    h: eighth'].join('\n'),
    );
  });

  it('code, thematic breaks and HTML (as text); HTML comments are not shown', () => {
    const n = build('cnn-notes.zh.md');
    const b = blocksOf(n, '卷积网络 › 层的种类 › 池化层');
    expect(b).toContainEqual({ kind: 'code', lines: ['import torch', 'pool = torch.nn.MaxPool2d(2, stride=2)'] });
    expect(b).toContainEqual({ kind: 'text', text: '─'.repeat(24), tone: 'muted' });
    expect(b).toContainEqual({ kind: 'text', text: '<details>HTML 也会显示成文字</details>', tone: 'muted' });
    const s = build('sequence-models.md');
    expect(textOf(s.sections[0].blocks())).not.toContain('comment');
  });

  it('links show their address after the text', () => {
    const n = notesLesson('# A\nSee [the post](https://example.com/p) or <https://example.com/q>.\n', { file: 'a.md' });
    expect(blocksOf(n, 'A')).toEqual([{ kind: 'text', text: 'See the post (https://example.com/p) or https://example.com/q.' }]);
  });

  it('odd math does not break the lesson', () => {
    const e = build('edge-cases.md');
    const f = formulas(blocksOf(e, 'Greek in a heading: α and β₁ › Odd math'));
    expect(f[0]).toBe('[1, 2; 3, 4]');
    expect(f).toContain('x = 1');
  });
});

describe('notes → lesson: known formulas', () => {
  const offerIds = (n: NotesLesson) => Object.fromEntries(n.sections.filter((s) => s.offers.length).map((s) => [s.title, s.offers.map((m) => `${m.rule.id}:${m.via}`)]));

  it('the CNN notes: layers, conv output size, receptive field, pooling, a dense layer', () => {
    expect(offerIds(build('cnn-notes.zh.md'))).toEqual({
      '卷积网络 › 层的种类': ['cnn-layers:heading'],
      '卷积网络 › 层的种类 › 卷积层': ['conv-layer:heading'],
      '卷积网络 › 层的种类 › 卷积层 › 输出尺寸': ['conv-output-size:formula'],
      '卷积网络 › 层的种类 › 卷积层 › 感受野': ['receptive-field:heading'],
      '卷积网络 › 层的种类 › 池化层': ['pool-output-size:formula'],
      '全连接网络': ['dnn-layer:formula'],
    });
  });

  it('the sequence notes: RNN, LSTM, attention, multi-head, positional encoding', () => {
    expect(offerIds(build('sequence-models.md'))).toEqual({
      'Recurrent networks': ['rnn-recurrence:formula'],
      'Recurrent networks › LSTM': ['lstm-gates:formula', 'lstm-cell:heading'],
      Attention: ['attention:heading'],
      'Attention › Self-attention': ['attention:formula'],
      'Attention › Multi-head attention': ['multi-head:formula'],
      'Attention › Positional encoding': ['positional-encoding:formula'],
    });
  });

  it('the offer text, in both languages, with the REPL line', () => {
    const n = build('cnn-notes.zh.md');
    const pool = textOf(blocksOf(n, '卷积网络 › 层的种类 › 池化层'));
    expect(pool.replace(/\n/g, ' ')).toContain('This is the pooling output-size rule: open `nnlearn lesson cnn/pooling`, or try `pool 32x32x16 F=2 S=2` in the REPL.');
    const zh = textOf(blocksOf(n, '卷积网络 › 层的种类 › 池化层'), 'zh');
    const squeeze = (x: string) => x.replace(/\s+/g, '');
    expect(squeeze(zh)).toContain(squeeze('这是池化层的输出尺寸公式：打开 `nnlearn lesson cnn/pooling`，或在 REPL 里试试 `pool 32x32x16 F=2 S=2`。'));
  });

  it('a REPL line the REPL cannot run is left out; the lesson is still offered', () => {
    const n = notesLesson('# 池化层\n$$W_2=(W_1-F)/S+1$$\n', { file: 'p.md', replHas: () => false });
    const t = textOf(blocksOf(n, '池化层')).replace(/\n/g, ' ');
    expect(t).toContain('This is the pooling output-size rule: open `nnlearn lesson cnn/pooling`.');
    expect(t).not.toContain('REPL');
  });

  it('a section under one that offered the same thing does not repeat it, unless it has the formula', () => {
    const n = notesLesson('# Transformer\n## Transformer overview\ntext\n# 池化层\n## 池化\n$$W_2=(W_1-F)/S+1$$\n', { file: 'p.md' });
    expect(n.sections.map((s) => s.offers.map((m) => m.rule.id))).toEqual([['transformer-overview'], [], ['pool-output-size'], ['pool-output-size']]);
  });

  it('padding means a convolution, even next to the word pooling', () => {
    const f = (tex: string, text = ''): string[] => matchKnown({ heading: 'x', crumbs: [], text, formulas: [tex] }).map((m) => m.rule.id);
    expect(f('W_2=(W_1-F+2P)/S+1', 'pooling')).toEqual(['conv-output-size']);
    expect(f('W_2=(W_1-F)/S+1', '池化')).toEqual(['pool-output-size']);
    expect(f('W_2=(W_1-F)/S+1', 'a convolution')).toEqual(['conv-output-size-no-padding']);
    expect(f('\\lfloor (W - F + 2P)/S \\rfloor + 1')).toEqual(['conv-output-size']);
    expect(f('O = \\frac{W - K + 2P}{S} + 1')).toEqual(['conv-output-size']);
  });

  it('folds formulas for matching', () => {
    expect(foldFormula('h_t=\\sigma(x_t*w_{xt}+h_{t-1}*w_{ht}+b)')).toBe('ht=σ(xt*wxt+ht-1*wht+b)');
    expect(foldFormula('\\mathrm{softmax}(\\frac{QK^T}{\\sqrt{d_k}})V')).toBe('softmax(qkt/√dk)v');
    expect(foldFormula('W_2 = (W_1 - F)/S + 1')).toBe('w2=(w1-f)/s+1');
  });

  // Every rule, with something that should match it: a new rule needs a line here.
  const EXAMPLES: Record<string, Partial<SectionFacts>[]> = {
    'pool-output-size': [{ formulas: ['W_2=(W_1-F)/S+1'], text: 'pooling' }, { heading: '池化层' }, { heading: 'Max pooling' }],
    'conv-output-size': [{ formulas: ['(W-F+2P)/S+1'] }, { formulas: ['W_{out} = \\frac{W_{in} - F + 2P}{S} + 1'] }, { heading: '步长' }, { heading: 'Stride and padding' }],
    'conv-output-size-no-padding': [{ formulas: ['H_2=(H_1-F)/S+1'], text: 'conv' }],
    'conv-layer': [{ heading: '卷积层' }, { heading: 'Convolutional layer' }],
    'receptive-field': [{ heading: '感受野' }, { heading: 'Receptive field' }],
    'weight-sharing': [{ heading: '权值共享' }, { text: 'parameter sharing keeps the count down' }],
    volumes: [{ heading: '神经元是3维排列' }, { heading: 'Activation volumes' }],
    'cnn-layers': [{ heading: '层构成' }, { heading: 'Layer types' }],
    'why-cnn': [{ heading: 'CNN' }, { heading: '卷积神经网络' }, { heading: 'Why CNNs?' }],
    normalization: [{ heading: '归一化层' }, { heading: 'Batch norm' }],
    'fc-layer': [{ heading: '全连接层' }, { heading: 'Fully-connected layer' }],
    architectures: [{ heading: '有名结构体' }, { heading: 'Famous networks' }, { heading: 'ResNet' }],
    'dnn-layer': [{ formulas: ['h_t=\\sigma(x_t*w_{xt}+b)'] }, { formulas: ['h = \\sigma(xW + b)'] }, { formulas: ['y = \\mathrm{relu}(Wx+b)'] }, { heading: 'DNN' }],
    'rnn-recurrence': [{ formulas: ['h_t=\\sigma(x_t*w_{xt}+h_{t-1}*w_{ht}+b)'] }, { formulas: ['h_t = \\tanh(W h_{t-1} + U x_t)'] }, { heading: 'RNN' }, { heading: '循环神经网络' }],
    'long-term': [{ heading: 'Long Term Dependencies' }, { heading: '长期依赖' }],
    'rnn-gradients': [{ heading: '梯度消失/爆炸' }, { heading: 'Vanishing gradients' }],
    'lstm-gates': [{ formulas: ['f_t = \\sigma(W_f [h_{t-1}, x_t] + b_f)'] }, { formulas: ['C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde C_t'] }, { text: '遗忘门 输入门 输出门' }, { heading: 'Forget gate' }],
    'lstm-cell': [{ heading: 'LSTM' }, { text: '这一部分一般叫做单元状态（cell state）' }],
    attention: [{ formulas: ['\\mathrm{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V'] }, { heading: 'Self-Attention' }, { heading: '自注意力' }, { text: 'we compute softmax(qk^t / sqrt(d)) v' }],
    'multi-head': [{ heading: 'Multi-Head Attention' }, { formulas: ['\\mathrm{Concat}(head_1, \\dots, head_h)W^O'] }],
    'positional-encoding': [{ formulas: ['PE_{(pos,2i)} = \\sin(pos/10000^{2i/d_{model}})'] }, { text: '需要在输入中添加位置 embedding' }, { heading: 'Positional encoding' }],
    'transformer-overview': [{ heading: 'Transformer' }, { heading: 'Transformer整体结构' }],
    'layer-norm': [{ heading: 'Add & Norm' }, { heading: 'Layer normalization' }],
    encoder: [{ heading: 'Encoder' }, { heading: 'Feed Forward' }],
    decoder: [{ heading: 'Decoder' }, { heading: '解码器' }],
    sigmoid: [{ formulas: ['\\sigma(z) = \\frac{1}{1+e^{-z}}'] }],
    relu: [{ formulas: ['\\mathrm{ReLU}(x) = \\max(0, x)'] }],
    softmax: [{ formulas: ['\\mathrm{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}'] }],
  };

  it('every rule has examples here', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(KNOWN_RULES.map((r) => r.id).sort());
    expect(new Set(KNOWN_RULES.map((r) => r.id)).size).toBe(KNOWN_RULES.length);
  });

  for (const rule of KNOWN_RULES) {
    it(`rule ${rule.id}: its examples match it; it opens a real lesson; its REPL line parses`, () => {
      for (const ex of EXAMPLES[rule.id] ?? []) {
        const facts: SectionFacts = { heading: ex.heading ?? '', crumbs: ex.crumbs ?? [], text: (ex.text ?? '').toLowerCase(), formulas: ex.formulas ?? [] };
        const got = matchKnown(facts, 10).map((m) => m.rule.id);
        expect(got, JSON.stringify(ex)).toContain(rule.id);
      }
      expect(REQUIRED_IDS as readonly string[]).toContain(rule.lesson);
      for (const m of [rule.what, rule.about]) {
        expect(m.en.trim()).not.toBe('');
        expect(m.zh.trim()).not.toBe('');
      }
      if (rule.repl) {
        const word = rule.repl.split(' ')[0];
        // Commands still being added are checked once they are registered.
        if (findSpec(allSpecs(), word)) expect(parseLine(rule.repl, allSpecs()).kind, rule.repl).toBe('command');
      }
    });
  }

  it('the offers read well in both languages', () => {
    const rule = KNOWN_RULES.find((r) => r.id === 'rnn-recurrence')!;
    expect(offerMsg({ rule, via: 'heading' }, undefined)).toEqual({
      en: 'nnlearn has a lesson on recurrent networks: open `nnlearn lesson rnn/recurrence`.',
      zh: 'nnlearn 有一课讲循环神经网络：打开 `nnlearn lesson rnn/recurrence`。',
    });
    expect(offerMsg({ rule, via: 'formula' }, 'rnn T=6 H=3').zh).toBe('这是 RNN 的递推公式 hₜ = σ(xₜ·w + hₜ₋₁·w + b)：打开 `nnlearn lesson rnn/recurrence`，或在 REPL 里试试 `rnn T=6 H=3`。');
  });

  it('unrelated text matches nothing', () => {
    expect(matchKnown({ heading: 'Summary', crumbs: [], text: 'nothing here mentions a formula nnlearn knows.', formulas: ['E = mc^2', 'a^2+b^2=c^2'] })).toEqual([]);
  });
});

describe('notes → lesson: what the screens show', () => {
  it('every step renders through stepBlocks (the lesson screen’s path), in both languages', async () => {
    for (const f of FILES) {
      const n = build(f);
      for (const step of n.lesson.steps) {
        for (const lang of ['en', 'zh'] as Lang[]) {
          const blocks = await stepBlocks(step, { lang, width: 80, theme });
          expect(blocks[0].kind).toBe('title');
          expect(renderBlocks(blocks, { lang, width: 80, theme }).length).toBeGreaterThan(1);
        }
      }
    }
  });

  for (const f of FILES) {
    for (const lang of ['en', 'zh'] as Lang[]) {
      it(`--plain ${f} (${lang}) fits the terminal at 40, 60, 80 and 120 columns`, async () => {
        for (const width of [40, 60, 80, 120]) {
          const r = await plain(join(FIXTURES, f), lang, width);
          expect(r.code).toBe(0);
          expect(r.err).toBe('');
          const lines = r.out.trimEnd().split('\n');
          const wide = lines.filter((l) => stringWidth(l) > width);
          expect(wide, `${f} at ${width}`).toEqual([]);
          expect(r.out).toContain(`notes/${f.replace(/\.md$/, '')}`);
        }
      });
    }
  }

  it('--plain prints every step in order with its breadcrumbs', async () => {
    const r = await plain(join(FIXTURES, 'cnn-notes.zh.md'), 'zh', 80);
    const order = ['[1/8]', '卷积网络复习笔记', '[5/8]', '卷积网络 › 层的种类 › 卷积层 › 输出尺寸', 'W₂ = (W₁ − F + 2P)/S + 1', '[8/8]', '全连接网络'];
    let at = 0;
    for (const s of order) {
      const i = r.out.indexOf(s, at);
      expect(i, s).toBeGreaterThanOrEqual(0);
      at = i;
    }
  });

  it('the whole lesson as Blocks (lessonBlocks) matches --plain', async () => {
    const n = build('sequence-models.md');
    const lines = renderBlocks(await lessonBlocks(n.lesson, { lang: 'en', width: 80, theme }), { lang: 'en', width: 80, theme });
    const r = await plain(join(FIXTURES, 'sequence-models.md'), 'en', 80);
    expect(r.out).toBe(lines.join('\n') + '\n');
  });

  it('colour on: lines still fit (colour codes take no columns)', () => {
    const coloured = makeTheme(3);
    const n = build('cnn-notes.zh.md');
    for (const s of n.sections) {
      const lines = renderBlocks(s.blocks(), { lang: 'zh', width: 60, theme: coloured });
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(60);
    }
  });

  it('topic: the most common among the offers', () => {
    expect(build('cnn-notes.zh.md').lesson.topic).toBe('cnn');
    expect(build('sequence-models.md').lesson.topic).toBe('transformer');
    expect(notesLesson('# Cooking\nEggs.\n', { file: 'c.md' }).lesson.topic).toBe('dnn');
  });

  it('never throws, and stays within the width, on any markdown-ish text', () => {
    const piece = fc.constantFrom(
      '# ', '## ', '#### ', '\n', '\n\n', '- ', '  - ', '    - ', '1. ', '> ', '$$', '$', '\\\\', '\\frac{a}{b}', 'x_t', '|', '|---|', '---\n', '```', '```math\n',
      '![](u)', '![a](u)', '[l](u)', '**', '*', '`', '<b>', '<!--', '-->', '中文', '池化', 'word ', 'W_2=(W_1-F)/S+1', '\t', '  ', '[^1]', '[x]: u', '![r][x]', '+++', 'a: b',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.constantFrom(40, 57, 80), (parts, width) => {
        const n = notesLesson(parts.join(''), { file: 'p.md', replHas: () => true });
        expect(n.lesson.steps.length).toBeGreaterThan(0);
        for (const s of n.sections) {
          const lines = renderBlocks(s.blocks(), { lang: 'zh', width, theme });
          for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(width);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a heading inside a list item wraps at the item width (a fast-check counterexample)', () => {
    const n = notesLesson('1. # ## 中文W_2=(W_1-F)/S+1+++## [x]: u', { file: 'p.md', replHas: () => true });
    for (const s of n.sections) {
      for (const l of renderBlocks(s.blocks(), { lang: 'zh', width: 40, theme })) expect(stringWidth(l), l).toBeLessThanOrEqual(40);
    }
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const n = notesLesson(s, { file: 'any.md', replHas: () => false });
        for (const sec of n.sections) sec.blocks();
      }),
      { numRuns: 500 },
    );
  });

  it('parses what it is given with a real markdown parser (a $ in code is not math, a # in code is not a heading)', () => {
    const doc = notesDoc(parseMarkdown('# A\n```\n# not a heading\n$x$\n```\n`$y$`\n'));
    expect(doc.sections).toHaveLength(1);
    const b = nodesBlocks(doc.sections[0].nodes);
    expect(b).toEqual([
      { kind: 'code', lines: ['# not a heading', '$x$'] },
      { kind: 'text', text: '$y$' },
    ]);
  });
});

describe('runMarkdownLesson: files it refuses', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nnlearn-notes-'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function refuse(file: string, en: RegExp, zh: RegExp): Promise<void> {
    for (const [lang, re] of [
      ['en', en],
      ['zh', zh],
    ] as const) {
      const r = await plain(file, lang, 80);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(re);
      expect(r.err).toMatch(/^nnlearn: /);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
  }

  it('a missing file', async () => {
    await refuse(join(dir, 'nope.md'), /There is no file ".*nope\.md"/, /找不到文件“.*nope\.md”/);
    await refuse(join(dir, 'nope', 'deeper.md'), /There is no file/, /找不到文件/);
  });

  it('a directory', async () => {
    mkdirSync(join(dir, 'notes'));
    await refuse(join(dir, 'notes'), /is a folder/, /是一个文件夹/);
  });

  it('a device, not a regular file', async () => {
    await refuse('/dev/null', /is not a regular file/, /不是普通文件/);
  });

  it('an empty file, and one with only blank lines', async () => {
    writeFileSync(join(dir, 'empty.md'), '');
    await refuse(join(dir, 'empty.md'), /is empty/, /是空文件/);
    writeFileSync(join(dir, 'blank.md'), '\n \n\t\n');
    await refuse(join(dir, 'blank.md'), /only blank lines/, /只有空行/);
  });

  it('a binary file', async () => {
    writeFileSync(join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    await refuse(join(dir, 'image.md'), /is not a text file/, /不是文本文件/);
    writeFileSync(join(dir, 'latin1.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    await refuse(join(dir, 'latin1.md'), /is not a text file/, /不是文本文件/);
  });

  it('a file over 2 MB', async () => {
    writeFileSync(join(dir, 'huge.md'), '# big\n' + 'x'.repeat(MAX_NOTES_BYTES));
    await refuse(join(dir, 'huge.md'), /is 2\.0 MB; nnlearn reads notes of up to 2 MB/, /有 2\.0 MB，nnlearn 最多读取 2 MB 的笔记/);
  });

  // This and the deep list below do real work on large input (several seconds alone,
  // over 30 on a loaded two-core machine): a generous bound, it only detects a hang.
  it('just under 2 MB is read', async () => {
    writeFileSync(join(dir, 'big.md'), '# big\n' + 'word '.repeat(Math.floor((MAX_NOTES_BYTES - 100) / 5)));
    const r = await plain(join(dir, 'big.md'), 'en', 80);
    expect(r.code).toBe(0);
  }, 180_000);

  it('shapes that would make the parser take minutes: a line nesting dozens of lists, thousands of *', async () => {
    writeFileSync(join(dir, 'nested.md'), '# A\n' + '- '.repeat(5000) + 'x\n');
    await refuse(join(dir, 'nested.md'), /line 2: lists or quotes nested more than 32 levels deep/, /第 2 行：一行里的列表或引用嵌套超过 32 层/);
    writeFileSync(join(dir, 'quotes.md'), '>'.repeat(100_000) + ' x\n');
    await refuse(join(dir, 'quotes.md'), /line 1: lists or quotes nested/, /第 1 行/);
    writeFileSync(join(dir, 'stars.md'), 'a\n' + '**'.repeat(4000) + 'x' + '**'.repeat(4000) + '\n');
    await refuse(join(dir, 'stars.md'), /line 2: a run of more than 1000 "\*" characters/, /第 2 行：连续超过 1000 个“\*”字符/);
  });

  it('ordinary nesting and rules are not refused', () => {
    expect(complexityProblem('> > quote\n- a\n  - b\n1. x\n' + '*'.repeat(80) + '\n' + '- '.repeat(MAX_LINE_NESTING) + 'x\n', 'f')).toBeNull();
    expect(complexityProblem('- '.repeat(MAX_LINE_NESTING + 1) + 'x', 'f')).not.toBeNull();
  });

  it('lists nested hundreds of levels deep by indentation: shown, within the width', () => {
    const md = '# Deep\n' + Array.from({ length: 300 }, (_, i) => '  '.repeat(i) + '- item ' + i).join('\n') + '\n';
    const n = notesLesson(md, { file: 'deep.md' });
    const lines = renderBlocks(blocksOf(n, 'Deep'), { lang: 'en', width: 80, theme });
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    expect(lines.join(' ')).toContain('item 299');
  }, 180_000);

  it('a file it cannot read', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const f = join(dir, 'secret.md');
    writeFileSync(f, '# x\n', { mode: 0o000 });
    await refuse(f, /cannot be read: permission denied/, /无法读取“.*”：没有权限/);
  });
});

describe('decoding notes', () => {
  it('UTF-8 with a BOM, UTF-16 with a BOM', () => {
    expect(decodeNotes(Buffer.from('\ufeff# 标题\n', 'utf8'))).toBe('# 标题\n');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# 标题\n', 'utf16le')]);
    expect(decodeNotes(le)).toBe('# 标题\n');
  });

  it('drops stray control characters (a pasted escape sequence cannot reach the terminal)', () => {
    expect(decodeNotes(Buffer.from('# A\u001b[31m red\u0007\n'))).toBe('# A[31m red\n');
  });

  it('CRLF files read like LF files', () => {
    const n = notesLesson('# A\r\n$$\r\nx_1 \\\\\r\ny_2\r\n$$\r\n- a\r\n  - b\r\n', { file: 'crlf.md' });
    expect(formulas(blocksOf(n, 'A'))).toEqual(['x₁', 'y₂']);
    expect(textOf(blocksOf(n, 'A'))).toContain('  • a\n    ◦ b');
  });
});

// The built CLI (skipped when dist/ was built before this feature, e.g. under NNLEARN_SKIP_BUILD=1).
const META = join(ROOT, 'dist', 'meta.json');
const built = existsSync(META) && readFileSync(META, 'utf8').includes('src/cli/actions/lesson-from-file.ts');

describe.skipIf(!built)('nnlearn lesson --from (built CLI)', () => {
  it('--plain prints the notes and loads neither Ink nor React', () => {
    const r = runCli(['lesson', '--from', join(FIXTURES, 'cnn-notes.zh.md'), '--plain', '--lang', 'zh'], { trace: true });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('卷积网络 › 层的种类 › 卷积层 › 输出尺寸');
    expect(r.stdout).toContain('W₂ = (W₁ − F + 2P)/S + 1');
    expect(inputsOf(r.loaded).filter((p) => /node_modules\/(ink|react|react-reconciler|yoga-layout|katex)\//.test(p))).toEqual([]);
  });

  it('no TTY means plain output', () => {
    const r = runCli(['lesson', '--from', join(FIXTURES, 'sequence-models.md')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[9/9]');
  });

  it('a missing file: exit 1, one line on stderr, no stack trace', () => {
    const r = runCli(['lesson', '--from', 'no-such-notes.md']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('nnlearn: There is no file "no-such-notes.md". Check the path (nnlearn lesson --from path/to/notes.md).\n');
  });
});
