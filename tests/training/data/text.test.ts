import fc from 'fast-check';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText, MAX_TEXT_BYTES, MIN_TEXT_CHARS, readTextFile } from '../../../src/training/data/text-file.js';
import { buildVocab, decode, encode, loadCorpus, UNKNOWN_CHAR } from '../../../src/training/data/text.js';
import { lessonText, loadLessonCorpus } from '../../../src/training/data/lesson-text.js';

// Text runs take the lessons' prose, loaded on demand.
beforeAll(() => loadLessonCorpus());

const dir = mkdtempSync(join(tmpdir(), 'nnlearn-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

function refusal(path: string): { en: string; zh: string } {
  const r = readTextFile(path);
  if (r.ok) throw new Error(`expected ${path} to be refused`);
  return r.error;
}

const prose = 'The quick brown fox jumps over the lazy dog. 敏捷的棕色狐狸跳过了懒狗。\n'.repeat(20);

describe('the lesson corpus', () => {
  it.each(['en', 'zh'] as const)('is plain prose in %s, long enough to train on', (lang) => {
    const text = lessonText(lang);
    expect([...text].length).toBeGreaterThan(20_000);
    expect(text).not.toMatch(/`/); // the lessons' only markup, around REPL commands
    expect(text).not.toMatch(/\[object Object\]|undefined/);
    expect(text).not.toMatch(/\n{3,}/);
  });

  it('is in the language asked for', () => {
    const han = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).length / [...s].length;
    expect(han(lessonText('zh'))).toBeGreaterThan(0.3);
    expect(han(lessonText('en'))).toBeLessThan(0.01);
    expect(lessonText('en')).toContain('forget gate');
    expect(lessonText('zh')).toContain('遗忘门');
  });

  it('is the default corpus, named as the lessons', () => {
    const c = loadCorpus({ lang: 'zh' });
    expect(c.ok && c.value.source.en).toBe("nnlearn's lessons (Chinese)");
    expect(c.ok && decode(c.value.ids, c.value.vocab).length).toBeGreaterThan(0);
  });
});

describe('the vocabulary', () => {
  it('counts code points: a Chinese character or an emoji is one character', () => {
    const v = buildVocab('猫猫🐱a');
    expect(v.chars).toEqual(['猫', 'a', '🐱']); // by frequency, ties by code point
    expect(Array.from(encode('🐱猫', v))).toEqual([2, 0]);
    expect(v.unknown).toBe(-1);
  });

  it('maps the rarest characters to one unknown symbol past the cap', () => {
    const v = buildVocab('aaaabbbcc' + 'xyz', 3);
    expect(v.chars).toEqual(['a', 'b', UNKNOWN_CHAR]);
    expect(v.unknown).toBe(2);
    expect(decode(encode('abcz', v), v)).toBe(`ab${UNKNOWN_CHAR}${UNKNOWN_CHAR}`);
  });

  it('round-trips any text under the cap', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const v = buildVocab(s, 10_000);
        expect(decode(encode(s, v), v)).toBe(s);
      }),
    );
  });
});

describe('--text FILE', () => {
  it('reads a UTF-8 file (a BOM and Windows line ends are dropped)', () => {
    const r = readTextFile(file('book.txt', '\ufeff' + prose.replace(/\n/g, '\r\n')));
    expect(r.ok && r.value).toBe(prose);
    const c = loadCorpus({ file: join(dir, 'book.txt'), lang: 'en' });
    expect(c.ok && c.value.source.en).toBe('book.txt');
  });

  const cases: [string, () => string, RegExp, RegExp][] = [
    ['missing', () => join(dir, 'nope.txt'), /There is no file ".*nope\.txt"/, /找不到文件/],
    ['a folder', () => (mkdirSync(join(dir, 'folder'), { recursive: true }), join(dir, 'folder')), /is a folder/, /文件夹/],
    ['empty', () => file('empty.txt', ''), /"[^"]*empty\.txt" is empty/, /空文件/],
    ['blank', () => file('blank.txt', ' \n\t\n'.repeat(200)), /no text, only blank space/, /只有空白/],
    ['binary (a zero byte)', () => file('a.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])), /zero byte at byte 5/, /二进制/],
    ['not UTF-8 (GBK)', () => file('gbk.txt', new Uint8Array(Array.from({ length: 600 }, (_, i) => (i % 2 ? 0xe8 : 0xc4)))), /not UTF-8 text/, /不是 UTF-8/],
    ['too short', () => file('short.txt', 'hello'), new RegExp(`5 characters; a character model needs at least ${MIN_TEXT_CHARS}`), /太短/],
    ['too big', () => file('big.txt', 'a'.repeat(MAX_TEXT_BYTES + 1)), /too big: 4\.0 MB; at most 4\.0 MB/, /太大/],
  ];
  it.each(cases)('%s: a message naming the file and what works, in both languages', (_, make, en, zh) => {
    const e = refusal(make());
    expect(e.en).toMatch(en);
    expect(e.zh).toMatch(zh);
    expect(e.en).toContain('plain UTF-8 text file');
    expect(e.zh).toContain('UTF-8 编码的纯文本文件');
  });

  it('never throws on random bytes: text or a message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const r = decodeText(bytes, 'x.txt');
        if (r.ok) expect([...r.value].length).toBeGreaterThanOrEqual(MIN_TEXT_CHARS);
        else expect(r.error.en).toContain('x.txt');
      }),
    );
  });
});
