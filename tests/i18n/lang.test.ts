import { describe, expect, it } from 'vitest';
import { inLang, msg, tr } from '../../src/i18n/index.js';

describe('inLang', () => {
  it('picks the text of the language, as tr does for a message', () => {
    expect(inLang('en', 'pooling', '池化')).toBe('pooling');
    expect(inLang('zh', 'pooling', '池化')).toBe('池化');
    expect(inLang('zh', 'a', 'b')).toBe(tr('zh', msg('a', 'b')));
  });
});
