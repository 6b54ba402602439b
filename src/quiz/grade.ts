/**
 * Reading and grading one line of answer, for every kind of question:
 * choice by letter, numbers and volumes (numbers.ts: 32, 1,216, 73 856,
 * 4*(128+1), 32x32x16), formulas (formula.ts: any equivalent expression,
 * compared on random values in the mathjs sandbox), true/false, and orderings. "?" means "I don't know";
 * "hint" asks for the hint; anything unreadable is explained, not graded.
 */
import { msg } from '../i18n/index.js';
import { hashString, shuffledIndices, shuffledOutOfOrder } from '../engine/shuffle.js';
import { gradeFormula } from './formula.js';
import { readNumericAnswer } from './numbers.js';
import type { Graded, Question } from './types.js';

export type { Graded } from './types.js';

export const LETTERS = 'abcdefghij';

const DONT_KNOW = new Set(['?', '？', 'idk', "i don't know", 'dont know', '不知道', 'pass', 'skip']);
const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', '对', '是', '正确', '√', '✓', 'right']);
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no', '错', '否', '错误', '×', '✗', 'wrong']);

/** Shuffled order of an 'order' question's items, shown as a), b), c)…; fixed per question and seed. */
export function orderShuffle(q: Extract<Question, { kind: 'order' }>, seed: number): number[] {
  return shuffledOutOfOrder(q.items.length, seed ^ hashString(q.id));
}

/**
 * The order a choice question's options are shown in (shown[i] = index into
 * q.options), fixed per question and session seed: authors tend to put the
 * right answer first, and a student must not learn "press a".
 */
export function choiceShuffle(q: Extract<Question, { kind: 'choice' }>, seed: number): number[] {
  return shuffledIndices(q.options.length, (seed * 7919) ^ hashString(q.id + '#choice'));
}

function close(a: number, b: number, tol: number | undefined): boolean {
  const t = tol ?? Math.max(1e-9, Math.abs(b) * 1e-6);
  return Math.abs(a - b) <= t + 1e-12;
}

export async function grade(q: Question, rawLine: string, seed = 1): Promise<Graded> {
  const line = rawLine.trim();
  const lower = line.toLowerCase();
  if (DONT_KNOW.has(lower)) return { outcome: 'dontknow' };
  if (lower === 'hint' || lower === 'h?' || lower === '提示') return { outcome: 'hint' };
  if (line === '') return { outcome: 'invalid', message: msg('Type an answer, ? if you do not know, or hint.', '请输入答案；不知道请输入 ?；需要提示请输入 hint。') };
  if (line.length > 500) return { outcome: 'invalid', message: msg('That answer is too long (500 characters at most).', '答案太长了（最多 500 个字符）。') };
  switch (q.kind) {
    case 'choice': {
      const n = q.options.length;
      const m = /^\(?([a-j]|[1-9])\)?[.)]?$/i.exec(line);
      let pick = -1;
      if (m) pick = /\d/.test(m[1]) ? Number(m[1]) - 1 : LETTERS.indexOf(m[1].toLowerCase());
      else pick = q.options.findIndex((o) => o.en.toLowerCase() === lower || o.zh === line);
      const shown = choiceShuffle(q, seed);
      // The option text typed out maps to its shown letter.
      if (!m && pick >= 0) pick = shown.indexOf(pick);
      if (pick < 0 || pick >= n) {
        return { outcome: 'invalid', message: msg(`Answer with a letter from a to ${LETTERS[n - 1]}.`, `请用 a 到 ${LETTERS[n - 1]} 之间的字母作答。`) };
      }
      return { outcome: shown[pick] === q.answer ? 'right' : 'wrong', given: LETTERS[pick] };
    }
    case 'numeric': {
      const want = Array.isArray(q.answer) ? q.answer : [q.answer];
      const read = readNumericAnswer(line, want.length);
      if (!read.ok) return { outcome: 'invalid', message: read.message };
      const ok = read.values.every((v, i) => close(v, want[i], q.tolerance));
      const value = read.values.map((v) => String(Number(v.toPrecision(12)))).join(want.length > 1 ? '×' : '');
      // Worked answers show the working and what it came to: "4*(128+1) = 516".
      return { outcome: ok ? 'right' : 'wrong', given: read.worked ? `${line} = ${value}` : value };
    }
    case 'truefalse': {
      if (TRUE_WORDS.has(lower)) return { outcome: q.answer ? 'right' : 'wrong', given: 'true' };
      if (FALSE_WORDS.has(lower)) return { outcome: q.answer ? 'wrong' : 'right', given: 'false' };
      return { outcome: 'invalid', message: msg('Answer t (true) or f (false).', '请回答 t（对）或 f（错）。') };
    }
    case 'order': {
      const n = q.items.length;
      const shown = orderShuffle(q, seed);
      const tokens = line.toLowerCase().replace(/[,，;>→\-]+/g, ' ').trim().split(/\s+/);
      const joined = tokens.length === 1 && tokens[0].length === n && /^[a-j]+$/.test(tokens[0]) ? tokens[0].split('') : tokens;
      const picks = joined.map((t) => (/^\d+$/.test(t) ? Number(t) - 1 : LETTERS.indexOf(t)));
      if (picks.length !== n || picks.some((p) => p < 0 || p >= n) || new Set(picks).size !== n) {
        return {
          outcome: 'invalid',
          message: msg(`Give all ${n} letters once, in order, e.g. ${LETTERS.slice(0, n).split('').reverse().join(' ')}.`, `请按顺序写出全部 ${n} 个字母，每个一次，例如 ${LETTERS.slice(0, n).split('').reverse().join(' ')}。`),
        };
      }
      const ok = picks.every((p, i) => shown[p] === i);
      return { outcome: ok ? 'right' : 'wrong', given: picks.map((p) => LETTERS[p]).join(' ') };
    }
    case 'formula':
      return gradeFormula(q, line);
  }
}
