/**
 * The sandboxed mathjs instance the REPL's math runs in (inside the worker).
 *
 * 1. mathjs's security recipe (docs/expressions/security.md, "Less vulnerable
 *    expression parser"): import, createUnit and reviver (most important),
 *    evaluate, parse, simplify, derivative, resolve (extra), plus compile,
 *    each replaced by a function that throws a clear message. The expression
 *    namespace also loses config, typed, parser, help (its examples run
 *    through the disabled evaluate), rationalize and the other symbolic
 *    helpers that would parse text or expose expression trees. chain is
 *    already outside the expression namespace in mathjs.
 * 2. Guards: functions that allocate from a size, grow matrices, broadcast,
 *    multiply matrices or decompose them refuse results over the limits
 *    before allocating (see guards.ts); the a:b:c syntax and index
 *    assignment are guarded too.
 * 3. Bare unit names (W, S, P, K, h, m, …) are variables here, not units:
 *    "W" is "not defined" rather than one watt. Units still work after a
 *    number (5 cm, 9.81 m/s^2) and after "to" (5 cm to inch).
 */
import { randomUUID } from 'node:crypto';
import { all, create } from 'mathjs';
import {
  GuardError,
  broadcastGuard,
  concatGuard,
  decompositionGuard,
  diagGuard,
  divideGuard,
  factorialGuard,
  firstSizeGuard,
  footprint,
  formatGuard,
  guardMatrixClass,
  identityGuard,
  indexGuard,
  isCollection,
  matrixDataGuard,
  multiplyGuard,
  pickRandomGuard,
  powGuard,
  powersetGuard,
  productOfCountsGuard,
  rangeGuard,
  rangeSyntaxGuard,
  reshapeGuard,
  secondSizeGuard,
  shiftGuard,
  sizeArgsGuard,
  squareTableGuard,
  stirlingGuard,
  countArgGuard,
  type Guard,
} from './guards.js';
import { M, closest, translateError } from './messages.js';
import { precheck } from './precheck.js';
import { isReservedName, reservedNameMessage } from './reserved.js';
import type { Bilingual, Binding, Limits, MathOutcome, MathValue, ReplayEntry } from './types.js';
import { display, fromMathValue, isValidMathValue, realMatrix, toMathValue } from './values.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export const DEFAULT_LIMITS: Limits = { maxElements: 1_000_000, maxCost: 50_000_000, maxScopeElements: 4_000_000 };

/** Disabled exactly as mathjs's security documentation shows (math.import with override), plus compile. */
export const DISABLED_BY_RECIPE = ['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'compile'] as const;
/** Also removed from the expression namespace (the JavaScript side keeps them for mathjs's own use). */
export const DISABLED_EXTRA = [
  'config',
  'typed',
  'parser',
  'help',
  'rationalize',
  'simplifyCore',
  'simplifyConstant',
  'symbolicEqual',
  'leafCount',
] as const;
export const DISABLED: readonly string[] = [...DISABLED_BY_RECIPE, ...DISABLED_EXTRA];

const DECOMPOSITIONS = ['det', 'inv', 'pinv', 'lup', 'lusolve', 'qr', 'slu', 'eigs', 'schur', 'sqrtm', 'expm', 'sylvester', 'lyap'];

/** Element-wise functions of two or more matrices (they broadcast: 1e6×1 with 1×1e6 → 1e12). */
export const BROADCASTING = [
  'add',
  'subtract',
  'dotMultiply',
  'dotDivide',
  'dotPow',
  'atan2',
  'bitXor',
  'compare',
  'compareNatural',
  'compareText',
  'equal',
  'equalText',
  'unequal',
  'larger',
  'largerEq',
  'smaller',
  'smallerEq',
  'gcd',
  'lcm',
  'log',
  'log1p',
  'mod',
  'nthRoot',
  'rightArithShift',
  'rightLogShift',
  'xor',
];
/** Short-circuit operators mathjs implements with unevaluated arguments (rawArgs). */
export const RAW_BROADCASTING = ['and', 'or', 'bitAnd', 'bitOr', 'nullish'];

/** Functions of two or more matrices that do not broadcast (their result is bounded by their inputs or guarded otherwise). */
export const NOT_BROADCASTING = [
  'multiply',
  'divide',
  'pow',
  'kron',
  'concat',
  'dot',
  'cross',
  'deepEqual',
  'distance',
  'corr',
  'intersect',
  'kldivergence',
  'lsolve',
  'lsolveAll',
  'usolve',
  'usolveAll',
  'lusolve',
  'lyap',
  'sylvester',
  'rotate',
  'reshape',
  'resize',
  'pickRandom',
  'quantileSeq',
  'freqz',
  'zpk2tf',
  'to',
  'solveODE',
  'setCartesian',
  'setDifference',
  'setIntersect',
  'setIsSubset',
  'setSymDifference',
  'setUnion',
  'leftShift',
  'index',
  'map',
  'filter',
  'forEach',
];

const GUARDS: Record<string, Guard[]> = {
  zeros: [sizeArgsGuard],
  ones: [sizeArgsGuard],
  identity: [identityGuard],
  random: [firstSizeGuard],
  randomInt: [firstSizeGuard],
  matrixFromFunction: [firstSizeGuard],
  resize: [secondSizeGuard],
  reshape: [secondSizeGuard, reshapeGuard],
  pickRandom: [pickRandomGuard],
  range: [rangeGuard],
  diag: [diagGuard],
  concat: [concatGuard],
  kron: [productOfCountsGuard],
  setCartesian: [productOfCountsGuard],
  setPowerset: [powersetGuard],
  matrix: [matrixDataGuard],
  sparse: [matrixDataGuard],
  multiply: [multiplyGuard],
  divide: [divideGuard],
  pow: [powGuard],
  leftShift: [shiftGuard],
  index: [indexGuard],
  format: [formatGuard],
  print: [formatGuard],
  stirlingS2: [stirlingGuard],
  bellNumbers: [squareTableGuard],
  bernoulli: [squareTableGuard],
  factorial: [factorialGuard],
  gamma: [factorialGuard],
  freqz: [countArgGuard(2)],
  quantileSeq: [countArgGuard(1)],
  ...Object.fromEntries(DECOMPOSITIONS.map((n) => [n, [decompositionGuard]])),
  ...Object.fromEntries(BROADCASTING.map((n) => [n, [broadcastGuard]])),
};

/** mathjs's JSON types a replayed variable may contain; anything else stays a plain object. */
const REVIVABLE = new Set(['DenseMatrix', 'SparseMatrix', 'Complex', 'BigNumber', 'Fraction', 'Unit', 'Range', 'number', 'bigint']);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A statement assigning a name mathjs reads as a literal (NaN = 3, true = 1). */
const LITERAL_ASSIGNMENT = /(?:^|[;,\n])\s*(NaN|Infinity|true|false|null|undefined)\s*(?:\([^)]*\))?\s*=(?!=)/;

export interface EvalResult {
  outcome: MathOutcome;
  changes: Array<[string, ReplayEntry | null]>;
}

export interface Sandbox {
  evaluate(text: string): EvalResult;
  /** Puts a REPL value into the scope; throws on a bad name or value. */
  set(name: string, value: MathValue): void;
  /** Restores variables into a fresh scope; returns the names that could not be restored. */
  replay(entries: ReadonlyArray<[string, ReplayEntry]>): string[];
  /** The names currently in the scope (tests). */
  names(): string[];
  /** The mathjs instance (tests). */
  readonly math: Any;
}

/** The scope: a Map that reports assignments as they happen. */
class ObservedScope extends Map<string, unknown> {
  onSet: ((name: string, value: unknown) => void) | null = null;
  override set(name: string, value: unknown): this {
    super.set(name, value);
    this.onSet?.(name, value);
    return this;
  }
}

export interface SandboxOptions {
  /** Called during an evaluation when it defines a function, so a stopped evaluation keeps it. */
  onDefine?: (name: string, entry: ReplayEntry) => void;
  /**
   * The envelope key for mathjs's own types in replay JSON. The main thread
   * gives every worker of a session the same random tag; without one (tests),
   * this sandbox picks its own.
   */
  replayTag?: string;
}

export function createSandbox(limits: Limits = DEFAULT_LIMITS, options: SandboxOptions = {}): Sandbox {
  const math: Any = create(all);
  const mwt: Any = math.expression.mathWithTransform;

  // Keep what the sandbox itself uses before the recipe replaces them.
  const parse: (text: string) => Any = math.parse;
  const reviver: (key: string, value: unknown) => unknown = math.reviver;
  const replacer: (key: string, value: unknown) => unknown = math.replacer;
  const typed: Any = math.typed;

  const thrower = (name: string) => {
    const f = function disabled(): never {
      throw new GuardError(M.disabled(name));
    };
    Object.defineProperty(f, 'name', { value: name });
    return f;
  };

  // 1. The security recipe.
  math.import(Object.fromEntries(DISABLED_BY_RECIPE.map((n) => [n, thrower(n)])), { override: true });
  for (const n of DISABLED_EXTRA) mwt[n] = thrower(n);

  // 2. Guards on the expression namespace.
  const rangeTransform = mwt.range;
  for (const [name, guards] of Object.entries(GUARDS)) {
    const fn = mwt[name];
    if (typeof fn === 'function') mwt[name] = guardFunction(typed, fn, name, guards, limits);
  }
  for (const name of RAW_BROADCASTING) {
    const fn = mwt[name];
    if (typeof fn === 'function' && fn.rawArgs === true) mwt[name] = guardRawFunction(fn, name, limits);
  }
  guardMatrixClass(math.DenseMatrix, limits);
  guardMatrixClass(math.SparseMatrix, limits);

  // The a:b:c syntax.
  const RangeNode = math.RangeNode;
  RangeNode.prototype._compile = function (this: Any, ns: Any, argNames: Any) {
    const evalStart = this.start._compile(ns, argNames);
    const evalEnd = this.end._compile(ns, argNames);
    const evalStep = this.step ? this.step._compile(ns, argNames) : null;
    return function evalRangeNode(scope: Any, args: Any, context: Any) {
      const start = evalStart(scope, args, context);
      const end = evalEnd(scope, args, context);
      const step = evalStep ? evalStep(scope, args, context) : undefined;
      rangeSyntaxGuard(start, end, step, limits);
      return step === undefined ? rangeTransform(start, end) : rangeTransform(start, end, step);
    };
  };

  // 3. Bare unit names are variables.
  const unitSymbols = new WeakSet<object>();
  const SymbolNode = math.SymbolNode;
  const symbolCompile = SymbolNode.prototype._compile;
  SymbolNode.prototype._compile = function (this: Any, ns: Any, argNames: Any) {
    const name: string = this.name;
    if (argNames[name] === true || name in ns || unitSymbols.has(this)) return symbolCompile.call(this, ns, argNames);
    return function evalSymbolNode(scope: Any) {
      return scope.has(name) ? scope.get(name) : SymbolNode.onUndefinedSymbol(name);
    };
  };

  const scope = new ObservedScope();
  const footprints = new Map<string, number>();

  // Replay JSON: mathjs's own values (what toJSON made from a Complex, a Range, NaN, …) go in an envelope
  // { [tag]: … }; the student cannot know the tag, so nothing typed can pass for a mathjs type on revival.
  const tag = typeof options.replayTag === 'string' && options.replayTag.length >= 16 ? options.replayTag : `nnlearn-${randomUUID()}`;
  const taggingReplacer = function (this: Any, key: string, value: unknown): unknown {
    const raw = this?.[key];
    const out = replacer(key, value);
    const isOwnType = typeof raw === 'number' || typeof raw === 'bigint' || (typeof raw === 'object' && raw !== null && Object.getPrototypeOf(raw) !== Object.prototype && !Array.isArray(raw));
    if (isOwnType && out && typeof out === 'object' && typeof (out as Any).mathjs === 'string') return { [tag]: out };
    return out;
  };
  const taggedReviver = (_key: string, value: unknown): unknown => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    if (keys.length !== 1 || keys[0] !== tag) return value; // the student's own object, whatever its shape
    const inner = (value as Any)[tag];
    if (!inner || typeof inner !== 'object' || !REVIVABLE.has(inner.mathjs)) throw new Error('not revivable');
    return reviver('', inner);
  };

  const knownNames = (): Iterable<string> => {
    const names = new Set<string>(scope.keys());
    for (const k of Object.keys(mwt)) if (typeof k === 'string' && !DISABLED.includes(k)) names.add(k);
    return names;
  };
  const suggest = (name: string) => closest(name, knownNames());

  const fail = (error: Bilingual): EvalResult => ({ outcome: { ok: false, error }, changes: [] });

  function errorMessage(e: unknown): Bilingual {
    if (e instanceof GuardError) return e.msg;
    if (e instanceof Error) return translateError({ name: e.name, message: e.message, char: (e as Any).char }, suggest);
    return M.generic(String(e));
  }

  function replayEntry(name: string, value: unknown, assignments: Map<string, Any>): ReplayEntry | null {
    if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'value', value: toMathValue(math, value, limits.maxElements) };
    if (typeof value === 'function') {
      const node = assignments.get(name);
      if (!node) return null;
      if (node.type === 'FunctionAssignmentNode') return { kind: 'def', text: node.toString() };
      if (node.type === 'AssignmentNode' && !node.index) return { kind: 'def', text: `${name} = ${node.value.toString()}` };
      return null;
    }
    const m = realMatrix(value, limits.maxScopeElements);
    if (m) return { kind: 'value', value: { kind: 'matrix', shape: m.shape, data: m.data } };
    try {
      const json = JSON.stringify(value, taggingReplacer);
      return typeof json === 'string' ? { kind: 'json', json } : null;
    } catch {
      return null;
    }
  }

  function safeReplayEntry(name: string, value: unknown, assignments: Map<string, Any>): ReplayEntry | null {
    try {
      return replayEntry(name, value, assignments);
    } catch {
      return null;
    }
  }

  function evaluate(text: string): EvalResult {
    const pre = precheck(text);
    if (pre) return fail(pre);

    let node: Any;
    try {
      node = parse(text);
    } catch (e) {
      // NaN = 3: mathjs parses NaN as a constant and calls it a syntax error; say why it cannot be assigned.
      const literal = LITERAL_ASSIGNMENT.exec(text);
      if (literal) return fail(reservedNameMessage(literal[1]));
      return fail(errorMessage(e));
    }

    const assignments = new Map<string, Any>();
    try {
      markUnits(node, unitSymbols);
      node.traverse((n: Any) => {
        if (n.type === 'FunctionAssignmentNode') assignments.set(n.name, n);
        else if (n.type === 'AssignmentNode') {
          const root = rootSymbol(n.object);
          if (root) assignments.set(root, n);
        }
      });
    } catch (e) {
      return fail(errorMessage(e));
    }
    // pi = 3 would quietly change every formula that uses pi.
    for (const name of assignments.keys()) if (isReservedName(name)) return fail(reservedNameMessage(name));

    const before = new Map(scope);
    let result: unknown;
    let error: unknown;
    let failed = false;
    const onDefine = options.onDefine;
    if (onDefine) {
      const told = new Map<string, string>();
      scope.onSet = (name, value) => {
        const n = assignments.get(name);
        if (typeof value !== 'function' || n?.type !== 'FunctionAssignmentNode') return;
        let text = told.get(name);
        if (text !== undefined) return;
        text = String(n.toString());
        told.set(name, text);
        onDefine(name, { kind: 'def', text });
      };
    }
    const showSource = hideFunctionSource(math);
    try {
      result = node.compile().evaluate(scope);
    } catch (e) {
      error = e;
      failed = true;
    } finally {
      showSource();
      scope.onSet = null;
    }

    // What changed: new or replaced values, assigned names (a matrix may be
    // changed in place by x[1] = 5), and other names holding the same object.
    const changed = new Set<string>();
    for (const [k, v] of scope) if (!before.has(k) || before.get(k) !== v) changed.add(k);
    for (const k of assignments.keys()) if (scope.has(k)) changed.add(k);
    const changedObjects = new Set<unknown>();
    for (const k of changed) {
      const v = scope.get(k);
      if (typeof v === 'object' && v !== null) changedObjects.add(v);
    }
    if (changedObjects.size) for (const [k, v] of scope) if (changedObjects.has(v)) changed.add(k);

    // Variables stay within the memory the REPL allows.
    let total = 0;
    const newFootprints = new Map<string, number>();
    for (const k of changed) newFootprints.set(k, footprint(scope.get(k)));
    for (const [k, n] of footprints) if (!changed.has(k)) total += n;
    for (const n of newFootprints.values()) total += n;
    if (total > limits.maxScopeElements) {
      const restored: Array<[string, ReplayEntry | null]> = [];
      for (const k of changed) {
        if (before.has(k)) scope.set(k, before.get(k));
        else scope.delete(k);
        restored.push([k, before.has(k) ? safeReplayEntry(k, before.get(k), new Map()) : null]);
      }
      return { outcome: { ok: false, error: failed ? errorMessage(error) : M.scopeFull(total, limits.maxScopeElements) }, changes: restored };
    }
    for (const [k, n] of newFootprints) footprints.set(k, n);

    const changes: Array<[string, ReplayEntry | null]> = [];
    for (const k of changed) changes.push([k, safeReplayEntry(k, scope.get(k), assignments)]);
    // Each assigned name with its own value: in "F = 2; F + 1" F is 2, whatever the line's result.
    const bindings = bindingsOf(changed);

    if (failed) return { outcome: bindings.length ? { ok: false, error: errorMessage(error), bindings } : { ok: false, error: errorMessage(error) }, changes };

    try {
      let value: unknown = result;
      if (value && typeof value === 'object' && (value as Any).isResultSet === true) {
        const entries: unknown[] = (value as Any).entries;
        value = entries.length ? entries[entries.length - 1] : undefined;
      }
      const mv = toMathValue(math, value, limits.maxElements);
      const shown = mv.kind === 'text' ? mv.display : display(math, value);
      const assigned = assignedName(node);
      const outcome: MathOutcome = assigned ? { ok: true, value: mv, display: shown, assigned } : { ok: true, value: mv, display: shown };
      if (bindings.length) outcome.bindings = bindings;
      return { outcome, changes };
    } catch (e) {
      return { outcome: { ok: false, error: errorMessage(e) }, changes };
    }
  }

  function bindingsOf(names: Iterable<string>): Binding[] {
    const out: Binding[] = [];
    for (const name of names) {
      if (!scope.has(name)) continue;
      try {
        const v = scope.get(name);
        const value = toMathValue(math, v, limits.maxElements);
        out.push({ name, value, display: value.kind === 'text' ? value.display : display(math, v) });
      } catch {
        out.push({ name, value: { kind: 'text', display: '?' }, display: '?' });
      }
    }
    return out;
  }

  function set(name: string, value: MathValue): void {
    if (typeof name !== 'string' || !NAME.test(name) || name.length > 64) throw new Error(M.badName(String(name)).en);
    if (!isValidMathValue(value)) throw new Error(`Not a MathValue: ${JSON.stringify(value)?.slice(0, 80)}`);
    if (value.kind === 'matrix' && value.data.length > limits.maxScopeElements) throw new Error(M.scopeFull(value.data.length, limits.maxScopeElements).en);
    const v = fromMathValue(math, value);
    scope.set(name, v);
    footprints.set(name, footprint(v));
  }

  function replay(entries: ReadonlyArray<[string, ReplayEntry]>): string[] {
    const failed: string[] = [];
    for (const [name, entry] of entries) {
      try {
        if (!NAME.test(name)) throw new Error('bad name');
        if (entry.kind === 'value') set(name, entry.value);
        else if (entry.kind === 'json') {
          const v = JSON.parse(entry.json, taggedReviver);
          scope.set(name, v);
          footprints.set(name, footprint(v));
        } else {
          const r = evaluate(entry.text);
          if (!r.outcome.ok || !scope.has(name)) throw new Error('not restored');
        }
      } catch {
        failed.push(name);
      }
    }
    return failed;
  }

  return { evaluate, set, replay, names: () => [...scope.keys()], math };
}

/**
 * While an expression runs, a function turned into text (cos.toString(),
 * string(f)) reads as mathjs shows it (function cos, f(x)), never as its
 * JavaScript source. Evaluation is synchronous, so the change is undone
 * before anything else in this thread runs. Returns the undo.
 */
function hideFunctionSource(math: Any): () => void {
  const proto = Function.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'toString')!;
  const source = original.value as (this: unknown) => string;
  Object.defineProperty(proto, 'toString', {
    ...original,
    value: function toString(this: unknown) {
      if (typeof this !== 'function') return source.call(this);
      try {
        return display(math, this);
      } catch {
        return 'function';
      }
    },
  });
  return () => Object.defineProperty(proto, 'toString', original);
}

/** Replaces a function of the expression namespace by one that runs the guards first. */
function guardFunction(typed: Any, fn: Any, name: string, guards: readonly Guard[], limits: Limits): Any {
  if (typed.isTypedFunction(fn)) {
    // A typed function with the same signatures, so mathjs still sees a typed
    // function (map(A, sqrt) checks how many arguments a callback takes).
    const signatures: Record<string, Any> = {};
    for (const [sig, impl] of Object.entries(fn.signatures as Record<string, Any>)) {
      const rest = sig.includes('...');
      signatures[sig] = function (this: unknown, ...args: unknown[]) {
        const last = args[args.length - 1];
        const user = rest && Array.isArray(last) ? [...args.slice(0, -1), ...last] : args;
        for (const g of guards) g(user, limits, name);
        return impl.apply(this, args);
      };
    }
    return typed(name, signatures);
  }
  const wrapped = function (this: unknown, ...args: unknown[]) {
    for (const g of guards) g(args, limits, name);
    return fn.apply(this, args);
  };
  Object.defineProperty(wrapped, 'name', { value: name });
  if (fn.transform) (wrapped as Any).transform = fn.transform;
  return wrapped;
}

/** and, or, …: evaluate the first argument once, and check broadcasting before the second is combined with it. */
function guardRawFunction(fn: Any, name: string, limits: Limits): Any {
  const constant = (value: unknown) => ({ compile: () => ({ evaluate: () => value }) });
  const wrapped = function (args: Any[], ns: Any, scope: Any) {
    if (!args || args.length !== 2) throw new GuardError(M.needsTwo(name, args?.length ?? 0));
    const first = args[0].compile().evaluate(scope);
    if (!isCollection(first)) return fn([constant(first), args[1]], ns, scope);
    const second = args[1].compile().evaluate(scope);
    broadcastGuard([first, second], limits, name);
    return fn([constant(first), constant(second)], ns, scope);
  };
  (wrapped as Any).rawArgs = true;
  Object.defineProperty(wrapped, 'name', { value: name });
  return wrapped;
}

function rootSymbol(n: Any): string | undefined {
  for (let i = 0; i < 100 && n; i++) {
    if (n.type === 'SymbolNode') return n.name;
    if (n.type === 'AccessorNode') n = n.object;
    else return undefined;
  }
  return undefined;
}

function unparen(n: Any): Any {
  while (n && n.type === 'ParenthesisNode') n = n.content;
  return n;
}

/**
 * The name a line's result is shown under: x = …, x[1] = …, f(x) = …, or a
 * block whose last statement is one. "F = 2; F + 1" shows 3, not "F = 3"
 * (every assignment itself is reported in the outcome's bindings).
 */
function assignedName(root: Any): string | undefined {
  const top = unparen(root);
  const statements: Any[] = top?.type === 'BlockNode' ? top.blocks.map((b: Any) => b.node) : [top];
  const s = unparen(statements[statements.length - 1]);
  if (s?.type === 'FunctionAssignmentNode') return s.name;
  if (s?.type === 'AssignmentNode') return rootSymbol(s.object);
  return undefined;
}

function isNumberLiteral(n: Any): boolean {
  n = unparen(n);
  if (!n) return false;
  if (n.type === 'ConstantNode') return typeof n.value === 'number' || (typeof n.value === 'object' && n.value !== null);
  if (n.type === 'OperatorNode' && (n.fn === 'unaryMinus' || n.fn === 'unaryPlus') && n.args.length === 1) return isNumberLiteral(n.args[0]);
  return false;
}

/** A unit factor: cm, s^2, (m). */
function unitAtom(n: Any): Any | undefined {
  n = unparen(n);
  if (n?.type === 'SymbolNode') return n;
  if (n?.type === 'OperatorNode' && n.fn === 'pow' && n.args.length === 2 && isNumberLiteral(n.args[1])) {
    const base = unparen(n.args[0]);
    if (base?.type === 'SymbolNode') return base;
  }
  return undefined;
}

/** 5 cm, 9.81 m / s^2, 2 kg * m: a number followed by unit factors. Marks the units. */
function isQuantity(n: Any, marks: WeakSet<object>): boolean {
  n = unparen(n);
  if (n?.type !== 'OperatorNode' || n.args.length !== 2) return false;
  const atom = unitAtom(n.args[1]);
  if (!atom) return false;
  const ok =
    (n.fn === 'multiply' && n.implicit && isNumberLiteral(n.args[0])) ||
    ((n.fn === 'multiply' || n.fn === 'divide') && isQuantity(n.args[0], marks));
  if (ok) marks.add(atom);
  return ok;
}

/** The target of "to": cm, m/s, kg*m^2. */
function markUnitTarget(n: Any, marks: WeakSet<object>, depth = 0): void {
  if (depth > 20) return;
  const atom = unitAtom(n);
  if (atom) {
    marks.add(atom);
    return;
  }
  n = unparen(n);
  if (n?.type === 'OperatorNode' && (n.fn === 'multiply' || n.fn === 'divide') && n.args.length === 2) {
    markUnitTarget(n.args[0], marks, depth + 1);
    markUnitTarget(n.args[1], marks, depth + 1);
  }
}

export function markUnits(root: Any, marks: WeakSet<object>): void {
  root.traverse((n: Any) => {
    if (n.type !== 'OperatorNode') return;
    if (n.fn === 'to' && n.args.length === 2) markUnitTarget(n.args[1], marks);
    if (n.fn === 'multiply' || n.fn === 'divide') isQuantity(n, marks);
  });
}
