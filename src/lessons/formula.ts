/**
 * Live formulas: substitute the student's numbers, evaluate with mathjs
 * (loaded on first use), and round as the formula says. The expressions are
 * authored in the lessons; only the numbers come from the student.
 */
import { msg, type Msg } from '../i18n/index.js';
import type { FormulaVar, LiveFormula } from './types.js';

export interface FormulaOutcome {
  values: Record<string, number>;
  substituted: string;
  exact: number;
  result: number;
  note: Msg | null;
}

type Evaluate = (expr: string, scope: Record<string, number>) => number;
let evaluator: Promise<Evaluate> | undefined;

async function loadEvaluator(): Promise<Evaluate> {
  evaluator ??= import('mathjs').then((m) => {
    const math = m.create(m.all);
    return (expr: string, scope: Record<string, number>) => {
      const v: unknown = math.evaluate(expr, { ...scope });
      return typeof v === 'number' ? v : Number(v);
    };
  });
  return evaluator;
}

/** Significant digits a computed result is shown with (more when fewer would round it to a whole number it is not). */
const RESULT_SIG = 6;

/** |v| written out in full, never in exponent form: 1e-7 → "0.0000001", 1.5e21 → "1500000000000000000000". */
function plainDecimal(a: number): string {
  const s = String(Math.abs(a));
  if (!s.includes('e')) return s;
  const [mant, e] = s.split('e');
  const digits = mant.replace('.', '');
  const dot = mant.includes('.') ? mant.indexOf('.') : mant.length;
  const point = dot + Number(e);
  if (point <= 0) return '0.' + '0'.repeat(-point) + digits;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return digits.slice(0, point) + '.' + digits.slice(point);
}

/** 1234567.5 → "1,234,567.5": the integer part grouped when it has five digits or more, as counts are printed elsewhere. */
function groupInteger(body: string): string {
  const [int, frac] = body.split('.');
  const g = int.length >= 5 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
  return frac === undefined ? g : `${g}.${frac}`;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/**
 * A number the student typed (or a default), as it appears in the substituted
 * formula and the table: exactly, never rounded — a rounded input (α = 0.0001
 * shown as 0) would make the printed equation disagree with its result.
 */
export function fmtFormulaInput(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const body = groupInteger(plainDecimal(v));
  return v < 0 ? `−${body}` : body;
}

/**
 * A computed result: whole numbers exactly; anything else to 6 significant
 * digits (not fixed decimals, so 0.000123 keeps its digits), with more digits
 * when 6 would round it to a whole number it is not (0.9999997, not 1), and
 * "…" when digits were cut. Below 10⁻⁴ or from 10¹⁵ on: 1.23457·10⁻⁹.
 */
export function fmtFormulaNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const sign = v < 0 ? '−' : '';
  if (Number.isInteger(v)) return sign + groupInteger(plainDecimal(v));
  const a = Math.abs(v);
  if (a < 1e-4 || a >= 1e15) {
    const [m, e] = a.toExponential(RESULT_SIG - 1).split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const cut = Number(`${m}e${e}`) !== a;
    const exp = String(Number(e)).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]);
    return `${sign}${mant}·10${exp}${cut ? '…' : ''}`;
  }
  let r = a;
  for (let sig = RESULT_SIG; sig <= 17; sig++) {
    r = Number(a.toPrecision(sig));
    if (!Number.isInteger(r)) break;
  }
  return sign + groupInteger(plainDecimal(r)) + (r !== a ? '…' : '');
}

/** A value placed inside a formula: negatives in parentheses so "2·-1" reads "2·(−1)". */
function inFormula(v: number): string {
  const s = fmtFormulaInput(v);
  return v < 0 ? `(${s})` : s;
}

/**
 * Brackets around the selected variable's number in a substituted formula:
 * private-use characters no text contains, which the renderer turns into a
 * highlight (or drops, without colour) after escaping controls.
 */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';

export function substitute(f: LiveFormula, values: Record<string, number>, selected?: string): string {
  return f.substituted.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) return `{${name}}`;
    const s = inFormula(values[name]);
    return name === selected ? MARK_OPEN + s + MARK_CLOSE : s;
  });
}

/**
 * How far one press of the stepping key moves a variable: 1 for whole
 * numbers (sizes), otherwise a tenth of a power of ten that suits its range
 * (0.1 for a gate in (0, 1) or a value in (−1, 1)), at most 1.
 */
export function stepOf(v: FormulaVar): number {
  if (v.integer) return 1;
  if (v.min === undefined || v.max === undefined) return 0.1;
  const range = v.max - v.min;
  if (!(range > 0)) return 0.1;
  return Math.min(1, 10 ** Math.floor(Math.log10(range / 10)));
}

/** value + k·step, clamped to the variable's range and cleared of binary noise (0.1 + 0.2 → 0.3, not 0.30000000000000004). */
export function stepValue(v: FormulaVar, current: number, direction: 1 | -1): number {
  const step = stepOf(v);
  let next = Number((current + direction * step).toPrecision(12));
  if (v.integer) next = Math.round(next);
  if (v.min !== undefined) next = Math.max(v.min, next);
  if (v.max !== undefined) next = Math.min(v.max, next);
  return next;
}

/** Checks a value the student typed for a variable; returns a message if it is not allowed. */
export function checkValue(f: LiveFormula, name: string, value: number): Msg | null {
  const v = f.vars.find((x) => x.name === name);
  if (!v) return msg(`No variable ${name}.`, `没有变量 ${name}。`);
  if (!Number.isFinite(value)) return msg(`${name} must be a number.`, `${name} 必须是数字。`);
  if (v.integer && !Number.isInteger(value)) return msg(`${name} must be a whole number.`, `${name} 必须是整数。`);
  if (v.min !== undefined && value < v.min) return msg(`${name} must be at least ${v.min}.`, `${name} 至少为 ${v.min}。`);
  if (v.max !== undefined && value > v.max) return msg(`${name} must be at most ${v.max}.`, `${name} 最多为 ${v.max}。`);
  return null;
}

/** Starts loading mathjs now (a lesson opens): the first formula step then needs no wait. */
export function warmFormulaEvaluator(): void {
  loadEvaluator().catch(() => undefined);
}

export async function evaluateFormula(f: LiveFormula, override: Record<string, number> = {}, selected?: string): Promise<FormulaOutcome> {
  const values = Object.fromEntries(f.vars.map((v) => [v.name, override[v.name] ?? v.value]));
  const evaluate = await loadEvaluator();
  const exact = evaluate(f.expr, values);
  const result = f.result.round === 'floor' ? Math.floor(exact + 1e-9) : f.result.round === 'ceil' ? Math.ceil(exact - 1e-9) : exact;
  return { values, substituted: substitute(f, values, selected), exact, result, note: f.note?.(values, result) ?? null };
}
