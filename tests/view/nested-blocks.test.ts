/**
 * Lists and quotes that hold Blocks, tables that fall back to records, and
 * the stepper frame Block: laid out by the view alone, within the width, in
 * both languages, with and without colour.
 */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n/index.js';
import type { Block } from '../../src/view/blocks.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { renderStepperFrame } from '../../src/view/stepper/frame.js';
import { initStepper, stepperReducer } from '../../src/view/stepper/state.js';
import { makeTheme, type Theme } from '../../src/view/style.js';

const plain = makeTheme(0);
const colour = makeTheme(3);
const draw = (blocks: readonly Block[], width = 80, lang: Lang = 'en', theme: Theme = plain) => renderBlocks(blocks, { lang, width, theme });
const item = (...blocks: Block[]) => ({ blocks });
const text = (t: string): Block => ({ kind: 'text', text: t });

describe('nested lists and quotes', () => {
  it('items hold Blocks: bullets by depth, numbers as given, tasks boxed, formulas and code without their own indent', () => {
    const b: Block = {
      kind: 'list',
      items: [
        item(text('first'), { kind: 'list', ordered: true, start: 3, items: [item(text('three')), item(text('four'), { kind: 'list', items: [item(text('deep'))] })] }),
        { blocks: [text('done')], checked: true },
        item({ kind: 'formula', lines: ['y = wx + b'] }, { kind: 'code', lines: ['conv x F=3'] }),
        item(),
      ],
    };
    expect(draw([b])).toEqual(['  • first', '    3. three', '    4. four', '       ▪ deep', '  • [x] done', '  • y = wx + b', '    conv x F=3', '  •']);
  });

  it('a task item that wraps: the box before its first line, the rest under its words, all within the width', () => {
    const lines = draw([{ kind: 'list', items: [{ blocks: [text('word '.repeat(30).trim())], checked: false }] }], 40);
    expect(lines[0]).toMatch(/^ {2}• \[ \] word/);
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {8}word/);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(40);
  });

  it('a quote: a bar indented at the top level, not inside; its content one level deeper', () => {
    const b: Block = { kind: 'quote', blocks: [text('said'), { kind: 'list', items: [item(text('a'))] }, { kind: 'quote', blocks: [text('inner')] }] };
    expect(draw([b])).toEqual(['  │ said', '  │ ◦ a', '  │ │ inner']);
    // Muted in colour, and nothing but colour codes added.
    const c = draw([b], 80, 'en', colour);
    expect(c.join('\n')).toMatch(/\u001b\[/);
    expect(c.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''))).toEqual(draw([b]));
  });

  it('one-line items (a question’s options) are drawn as before: "  • " and wrapped under their words', () => {
    const lines = draw([{ kind: 'list', items: ['a) ' + 'word '.repeat(20).trim(), { en: 'b) yes', zh: 'b) 是' }] }], 40, 'zh');
    expect(lines[0].startsWith('  • a) word')).toBe(true);
    for (const l of lines.slice(1, -1)) expect(l.startsWith('    word')).toBe(true);
    expect(lines[lines.length - 1]).toBe('  • b) 是');
  });

  it('Chinese inside items and quotes wraps by display width, no line starting with closing punctuation', () => {
    const zh = '卷积层的每个神经元只连接一小块区域，并且同一个滤波器的权重在所有位置共享。这样参数少得多。';
    const b: Block = { kind: 'quote', blocks: [{ kind: 'list', ordered: true, items: [item(text(zh), { kind: 'quote', blocks: [text(zh)] })] }] };
    for (let width = 10; width <= 50; width++) {
      const lines = draw([b], width, 'zh');
      for (const l of lines) expect(stringWidth(l), `${width}: ${l}`).toBeLessThanOrEqual(width);
      for (const l of lines) expect(l.replace(/^[\s│]*(?:\d+\.)?\s*/, ''), `${width}: ${l}`).not.toMatch(/^[，。]/);
      expect(lines.join('').replace(/[\s│1.]/g, '')).toBe((zh + zh).replace(/\s/g, ''));
    }
  });

  it('a table that may become records: columns when they fit, one record per row when not', () => {
    const head = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const rows = [['first column text', 'second column text', 'third column text', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth']];
    const table: Block = { kind: 'table', head, rows, narrow: 'records' };
    expect(draw([table], 80)[0]).toMatch(/^ {2}a +b +c/);
    expect(draw([table], 40)).toEqual(['  • a: first column text', '    b: second column text', '    c: third column text', '    d: fourth', '    e: fifth', '    f: sixth', '    g: seventh', '    h: eighth']);
    // Inside an item the decision is made for the item's width (the records keep their own bullets).
    expect(draw([{ kind: 'list', items: [item(table)] }], 60)[0]).toBe('  •   • a: first column text');
    // Without the fallback a table keeps its columns (cut cells), as the REPL's tables always have.
    expect(draw([{ kind: 'table', head, rows }], 40)[0]).toMatch(/^ {2}a +b/);
  });

  // Random trees of Blocks: lists (bulleted, numbered, tasks), quotes, and the leaves notes are made of.
  const words = fc.constantFrom('word', 'convolution', '卷积', '池化层', '，', '。', 'W₂ = (W₁ − F + 2P)/S + 1', 'a-very-long-word-without-spaces-at-all', '中文中文中文中文中文中文', '→', 'x');
  const line = fc.array(words, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
  const leaf: fc.Arbitrary<Block> = fc.oneof(
    line.map((t): Block => ({ kind: 'text', text: t })),
    fc.record({ en: line, zh: line }).map((t): Block => ({ kind: 'text', text: t, tone: 'muted' })),
    line.map((t): Block => ({ kind: 'title', text: t })),
    fc.array(line, { minLength: 1, maxLength: 3 }).map((lines): Block => ({ kind: 'formula', lines })),
    fc.array(line, { minLength: 1, maxLength: 3 }).map((lines): Block => ({ kind: 'code', lines })),
    line.map((t): Block => ({ kind: 'warning', text: t })),
    fc.constant<Block>({ kind: 'spacer' }),
    fc.array(line, { minLength: 1, maxLength: 3 }).map((items): Block => ({ kind: 'list', items })),
    fc.array(fc.array(line, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map((rows): Block => ({ kind: 'table', head: ['head', '列'], rows, narrow: 'records' })),
    // A picture inside an item is cut to the item's width like anywhere else.
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 30 })).map(([r, c]): Block => ({ kind: 'matrix', label: '矩阵', tensor: { shape: [r, c], data: Array.from({ length: r * c }, (_, i) => (i * 37) % 101 - 50.5) } })),
  );
  const { tree } = fc.letrec<{ tree: Block; blocks: Block[] }>((t) => ({
    blocks: fc.array(t('tree'), { maxLength: 3 }),
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ ordered: fc.boolean(), start: fc.integer({ min: 0, max: 120 }), items: fc.array(fc.record({ blocks: t('blocks'), checked: fc.option(fc.boolean(), { nil: undefined }) }), { minLength: 1, maxLength: 3 }) }).map(
        (l): Block => ({ kind: 'list', ...l }),
      ),
      t('blocks').map((blocks): Block => ({ kind: 'quote', blocks })),
    ),
  }));

  it('property: nested Blocks never draw a line wider than the width, and none with escapes without colour', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 3 }), fc.integer({ min: 10, max: 120 }), fc.constantFrom<Lang>('en', 'zh'), fc.constantFrom(plain, colour), (blocks, width, lang, theme) => {
        const lines = draw(blocks, width, lang, theme);
        for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(width);
        if (theme === plain) expect(lines.join('\n')).not.toMatch(/\u001b/);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the stepper frame Block', () => {
  const state = stepperReducer(initStepper({ op: 'max', H: 4, W: 4, F: 2, S: 2 }), { type: 'jump', index: 1 });
  const data = { input: { shape: [1, 4, 4], data: Array.from({ length: 16 }, (_, i) => (i * 7) % 5) }, output: { shape: [2, 2], data: [4, 4, 3, 4] } };

  it('is drawn by the view for the medium: its width (at most 120 columns) and its colours', () => {
    const block: Block = { kind: 'stepper', state, data };
    for (const width of [40, 80]) expect(draw([block], width)).toEqual(renderStepperFrame(state, data, { lang: 'en', width, theme: plain }));
    expect(draw([block], 200, 'zh')).toEqual(renderStepperFrame(state, data, { lang: 'zh', width: 120, theme: plain }));
    expect(draw([block], 80).join('\n')).not.toMatch(/\u001b/);
    expect(draw([block], 80, 'en', colour).join('\n')).toMatch(/\u001b\[/);
  });
});
