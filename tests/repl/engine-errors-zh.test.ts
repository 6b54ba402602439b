/**
 * An engine error that reaches the REPL is shown in the session's language: the
 * engine carries every message in English and Chinese (src/engine/messages.ts),
 * and the REPL prints the Chinese one under --lang zh. The REPL checks sizes
 * itself first, so the engine's element budget is lowered here to make its
 * backstop speak: 5×5 attention weights are one number over a budget of 24.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setElementBudget } from '../../src/engine/budget.js';
import { createSession } from '../../src/repl/session.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

const zh = createSession({ lang: 'zh' });
const en = createSession({ lang: 'en' });
afterAll(() => {
  zh.close();
  en.close();
});
afterEach(() => setElementBudget());

describe('engine errors in the REPL', () => {
  it('an attention matrix over the element budget is refused in Chinese under lang zh', async () => {
    setElementBudget(24);
    const r = await zh.exec('attn L=5 d=4');
    expect(r.ok).toBe(false);
    expect(r.json().error).toBe('形状为 [5, 5] 的注意力权重需要 25 个数（float32 占 100 字节），超过了上限 24 个数（96 字节）。请用更小的尺寸。');
    const text = renderBlocks(r.blocks(), { lang: 'zh', width: 80, theme: makeTheme(0) }).join('');
    expect(text).toContain('注意力权重');
    expect(text).not.toMatch(/attention weights|bytes/);
  });

  it('and in English under lang en, with the wording unchanged', async () => {
    setElementBudget(24);
    const r = await en.exec('attn L=5 d=4');
    expect(r.json().error).toBe(
      'Attention weights of shape [5, 5] would hold 25 numbers (100 bytes as float32), over the limit of 24 numbers (96 bytes). Use smaller sizes.',
    );
  });
});
