/**
 * A diagram step whose drawing is wider than the terminal (it is cut at the
 * edge, marked with ›) shows its caption — the plain description — first, so
 * the step still says what the picture shows; when the drawing fits, the
 * caption stays under it.
 */
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/index.js';
import { stepBlocks } from '../../src/lessons/render.js';
import type { Step } from '../../src/lessons/types.js';
import { makeTheme } from '../../src/view/style.js';

const step: Step = {
  kind: 'diagram',
  title: msg('A wide picture', '一幅宽图'),
  draw: () => ['x'.repeat(60), 'short'],
  caption: msg('The encoder reads the input; the decoder writes the output.', '编码器读输入；解码器写输出。'),
};

const kinds = async (width: number) => (await stepBlocks(step, { lang: 'en', width, theme: makeTheme(0) })).map((b) => b.kind);

describe('diagram step: caption first when the drawing does not fit', () => {
  it('at 45 columns the caption comes before the 60-column drawing', async () => {
    expect(await kinds(45)).toEqual(['title', 'text', 'raw']);
  });
  it('at 80 columns the drawing fits and the caption stays under it', async () => {
    expect(await kinds(80)).toEqual(['title', 'raw', 'text']);
  });
});
