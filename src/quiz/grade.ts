/**
 * Reading and grading one line of answer, for every kind of question:
 * choice by letter, numbers and volumes (32, 32.0, 1,216, 32x32x16),
 * formulas (any equivalent expression: compared on random values in the
 * mathjs sandbox), true/false, and orderings. "?" means "I don't know";
 * "hint" asks for the hint; anything unreadable is explained, not graded.
 */
import { msg, type Msg } from '../i18n/index.js';
import { mulberry32 } from '../engine/random.js';
import type { Question } from './types.js';

export type Graded =
  | { outcome: 'right' | 'wrong'; given: string; note?: Msg }
  | { outcome: 'dontknow' }
  | { outcome: 'hint' }
  | { outcome: 'invalid'; message: Msg };

export const LETTERS = 'abcdefghij';

const DONT_KNOW = new Set(['?', '？', 'idk', "i don't know", 'dont know', '不知道', 'pass', 'skip']);
const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', '对', '是', '正确', '√', '✓', 'right']);
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no', '错', '否', '错误', '×', '✗', 'wrong']);

/** Shuffled order of an 'order' question's items, shown as a), b), c)…; fixed per question and seed. */
export function orderShuffle(q: Extract<Question, { kind: 'order' }>, seed: number): number[] {
  const n = q.items.length;
  const r = mulberry32(seed ^ hash(q.id));
  for (let attempt = 0; attempt < 10; attempt++) {
    const idx = [...Array(n).keys()];
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    if (idx.some((v, i) => v !== i)) return idx;
  }
  return [...Array(n).keys()].reverse();
}

/**
 * The order a choice question's options are shown in (shown[i] = index into
 * q.options), fixed per question and session seed: authors tend to put the
 * right answer first, and a student must not learn "press a".
 */
export function choiceShuffle(q: Extract<Question, { kind: 'choice' }>, seed: number): number[] {
  const n = q.options.length;
  const r = mulberry32((seed * 7919) ^ hash(q.id + '#choice'));
  const idx = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Numbers in a line: "32", "1,216", "32x32x16", "[32, 32, 16]", "3.5e2".
 * With `thousands` false a comma always separates numbers ("224,224,64").
 */
export function readNumbers(line: string, thousands = true): number[] | null {
  const trimmed = line.trim();
  const cleaned = (thousands ? trimmed.replace(/(\d),(?=\d{3}(\D|$))/g, '$1') : trimmed)
    .replace(/[[\]()]/g, ' ')
    .replace(/[x×X*,;，]/g, ' ')
    .trim();
  if (!cleaned) return null;
  const parts = cleaned.split(/\s+/);
  const nums = parts.map((p) => (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(p) ? Number(p) : NaN));
  return nums.every((n) => Number.isFinite(n)) ? nums : null;
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
      let nums = readNumbers(line);
      const want = Array.isArray(q.answer) ? q.answer : [q.answer];
      // "224,224,64" is a volume, not 224,224 and 64: read commas as separators when that gives the count asked for.
      if (nums && nums.length !== want.length) {
        const separated = readNumbers(line, false);
        if (separated && separated.length === want.length) nums = separated;
      }
      if (!nums) {
        return {
          outcome: 'invalid',
          message: want.length > 1
            ? msg(`Give ${want.length} numbers, e.g. 32x32x16 (W×H×D).`, `请给出 ${want.length} 个数，例如 32x32x16（宽×高×深）。`)
            : msg('Give a number, e.g. 32 or 0.25.', '请给出一个数，例如 32 或 0.25。'),
        };
      }
      if (nums.length !== want.length) {
        return {
          outcome: 'invalid',
          message: want.length > 1
            ? msg(`This asks for a volume: ${want.length} numbers such as 32x32x16; you gave ${nums.length}.`, `这里要的是数据体：${want.length} 个数，例如 32x32x16；你给了 ${nums.length} 个。`)
            : msg(`This asks for one number; you gave ${nums.length}.`, `这里只要一个数；你给了 ${nums.length} 个。`),
        };
      }
      const ok = nums.every((v, i) => close(v, want[i], q.tolerance));
      return { outcome: ok ? 'right' : 'wrong', given: nums.join(want.length > 1 ? '×' : '') };
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

type Sandbox = import('../repl/math/sandbox.js').Sandbox;
let sandbox: Promise<{ box: Sandbox; symbols: (text: string) => { names: string[]; assigns: boolean } }> | undefined;

function loadSandbox() {
  sandbox ??= Promise.all([import('../repl/math/sandbox.js'), import('mathjs')]).then(([s, m]) => {
    const parser = m.create(m.all);
    return {
      box: s.createSandbox(),
      // Parsing (not evaluating) with a plain instance only lists the names used,
      // and whether anything is assigned (an assignment would outlive this answer in the shared sandbox).
      symbols: (text: string) => {
        const node = parser.parse(text);
        const names = new Set<string>();
        let assigns = false;
        node.traverse((n: import('mathjs').MathNode, _path: string, parent: import('mathjs').MathNode | null) => {
          if (n.type === 'AssignmentNode' || n.type === 'FunctionAssignmentNode') assigns = true;
          if (n.type === 'SymbolNode' && !(parent?.type === 'FunctionNode' && (parent as import('mathjs').FunctionNode).fn === n)) names.add((n as import('mathjs').SymbolNode).name);
        });
        return { names: [...names], assigns };
      },
    };
  });
  return sandbox;
}

const MATH_NAMES = new Set(['pi', 'e', 'E', 'i', 'tau', 'phi', 'Infinity']);

async function gradeFormula(q: Extract<Question, { kind: 'formula' }>, line: string): Promise<Graded> {
  const { precheck } = await import('../repl/math/precheck.js');
  const bad = precheck(line, 300);
  if (bad) return { outcome: 'invalid', message: bad };
  const { box, symbols } = await loadSandbox();
  const expr = line.replace(/^[A-Za-z_]\w*(\s*\([^)]*\))?\s*=(?!=)\s*/, ''); // accept "W2 = (W-F)/S+1"
  let used: string[];
  try {
    const found = symbols(expr);
    if (found.assigns) return { outcome: 'invalid', message: msg('Type the formula as an expression, without assignments (=) inside it.', '请把公式写成一个表达式，中间不要有赋值（=）。') };
    used = found.names;
  } catch (e) {
    return { outcome: 'invalid', message: msg(`That is not a formula mathjs can read (${(e as Error).message}).`, `mathjs 无法读懂这个公式（${(e as Error).message}）。`) };
  }
  const foreign = used.filter((n) => !q.vars.includes(n) && !(MATH_NAMES.has(n) && !q.vars.includes(n)));
  if (foreign.length) {
    return {
      outcome: 'invalid',
      message: msg(`Use only ${q.vars.join(', ')}; ${foreign.join(', ')} is not one of them.`, `只能使用 ${q.vars.join('、')}；${foreign.join('、')} 不在其中。`),
    };
  }
  const r = mulberry32(hash(q.id));
  let compared = 0;
  for (let trial = 0; trial < 24 && compared < 8; trial++) {
    const scope = Object.fromEntries(q.vars.map((v) => [v, Math.round((0.5 + r() * 4.5) * 1000) / 1000]));
    for (const [k, v] of Object.entries(scope)) box.set(k, { kind: 'number', value: v });
    const want = box.evaluate(q.answer).outcome;
    const got = box.evaluate(expr).outcome;
    if (!want.ok || want.value.kind !== 'number' || !Number.isFinite(want.value.value)) continue;
    if (!got.ok) return { outcome: 'invalid', message: got.error };
    if (got.value.kind !== 'number') return { outcome: 'wrong', given: line };
    compared++;
    const a = got.value.value;
    const b = want.value.value;
    if (!(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)))) return { outcome: 'wrong', given: line, note: msg(`With ${fmtScope(scope)} yours gives ${round(a)}, the formula ${round(b)}.`, `当 ${fmtScope(scope)} 时，你的式子得 ${round(a)}，正确公式得 ${round(b)}。`) };
  }
  return { outcome: 'right', given: line };
}

function round(v: number): string {
  return String(Math.round(v * 1e4) / 1e4);
}

function fmtScope(scope: Record<string, number>): string {
  return Object.entries(scope)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
