/**
 * Live formulas: substitute the student's numbers, evaluate with mathjs
 * (loaded on first use), and round as the formula says. The expressions are
 * authored in the lessons; only the numbers come from the student.
 */
import { msg, type Msg } from '../i18n/index.js';
import type { LiveFormula } from './types.js';
import { groupDigits } from '../engine/format.js';

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

export function fmtFormulaNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Math.round(v * 1000) / 1000;
  if (Number.isInteger(r)) return Math.abs(r) >= 10000 ? groupDigits(r) : String(r);
  // Three decimals at most; "…" says the value was cut, not that it ended there.
  return String(r) + (r !== v ? '…' : '');
}

/** A value placed inside a formula: negatives in parentheses so "2·-1" reads "2·(−1)". */
function inFormula(v: number): string {
  const s = fmtFormulaNumber(v).replace(/…$/, '');
  return v < 0 ? `(${s.replace('-', '−')})` : s;
}

export function substitute(f: LiveFormula, values: Record<string, number>): string {
  return f.substituted.replace(/\{(\w+)\}/g, (_, name: string) => (name in values ? inFormula(values[name]) : `{${name}}`));
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

export async function evaluateFormula(f: LiveFormula, override: Record<string, number> = {}): Promise<FormulaOutcome> {
  const values = Object.fromEntries(f.vars.map((v) => [v.name, override[v.name] ?? v.value]));
  const evaluate = await loadEvaluator();
  const exact = evaluate(f.expr, values);
  const result = f.result.round === 'floor' ? Math.floor(exact + 1e-9) : f.result.round === 'ceil' ? Math.ceil(exact - 1e-9) : exact;
  return { values, substituted: substitute(f, values), exact, result, note: f.note?.(values, result) ?? null };
}
