/**
 * Printed (piped) `step` says how the interactive stepper is left with the
 * same four keys every screen takes: q, Esc, Ctrl+C and Ctrl+D.
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/repl/session.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

async function stepText(lang: 'en' | 'zh'): Promise<string> {
  const session = createSession({ lang });
  try {
    await session.exec('let x = [[1,2],[3,4]]');
    expect((await session.exec('pool x F=2')).ok).toBe(true);
    const r = await session.exec('step');
    expect(r.ok).toBe(true);
    return renderBlocks(r.blocks(), { lang, width: 200, theme: makeTheme(0) }).join('\n');
  } finally {
    session.close();
  }
}

describe('piped step: the leave keys', () => {
  it('names q, Esc, Ctrl+C and Ctrl+D (en)', async () => {
    expect(await stepText('en')).toContain('q, Esc, Ctrl+C or Ctrl+D to leave');
  });
  it('names q, Esc, Ctrl+C and Ctrl+D (zh)', async () => {
    expect(await stepText('zh')).toContain('q、Esc、Ctrl+C 或 Ctrl+D 退出');
  });
});
