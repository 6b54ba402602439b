/**
 * TeX math as readable Unicode for the terminal: σ for \sigma, hₜ for h_t,
 * (a+b)/c for \frac{a+b}{c}. Not a TeX engine: a small reader for the math
 * people write in notes. It never throws, on any input; what it does not
 * know it shows as written, without the backslash.
 */

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', omicron: 'ο',
  pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ',
  phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ',
  Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};

/** Commands that stand for one symbol. Relations get spaces around them at the top level. */
const SYMBOLS: Record<string, string> = {
  ...GREEK,
  cdot: '·', times: '×', odot: '⊙', otimes: '⊗', oplus: '⊕', ominus: '⊖', circ: '∘', bullet: '•', star: '⋆', ast: '∗',
  div: '÷', pm: '±', mp: '∓', sum: 'Σ', prod: 'Π', coprod: '∐', int: '∫', iint: '∬', oint: '∮',
  partial: '∂', nabla: '∇', infty: '∞', emptyset: '∅', varnothing: '∅', forall: '∀', exists: '∃', neg: '¬', lnot: '¬',
  land: '∧', wedge: '∧', lor: '∨', vee: '∨', cup: '∪', cap: '∩', setminus: '∖', top: '⊤', bot: '⊥', perp: '⊥',
  ldots: '…', dots: '…', cdots: '⋯', vdots: '⋮', ddots: '⋱', prime: '′', angle: '∠', triangle: '△', hbar: 'ℏ', ell: 'ℓ',
  langle: '⟨', rangle: '⟩', lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', vert: '|', Vert: '‖', mid: '|', lvert: '|', rvert: '|', lVert: '‖', rVert: '‖',
  backslash: '\\', lbrace: '{', rbrace: '}', lbrack: '[', rbrack: ']', sharp: '♯', flat: '♭', degree: '°', checkmark: '✓',
  // relations and arrows
  le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈', sim: '∼', simeq: '≃', cong: '≅', equiv: '≡',
  propto: '∝', ll: '≪', gg: '≫', in: '∈', notin: '∉', ni: '∋', subset: '⊂', subseteq: '⊆', supset: '⊃', supseteq: '⊇',
  to: '→', rightarrow: '→', leftarrow: '←', gets: '←', leftrightarrow: '↔', Rightarrow: '⇒', Leftarrow: '⇐',
  Leftrightarrow: '⇔', iff: '⇔', implies: '⇒', mapsto: '↦', longrightarrow: '⟶', longleftarrow: '⟵',
  Longrightarrow: '⟹', uparrow: '↑', downarrow: '↓', coloneqq: '≔', triangleq: '≜', doteq: '≐',
};

/** Symbols that are letters, not operators: a space after them in the source means nothing. */
const ORDINARY = new Set([...Object.keys(GREEK), 'partial', 'nabla', 'infty', 'hbar', 'ell', 'emptyset', 'varnothing', 'prime', 'forall', 'exists']);

const RELATIONS = new Set(['=', '≤', '≥', '≠', '≈', '∼', '≃', '≅', '≡', '∝', '≪', '≫', '∈', '∉', '∋', '⊂', '⊆', '⊃', '⊇', '→', '←', '↔', '⇒', '⇐', '⇔', '↦', '⟶', '⟵', '⟹', '≔', '≜', '≐']);

/** Named functions: shown as their name (upright in TeX). */
const FUNCTIONS = new Set([
  'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'coth',
  'log', 'ln', 'lg', 'exp', 'lim', 'limsup', 'liminf', 'max', 'min', 'sup', 'inf', 'arg', 'argmax', 'argmin',
  'det', 'dim', 'ker', 'deg', 'gcd', 'Pr', 'hom', 'mod', 'bmod',
]);

/** Commands that are only layout or size: dropped. */
const IGNORED = new Set([
  'left', 'right', 'middle', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr',
  'bigm', 'Bigm', 'displaystyle', 'textstyle', 'scriptstyle', 'scriptscriptstyle', 'limits', 'nolimits', 'nonumber', 'notag',
  'normalsize', 'small', 'large', 'Large', 'LARGE', 'huge', 'Huge', 'tiny', 'footnotesize', 'centering', 'hline', 'noindent',
  'rm', 'bf', 'it', 'sf', 'tt', 'cal', 'boldmath', 'strut', 'allowbreak',
]);

/** Commands whose one argument is shown as it is (fonts, text). */
const TEXT_ARG = new Set(['text', 'textrm', 'textbf', 'textit', 'textsf', 'texttt', 'textnormal', 'emph', 'mbox', 'hbox', 'textup']);
const MATH_ARG = new Set([
  'mathrm', 'mathbf', 'mathit', 'mathsf', 'mathtt', 'mathcal', 'mathscr', 'mathfrak', 'boldsymbol', 'bm', 'pmb', 'mathnormal',
  'operatorname', 'mathop', 'mathbin', 'mathrel', 'mathord', 'underline', 'boxed', 'fbox', 'cancel', 'bcancel', 'xcancel',
]);
/** Commands that take an argument and show nothing (labels, colours' names). */
const DROP_ARG = new Set(['label', 'color', 'phantom', 'hphantom', 'vphantom', 'hspace', 'vspace', 'kern', 'mkern', 'ref', 'eqref']);

const SPACES: Record<string, string> = { ',': ' ', ';': ' ', ':': ' ', '>': ' ', ' ': ' ', '!': '', quad: '  ', qquad: '    ', enspace: ' ', thinspace: ' ', medspace: ' ', thickspace: ' ', space: ' ', nobreakspace: ' ' };

const ESCAPED: Record<string, string> = { '{': '{', '}': '}', '%': '%', '$': '$', '&': '&', '#': '#', _: '_', '|': '‖', '\\': '\n' };

const ACCENTS: Record<string, string> = {
  hat: '\u0302', widehat: '\u0302', bar: '\u0304', overline: '\u0305', tilde: '\u0303', widetilde: '\u0303', vec: '\u20d7',
  overrightarrow: '\u20d7', dot: '\u0307', ddot: '\u0308', acute: '\u0301', grave: '\u0300', breve: '\u0306', check: '\u030c',
};

const BB: Record<string, string> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', P: 'ℙ', E: '𝔼', H: 'ℍ', '1': '𝟙' };

const SUB: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎',
  a: 'ₐ', e: 'ₑ', o: 'ₒ', x: 'ₓ', h: 'ₕ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', p: 'ₚ', s: 'ₛ', t: 'ₜ', i: 'ᵢ', j: 'ⱼ', r: 'ᵣ', u: 'ᵤ', v: 'ᵥ',
  β: 'ᵦ', γ: 'ᵧ', ρ: 'ᵨ', φ: 'ᵩ', ϕ: 'ᵩ', χ: 'ᵪ',
};
const SUP: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾',
  a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ', f: 'ᶠ', g: 'ᵍ', h: 'ʰ', i: 'ⁱ', j: 'ʲ', k: 'ᵏ', l: 'ˡ', m: 'ᵐ', n: 'ⁿ', o: 'ᵒ', p: 'ᵖ',
  r: 'ʳ', s: 'ˢ', t: 'ᵗ', u: 'ᵘ', v: 'ᵛ', w: 'ʷ', x: 'ˣ', y: 'ʸ', z: 'ᶻ',
  A: 'ᴬ', B: 'ᴮ', D: 'ᴰ', E: 'ᴱ', G: 'ᴳ', H: 'ᴴ', I: 'ᴵ', J: 'ᴶ', K: 'ᴷ', L: 'ᴸ', M: 'ᴹ', N: 'ᴺ', O: 'ᴼ', P: 'ᴾ', R: 'ᴿ',
  T: 'ᵀ', U: 'ᵁ', V: 'ⱽ', W: 'ᵂ', '⊤': 'ᵀ',
  α: 'ᵅ', β: 'ᵝ', γ: 'ᵞ', δ: 'ᵟ', ε: 'ᵋ', ϵ: 'ᵋ', θ: 'ᶿ', ι: 'ᶥ', φ: 'ᵠ', ϕ: 'ᵠ', χ: 'ᵡ',
  '′': '′', '″': '″', '*': '*', '∗': '*', '†': '†', '∘': '°',
};
// Characters already small stay as they are when scripted again (x_{t_1}).
for (const c of Object.values(SUB)) SUB[c] = c;
for (const c of '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵀ') SUP[c] = c;

const MATRIX_ENVS: Record<string, [string, string]> = {
  matrix: ['', ''], smallmatrix: ['', ''], pmatrix: ['(', ')'], bmatrix: ['[', ']'], Bmatrix: ['{', '}'], vmatrix: ['|', '|'], Vmatrix: ['‖', '‖'],
};

const MAX_DEPTH = 64;

type Mode = 'math' | 'script';

interface Ctx {
  /** The environment we are in, for & and \\ (matrix cells, cases). */
  env?: string;
  depth: number;
  mode: Mode;
}

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  get done(): boolean {
    return this.i >= this.s.length;
  }

  peek(): string {
    return this.s[this.i] ?? '';
  }

  /** `\name` (letters) or `\c` (one other character); the backslash is already read. */
  commandName(): string {
    const start = this.i;
    while (this.i < this.s.length && /[A-Za-z]/.test(this.s[this.i])) this.i++;
    if (this.i === start && this.i < this.s.length) {
      // One character, a whole code point.
      const cp = this.s.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      return String.fromCodePoint(cp);
    }
    return this.s.slice(start, this.i);
  }

  skipSpaces(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  /** The raw text of a {group}, braces balanced (for \text and \begin{name}); '' when there is none. */
  rawGroup(): string {
    this.skipSpaces();
    if (this.peek() !== '{') return '';
    let depth = 0;
    const start = this.i + 1;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\') {
        this.i += 2;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          this.i++;
          return this.s.slice(start, this.i - 1);
        }
      }
      this.i++;
    }
    return this.s.slice(start);
  }

  /** An optional [argument], raw. */
  optional(): string | undefined {
    const save = this.i;
    this.skipSpaces();
    if (this.peek() !== '[') {
      this.i = save;
      return undefined;
    }
    const end = this.s.indexOf(']', this.i);
    if (end < 0) {
      this.i = save;
      return undefined;
    }
    const v = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return v;
  }
}

/** Characters that make a single "token" for \frac and \sqrt (no parentheses needed around them). */
const ATOM = /^[∂∇−-]?[\p{L}\p{N}.′'\u0300-\u036f\u20d7\u2070-\u209c\u1d2c-\u1d6a\u1d9c-\u1dbf\u00b2\u00b3\u00b9\u2c7c\u2c7d\u02b0-\u02b8\u02e1-\u02e3\u1d43-\u1d5b]+$/u;

function isAtom(s: string): boolean {
  const t = s.trim();
  if (t === '') return true;
  if (ATOM.test(t) && !/^[−-]/.test(t)) return true;
  if (t.startsWith('√') && isAtom(t.slice(1))) return true;
  // Already wrapped in one pair of brackets: (a+b), [x], |x|.
  if (/^[([{⟨|‖]/.test(t) && closesAtEnd(t)) return true;
  return false;
}

/** Whether the bracket that opens s closes at its very end: "(a)(b)" → false. */
function closesAtEnd(t: string): boolean {
  const open = t[0];
  const close = ({ '(': ')', '[': ']', '{': '}', '⟨': '⟩', '|': '|', '‖': '‖' } as Record<string, string>)[open];
  if (!close || t[t.length - 1] !== close || t.length < 2) return false;
  if (open === close) return !t.slice(1, -1).includes(open);
  let depth = 0;
  for (let k = 0; k < t.length; k++) {
    if (t[k] === open) depth++;
    else if (t[k] === close) {
      depth--;
      if (depth === 0 && k < t.length - 1) return false;
    }
  }
  return depth === 0;
}

function wrapUnlessAtom(s: string): string {
  const t = s.trim();
  return isAtom(t) ? t : `(${t})`;
}

function script(arg: string, kind: '_' | '^'): string {
  const table = kind === '_' ? SUB : SUP;
  const t = arg.trim();
  if (t === '') return '';
  const chars = [...t.replace(/\s+/g, '')];
  if (chars.every((c) => table[c] !== undefined)) return chars.map((c) => table[c]).join('');
  if (chars.length === 1) return kind + t;
  return kind === '_' ? `_{${t}}` : `^(${t})`;
}

function parse(r: Reader, ctx: Ctx, stop: string): string {
  let out = '';
  while (!r.done) {
    const c = r.peek();
    if (stop.includes(c) && c !== '') {
      return out;
    }
    out += atom(r, ctx, out);
  }
  return out;
}

/** One argument: a {group}, a command, or one character. */
function argument(r: Reader, ctx: Ctx): string {
  r.skipSpaces();
  if (r.done) return '';
  if (ctx.depth >= MAX_DEPTH) return tooDeep(r);
  const c = r.peek();
  if (c === '{') return group(r, ctx);
  if (c === '}') return '';
  if (c === '\\') return atom(r, ctx, '');
  const cp = r.s.codePointAt(r.i)!;
  r.i += cp > 0xffff ? 2 : 1;
  return mathChar(String.fromCodePoint(cp), ctx);
}

function group(r: Reader, ctx: Ctx): string {
  r.i++; // {
  if (ctx.depth >= MAX_DEPTH) return tooDeep(r);
  const inner = parse(r, { ...ctx, depth: ctx.depth + 1 }, '}');
  if (r.peek() === '}') r.i++;
  return inner;
}

/** Nesting too deep to be real math: the rest as it is. */
function tooDeep(r: Reader): string {
  const rest = r.s.slice(r.i);
  r.i = r.s.length;
  return rest;
}

function mathChar(c: string, ctx: Ctx): string {
  if (c === '-') return '−';
  if (c === "'") return '′';
  if (c === '~') return ' ';
  if (c === '&') return ctx.env && (ctx.env in MATRIX_ENVS || ctx.env === 'cases' || ctx.env === 'array') ? ', ' : '';
  return c;
}

/** Reads one thing and returns its Unicode; `before` is what is already written (for `*` and relations). */
function atom(r: Reader, ctx: Ctx, before: string): string {
  const c = r.peek();
  if (c === '{') return group(r, ctx);
  if (c === '}') {
    // A stray closing brace at the top: drop it.
    r.i++;
    return '';
  }
  if (c === '_' || c === '^') {
    r.i++;
    return script(argument(r, { ...ctx, mode: 'script', depth: ctx.depth + 1 }), c);
  }
  if (c === '\\') {
    r.i++;
    return command(r, ctx, before);
  }
  if (/\s/.test(c)) {
    r.skipSpaces();
    return before === '' || before.endsWith(' ') || before.endsWith('\n') ? '' : ' ';
  }
  if (c === '*') {
    r.i++;
    // x_t*w: multiplication between letters, numbers or brackets → ·
    const prev = before.trimEnd().slice(-1);
    const save = r.i;
    r.skipSpaces();
    const next = r.peek();
    r.i = save;
    if (prev && next && /[\p{L}\p{N})\]\u2070-\u209c\u00b2\u00b3\u00b9\u1d2c-\u1d6a′]/u.test(prev) && /[\p{L}\p{N}(\\[{]/u.test(next)) return '·';
    return '*';
  }
  const cp = r.s.codePointAt(r.i)!;
  r.i += cp > 0xffff ? 2 : 1;
  const ch = mathChar(String.fromCodePoint(cp), ctx);
  if (RELATIONS.has(ch) && ctx.mode === 'math' && ctx.depth === 0) return spaced(ch, before);
  return ch;
}

function spaced(sym: string, before: string): string {
  return (before === '' || /[ \n]$/.test(before) ? '' : ' ') + sym + ' ';
}

function command(r: Reader, ctx: Ctx, before: string): string {
  if (r.done) return '';
  const name = r.commandName();
  if (name === '\\') {
    // A line break: cells in a matrix, lines elsewhere.
    r.optional();
    return ctx.env && ctx.env in MATRIX_ENVS ? '; ' : '\n';
  }
  if (name in ESCAPED) return ESCAPED[name];
  if (name in SPACES) return SPACES[name];
  if (IGNORED.has(name)) {
    // \left. and \right. are invisible delimiters.
    if ((name === 'left' || name === 'right' || name === 'middle') && r.peek() === '.') r.i++;
    return '';
  }
  if (name in SYMBOLS) {
    const sym = SYMBOLS[name];
    if (RELATIONS.has(sym) && ctx.mode === 'math' && ctx.depth === 0) return spaced(sym, before);
    // TeX drops the space after a control word: \sigma (x) is σ(x), \partial L is ∂L.
    if (ORDINARY.has(name)) r.skipSpaces();
    return sym;
  }
  if (FUNCTIONS.has(name)) return name;
  if (name === 'frac' || name === 'dfrac' || name === 'tfrac' || name === 'cfrac') {
    const inner = { ...ctx, depth: ctx.depth + 1 };
    const a = argument(r, inner);
    const b = argument(r, inner);
    if (a.trim() === '' && b.trim() === '') return '';
    return `${wrapUnlessAtom(a)}/${wrapUnlessAtom(b)}`;
  }
  if (name === 'binom' || name === 'dbinom' || name === 'tbinom') {
    const inner = { ...ctx, depth: ctx.depth + 1 };
    const a = argument(r, inner);
    const b = argument(r, inner);
    return `C(${a.trim()}, ${b.trim()})`;
  }
  if (name === 'sqrt') {
    const n = r.optional();
    const x = argument(r, { ...ctx, depth: ctx.depth + 1 });
    const root = n === undefined ? '√' : n.trim() === '3' ? '∛' : n.trim() === '4' ? '∜' : `${script(texToUnicode(n), '^')}√`;
    return root + wrapUnlessAtom(x);
  }
  if (name === 'begin' || name === 'end') {
    const env = r.rawGroup().trim().replace(/\*$/, '');
    if (env === 'array' && name === 'begin') r.rawGroup(); // column spec
    const brackets = MATRIX_ENVS[env];
    if (name === 'begin') {
      // Read the environment's body with its own rules for & and \\.
      const body = parseEnv(r, { ...ctx, env, depth: ctx.depth + 1 }, env);
      if (brackets) return `${brackets[0]}${body.replace(/;\s*$/, '').trim()}${brackets[1]}`;
      if (env === 'cases') return `{ ${body.trim().replace(/\n/g, '; ')}`;
      return body;
    }
    return '';
  }
  if (name in ACCENTS) {
    const x = argument(r, { ...ctx, depth: ctx.depth + 1 }).trim();
    const mark = ACCENTS[name];
    const chars = [...x];
    if (chars.length === 1) return x + mark;
    if (name === 'overline' || name === 'bar') return chars.map((ch) => ch + '\u0305').join('');
    return `${name}(${x})`;
  }
  if (TEXT_ARG.has(name)) return textOf(r.rawGroup());
  if (name === 'mathbb') {
    const x = argument(r, { ...ctx, depth: ctx.depth + 1 }).trim();
    return [...x].map((ch) => BB[ch] ?? ch).join('');
  }
  if (MATH_ARG.has(name)) {
    if (r.peek() === '*') r.i++; // \operatorname*{argmax}
    return argument(r, { ...ctx, depth: ctx.depth + 1 });
  }
  if (name === 'textcolor' || name === 'colorbox') {
    r.rawGroup();
    return argument(r, { ...ctx, depth: ctx.depth + 1 });
  }
  if (DROP_ARG.has(name)) {
    r.rawGroup();
    return '';
  }
  if (name === 'tag') return `${before === '' || before.endsWith(' ') ? '' : ' '}(${textOf(r.rawGroup())})`;
  if (name === 'underbrace' || name === 'overbrace') return argument(r, { ...ctx, depth: ctx.depth + 1 });
  if (name === 'overset' || name === 'stackrel' || name === 'underset') {
    const inner = { ...ctx, depth: ctx.depth + 1 };
    const top = argument(r, inner);
    const base = argument(r, inner);
    return base + script(top, name === 'underset' ? '_' : '^');
  }
  if (name === 'not') {
    const x = argument(r, { ...ctx, depth: ctx.depth + 1 });
    return x === '=' || x.trim() === '=' ? ' ≠ ' : x.trim() === '∈' ? ' ∉ ' : x + '\u0338';
  }
  // Unknown: the command's name, as written without its backslash (\softmax{x} → softmax(x)).
  if (/^[A-Za-z]+$/.test(name) && r.peek() === '{') {
    const x = group(r, { ...ctx, depth: ctx.depth + 1 }).trim();
    return x === '' ? name : `${name}(${x})`;
  }
  return name;
}

function parseEnv(r: Reader, ctx: Ctx, env: string): string {
  let out = '';
  while (!r.done) {
    // Stop at \end{env}.
    if (r.s.startsWith('\\end', r.i)) {
      const save = r.i;
      r.i += 4;
      const name = r.rawGroup().trim().replace(/\*$/, '');
      if (name === env || name === '') return out;
      r.i = save;
      out += atom(r, ctx, out);
      continue;
    }
    out += atom(r, ctx, out);
  }
  return out;
}

/** \text{…}: the words as written, with escapes and nested math read. */
function textOf(raw: string): string {
  let out = '';
  for (let k = 0; k < raw.length; k++) {
    const ch = raw[k];
    if (ch === '\\' && k + 1 < raw.length) {
      const rest = raw.slice(k + 1);
      const m = /^[A-Za-z]+/.exec(rest);
      if (m) {
        out += SYMBOLS[m[0]] ?? (m[0] in SPACES ? SPACES[m[0]] : IGNORED.has(m[0]) ? '' : m[0]);
        k += m[0].length;
      } else {
        out += ESCAPED[rest[0]] === '\n' ? ' ' : (ESCAPED[rest[0]] ?? SPACES[rest[0]] ?? rest[0]);
        k += 1;
      }
    } else if (ch === '$') {
      const end = raw.indexOf('$', k + 1);
      if (end > k) {
        out += texToUnicode(raw.slice(k + 1, end)).replace(/\n/g, ' ');
        k = end;
      }
    } else if (ch !== '{' && ch !== '}') {
      out += ch === '~' ? ' ' : ch;
    }
  }
  return out;
}

/**
 * TeX math → Unicode text. Line breaks (`\\`) become '\n'; runs of spaces
 * collapse; relations (=, ≤, →, …) get one space on each side.
 */
export function texToUnicode(tex: string): string {
  try {
    const s = String(tex ?? '');
    const r = new Reader(s);
    const out = parse(r, { depth: 0, mode: 'math' }, '');
    return out
      .split('\n')
      .map((l) => l.replace(/ {2,}/g, (m) => (m.length >= 4 ? '    ' : m.length >= 2 ? '  ' : ' ')).trim())
      .join('\n')
      .replace(/ +([,;)\]])/g, '$1')
      .replace(/([([]) +/g, '$1')
      .normalize('NFC');
  } catch {
    // Never fail a lesson over a formula: show it as typed.
    return String(tex ?? '');
  }
}

/** A display formula's lines (`\\` separates them), each as Unicode; empty lines dropped. */
export function texLines(tex: string): string[] {
  return texToUnicode(tex)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
