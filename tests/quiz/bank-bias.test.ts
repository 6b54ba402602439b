/**
 * A quiz must measure knowledge, not test-taking (issue #11). A student who
 * only knows "pick the longest option" or "pick the one that repeats the
 * question" must score near chance, in the quiz bank's multiple-choice items
 * and in the lessons' check questions, in English and in Chinese. Failures
 * name the items to rewrite.
 */
import { describe, expect, it } from 'vitest';
import type { Msg } from '../../src/i18n/index.js';
import { LESSONS } from '../../src/lessons/all.js';
import { checkShuffle, optionLetter } from '../../src/lessons/render.js';
import { textOf } from '../../src/lessons/types.js';
import { QUESTIONS } from '../../src/quiz/bank/index.js';
import width from '../../src/view/width.js';

interface Choice {
  id: string;
  prompt: Msg;
  options: Msg[];
  answer: number;
}

const bank: Choice[] = QUESTIONS.flatMap((q) => (q.kind === 'choice' ? [{ id: q.id, prompt: q.prompt, options: q.options, answer: q.answer }] : []));
const checks: Choice[] = LESSONS.flatMap((l) =>
  l.steps.flatMap((s, i) =>
    s.kind === 'check'
      ? [{ id: `${l.id} step ${i + 1}${s.key ? ` (#${s.key})` : ''}`, prompt: { en: textOf(s.check.question, { lang: 'en', seed: 1 }).en, zh: textOf(s.check.question, { lang: 'zh', seed: 1 }).zh }, options: s.check.options, answer: s.check.answer }]
      : [],
  ),
);

/** Width as the terminal shows it (a Chinese character is two columns). */
function rightIsUniqueLongest(c: Choice, lang: 'en' | 'zh'): boolean {
  const widths = c.options.map((o) => width(o[lang]));
  const max = Math.max(...widths);
  return widths[c.answer] === max && widths.filter((w) => w === max).length === 1;
}

/** 30 %: with 3–4 options chance is 25–33 %; the bank had 35 of 56 (63 %). */
const MAX_SHARE = 0.3;

function expectNoLengthCue(list: Choice[], lang: 'en' | 'zh') {
  const offending = list.filter((c) => rightIsUniqueLongest(c, lang)).map((c) => c.id);
  const share = offending.length / list.length;
  expect(
    share,
    `the right option is the unique longest (${lang}) in ${offending.length} of ${list.length} (${Math.round(share * 100)} %, at most ${MAX_SHARE * 100} % allowed). Make a wrong option as long and as specific, or the right one plainer, in:\n  ${offending.join('\n  ')}`,
  ).toBeLessThanOrEqual(MAX_SHARE);
}

const STOP = new Set(
  'what which that this with from have does when there their these into than then they will would your about each only more been were also same other such much many over under every after before while where whose being both some used using just very must does'
    .split(' '),
);
/** Content words of an English text (4+ letters, no function words), stemmed crudely (plural s). */
const words = (s: string) => new Set((s.toLowerCase().match(/[a-z][a-z-]{3,}/g) ?? []).filter((w) => !STOP.has(w)).map((w) => w.replace(/s$/, '')));

/** The right option is the only one that repeats a content word of the prompt. */
function rightAloneEchoesPrompt(c: Choice): boolean {
  const p = words(c.prompt.en);
  const shared = c.options.map((o) => [...words(o.en)].filter((w) => p.has(w)).length);
  return shared[c.answer] > 0 && shared.every((n, i) => i === c.answer || n === 0);
}

describe('multiple-choice items give nothing away by their form', () => {
  it('there are items to check', () => {
    expect(bank.length).toBeGreaterThan(30);
    expect(checks.length).toBeGreaterThan(20);
  });

  it('quiz bank: the right option is the unique longest in at most 30 % of items (English)', () => expectNoLengthCue(bank, 'en'));
  it('quiz bank: the right option is the unique longest in at most 30 % of items (Chinese)', () => expectNoLengthCue(bank, 'zh'));
  it('lesson checks: the right option is the unique longest in at most 30 % of questions (English)', () => expectNoLengthCue(checks, 'en'));
  it('lesson checks: the right option is the unique longest in at most 30 % of questions (Chinese)', () => expectNoLengthCue(checks, 'zh'));

  it('the right option is rarely the only one that repeats words of the question (at most 15 %)', () => {
    for (const list of [bank, checks]) {
      const offending = list.filter(rightAloneEchoesPrompt).map((c) => c.id);
      expect(offending.length / list.length, `only the right option repeats the prompt's words in:\n  ${offending.join('\n  ')}`).toBeLessThanOrEqual(0.15);
    }
  });

  it('rewriting did not swing the other way: the right option is the unique shortest in at most 30 %', () => {
    for (const list of [bank, checks]) {
      for (const lang of ['en', 'zh'] as const) {
        const offending = list
          .filter((c) => {
            const widths = c.options.map((o) => width(o[lang]));
            const min = Math.min(...widths);
            return widths[c.answer] === min && widths.filter((w) => w === min).length === 1;
          })
          .map((c) => c.id);
        expect(offending.length / list.length, `the right option is the unique shortest (${lang}) in:\n  ${offending.join('\n  ')}`).toBeLessThanOrEqual(MAX_SHARE);
      }
    }
  });

  it('absolutes do not mark the wrong options: "only/always/never…" in two or more distractors but not in the answer in at most 15 %', () => {
    const ABSOLUTE = /\b(always|never|only|all|none|every|cannot|can't|must)\b/i;
    const all = [...bank, ...checks];
    const offending = all
      .filter((c) => !ABSOLUTE.test(c.options[c.answer].en) && c.options.filter((o, i) => i !== c.answer && ABSOLUTE.test(o.en)).length >= 2)
      .map((c) => c.id);
    expect(offending.length / all.length, `the wrong options are the absolute ones in:\n  ${offending.join('\n  ')}`).toBeLessThanOrEqual(0.15);
  });

  it('no option is "all/none of the above" (options are shuffled, so "above" means nothing)', () => {
    const offending = [...bank, ...checks].filter((c) => c.options.some((o) => /\b(all|none|both) of the above\b/i.test(o.en) || /以上(都|皆|均|全)/.test(o.zh))).map((c) => c.id);
    expect(offending, offending.join(', ')).toEqual([]);
  });

  it('lesson checks: the letter shown for the right answer is spread (no letter over 45 %)', () => {
    const counts: Record<string, string[]> = {};
    for (const l of LESSONS) {
      l.steps.forEach((s, i) => {
        if (s.kind !== 'check') return;
        const letter = optionLetter(checkShuffle(s.check).indexOf(s.check.answer));
        (counts[letter] ??= []).push(`${l.id} step ${i + 1}`);
      });
    }
    for (const [letter, ids] of Object.entries(counts)) expect(ids.length / checks.length, `${letter}) is the answer of ${ids.length} of ${checks.length} checks`).toBeLessThanOrEqual(0.45);
  });

  it('every item has 3 or more options, distinct in each language, and a valid answer', () => {
    for (const c of [...bank, ...checks]) {
      expect(c.options.length, c.id).toBeGreaterThanOrEqual(3);
      expect(c.answer, c.id).toBeGreaterThanOrEqual(0);
      expect(c.answer, c.id).toBeLessThan(c.options.length);
      for (const lang of ['en', 'zh'] as const) expect(new Set(c.options.map((o) => o[lang].trim())).size, `${c.id} (${lang})`).toBe(c.options.length);
    }
  });
});
