/**
 * Grading a formula answer. The student's line is read generously — × · ⋅
 * for multiplication, − for minus, F² for F^2, W₂ for W2, variable names in
 * any case when that names one variable only (k → K), K(F·F·D+1) as a
 * product, KFFD as K·F·F·D — then compared with the answer on random reals
 * in the REPL's mathjs sandbox. A formula that differs is explained on the
 * notes' numbers (friendly.ts), with the mistake named when it is a simple one.
 */
import type { FunctionNode, MathNode, SymbolNode } from 'mathjs';
import { msg } from '../i18n/index.js';
import { mulberry32 } from '../engine/random.js';
import { hashString } from '../engine/shuffle.js';
import { diagnose, fmtScene, fmtValue, friendlyScenes } from './friendly.js';
import type { Graded, Question } from './types.js';

type Sandbox = import('../evaluator/sandbox.js').Sandbox;
type MathJs = typeof import('mathjs');
let loaded: Promise<{ box: Sandbox; m: MathJs; parser: ReturnType<MathJs['create']> }> | undefined;

function load() {
  loaded ??= Promise.all([import('../evaluator/sandbox.js'), import('mathjs')]).then(([s, m]) => ({ box: s.createSandbox(), m, parser: m.create(m.all) }));
  return loaded;
}

/**
 * Start loading the mathjs sandbox (2–3 s the first time) without waiting for it, so the first formula
 * answer is graded at once: the quiz calls this while the student reads a question. A failure here is
 * not reported (grading loads again and says what went wrong).
 */
export function warmFormulaGrader(): void {
  load().catch(() => undefined);
  import('../evaluator/precheck.js').catch(() => undefined);
}

const MATH_NAMES = new Set(['pi', 'e', 'E', 'i', 'tau', 'phi', 'Infinity']);

/** Typed forms mathjs does not read, turned into ones it does. */
export function normaliseFormulaText(line: string): string {
  return line
    .replace(/²/g, '^2')
    .replace(/³/g, '^3')
    .normalize('NFKC') // full-width letters and brackets, subscript digits (W₂ → W2)
    .replace(/[×·⋅∙✕]/g, '*')
    .replace(/[\u2212\u2012\u2013\uFE63]/g, '-')
    .replace(/÷/g, '/')
    .replace(/√\s*\(/g, 'sqrt(')
    .replace(/√\s*([A-Za-z_]\w*|\d+(\.\d+)?)/g, 'sqrt($1)');
}

/** The variable a typed name means: itself, or the one variable it equals ignoring case. */
function resolver(vars: readonly string[]) {
  return (name: string): string | null => {
    if (vars.includes(name)) return name;
    const folded = vars.filter((v) => v.toLowerCase() === name.toLowerCase());
    return folded.length === 1 ? folded[0] : null;
  };
}

/** "KFFD" (or "kffd") → [K, F, F, D] when the name splits into the variables in exactly one way. */
function splitIntoVars(name: string, resolve: (name: string) => string | null): string[] | null {
  const ways: string[][] = [];
  const walk = (rest: string, acc: string[]) => {
    if (ways.length > 1) return;
    if (rest === '') return void ways.push(acc);
    for (let len = 1; len <= rest.length; len++) {
      const v = resolve(rest.slice(0, len));
      if (v) walk(rest.slice(len), [...acc, v]);
    }
  };
  walk(name, []);
  return ways.length === 1 && ways[0].length > 1 ? ways[0] : null;
}

export interface PreparedFormula {
  expr: string;
  names: string[];
  assigns: boolean;
}

/** Parses (never evaluates) the answer with a plain mathjs, rewriting names as above; throws on a syntax error. */
export async function prepareFormula(line: string, vars: readonly string[]): Promise<PreparedFormula> {
  const { m, parser } = await load();
  const text = normaliseFormulaText(line).replace(/^[A-Za-z_]\w*(\s*\([^)]*\))?\s*=(?!=)\s*/, ''); // accept "W2 = (W-F)/S+1"
  const resolve = resolver(vars);
  const rewrite = (root: MathNode): MathNode =>
    root.transform((n: MathNode, path: string, parent: MathNode | null) => {
      if (n.type === 'FunctionNode') {
        const f = n as FunctionNode;
        const fn = f.fn as unknown as MathNode;
        const name = fn.type === 'SymbolNode' ? (fn as SymbolNode).name : null;
        const v = name && !MATH_NAMES.has(name) ? resolve(name) : null;
        // K(F*F*D + 1): a variable followed by brackets multiplies, as on paper.
        if (v && f.args.length === 1) return new m.OperatorNode('*', 'multiply', [new m.SymbolNode(v), rewrite(f.args[0])], true);
        return n;
      }
      if (n.type !== 'SymbolNode' || (parent?.type === 'FunctionNode' && path === 'fn')) return n;
      const name = (n as SymbolNode).name;
      const v = resolve(name);
      if (v) return v === name ? n : new m.SymbolNode(v);
      if (MATH_NAMES.has(name)) return n;
      const parts = splitIntoVars(name, resolve);
      if (parts) return parts.slice(1).reduce<MathNode>((acc, p) => new m.OperatorNode('*', 'multiply', [acc, new m.SymbolNode(p)], true), new m.SymbolNode(parts[0]));
      return n;
    });
  const node = rewrite(parser.parse(text) as MathNode);
  const names = new Set<string>();
  let assigns = false;
  node.traverse((n: MathNode, path: string, parent: MathNode | null) => {
    if (n.type === 'AssignmentNode' || n.type === 'FunctionAssignmentNode') assigns = true;
    if (n.type === 'SymbolNode' && !(parent?.type === 'FunctionNode' && path === 'fn')) names.add((n as SymbolNode).name);
  });
  return { expr: node.toString({ implicit: 'show' }), names: [...names], assigns };
}

export async function gradeFormula(q: Extract<Question, { kind: 'formula' }>, line: string): Promise<Graded> {
  const { precheck } = await import('../evaluator/precheck.js');
  const bad = precheck(line, 300);
  if (bad) return { outcome: 'invalid', message: bad };
  const { box } = await load();
  let prepared: PreparedFormula;
  try {
    prepared = await prepareFormula(line, q.vars);
  } catch (e) {
    return { outcome: 'invalid', message: msg(`That is not a formula mathjs can read (${(e as Error).message}).`, `mathjs 无法读懂这个公式（${(e as Error).message}）。`) };
  }
  if (prepared.assigns) return { outcome: 'invalid', message: msg('Type the formula as an expression, without assignments (=) inside it.', '请把公式写成一个表达式，中间不要有赋值（=）。') };
  const foreign = prepared.names.filter((n) => !q.vars.includes(n) && !MATH_NAMES.has(n));
  if (foreign.length) {
    const clash = q.vars.some((v) => q.vars.some((w) => w !== v && w.toLowerCase() === v.toLowerCase()));
    return {
      outcome: 'invalid',
      message: msg(
        `Use only ${q.vars.join(', ')}; ${foreign.join(', ')} is not one of them${clash ? ' (upper and lower case differ here)' : ''}.`,
        `只能使用 ${q.vars.join('、')}；${foreign.join('、')} 不在其中${clash ? '（这里大小写不同的是不同变量）' : ''}。`,
      ),
    };
  }
  const expr = prepared.expr;
  const evalAt = (scope: Record<string, number>) => {
    for (const [k, v] of Object.entries(scope)) box.set(k, { kind: 'number', value: v });
    return { want: box.evaluate(q.answer).outcome, got: box.evaluate(expr).outcome };
  };
  const r = mulberry32(hashString(q.id));
  let compared = 0;
  let differs: { scope: Record<string, number>; a: number; b: number } | null = null;
  for (let trial = 0; trial < 24 && compared < 8; trial++) {
    const scope = Object.fromEntries(q.vars.map((v) => [v, Math.round((0.5 + r() * 4.5) * 1000) / 1000]));
    const { want, got } = evalAt(scope);
    if (!want.ok || want.value.kind !== 'number' || !Number.isFinite(want.value.value)) continue;
    if (!got.ok) return { outcome: 'invalid', message: got.error };
    if (got.value.kind !== 'number') return { outcome: 'wrong', given: line };
    compared++;
    const a = got.value.value;
    const b = want.value.value;
    if (!(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)))) {
      differs = { scope, a, b };
      break;
    }
  }
  if (!differs) return { outcome: 'right', given: line };
  return { outcome: 'wrong', given: line, note: explainOnFriendlyNumbers(q, evalAt) ?? onRandomNumbers(differs) };
}

type EvalAt = (scope: Record<string, number>) => { want: ReturnType<Sandbox['evaluate']>['outcome']; got: ReturnType<Sandbox['evaluate']>['outcome'] };

/** "With K=16, F=5, D=3: yours gives 1200, the formula 1216 — yours is short by K every time: a + K term is missing." */
function explainOnFriendlyNumbers(q: Extract<Question, { kind: 'formula' }>, evalAt: EvalAt) {
  const samples: { scene: Record<string, number>; yours: number; right: number }[] = [];
  for (const scene of friendlyScenes(q.vars, q.topic)) {
    const { want, got } = evalAt(scene);
    if (!want.ok || !got.ok || want.value.kind !== 'number' || got.value.kind !== 'number') continue;
    if (!Number.isFinite(want.value.value) || !Number.isFinite(got.value.value)) continue;
    samples.push({ scene, yours: got.value.value, right: want.value.value });
  }
  const shown = samples.find((s) => Math.abs(s.yours - s.right) > 1e-9 * Math.max(1, Math.abs(s.right)));
  if (!shown) return null;
  const why = diagnose(samples);
  return msg(
    `With ${fmtScene(shown.scene, ', ')}: yours gives ${fmtValue(shown.yours)}, the formula ${fmtValue(shown.right)}${why ? ` — ${why.en}` : ''}.`,
    `取 ${fmtScene(shown.scene, '、')} 时：你的式子得 ${fmtValue(shown.yours)}，正确公式得 ${fmtValue(shown.right)}${why ? `——${why.zh}` : ''}。`,
  );
}

function onRandomNumbers(d: { scope: Record<string, number>; a: number; b: number }) {
  return msg(`With ${fmtScene(d.scope, ', ')} yours gives ${fmtValue(d.a)}, the formula ${fmtValue(d.b)}.`, `当 ${fmtScene(d.scope, '、')} 时，你的式子得 ${fmtValue(d.a)}，正确公式得 ${fmtValue(d.b)}。`);
}
