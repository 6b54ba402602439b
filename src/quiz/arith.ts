/**
 * A small arithmetic reader for numeric answers: numbers, + − * / ^ and
 * brackets, the constants e and π and the functions exp, sqrt, tanh and ln,
 * so a student may type the working (4*(128*(64+128)+128), 1/(1+exp(-2)))
 * instead of doing it on a calculator. Nothing else is evaluated — no
 * variables, no other names — so it needs no sandbox, and the depth is
 * capped so a line of brackets cannot overflow the stack.
 */

const MAX_DEPTH = 100;

type Token = { kind: 'num'; value: number } | { kind: 'op'; op: string } | { kind: 'fn'; fn: (x: number) => number };

const CONSTANTS: Record<string, number> = { e: Math.E, pi: Math.PI, 'π': Math.PI };
const FUNCTIONS: Record<string, (x: number) => number> = { exp: Math.exp, sqrt: Math.sqrt, tanh: Math.tanh, ln: Math.log };

function tokenize(text: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(text.slice(i));
    if (num) {
      out.push({ kind: 'num', value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^([a-z]+|π)/i.exec(text.slice(i));
    if (name) {
      const key = name[0].toLowerCase();
      if (key in CONSTANTS) out.push({ kind: 'num', value: CONSTANTS[key] });
      else if (key in FUNCTIONS) out.push({ kind: 'fn', fn: FUNCTIONS[key] });
      else return null;
      i += name[0].length;
      continue;
    }
    if (text.startsWith('**', i)) {
      out.push({ kind: 'op', op: '^' });
      i += 2;
      continue;
    }
    if ('+-*/^()'.includes(c)) {
      out.push({ kind: 'op', op: c });
      i++;
      continue;
    }
    return null;
  }
  return out;
}

/**
 * The value of an arithmetic expression, or null when it is not one (or is
 * nested deeper than 100). The usual precedence: ^ (right to left) above
 * unary minus above * and / above + and −; 2(3+4) multiplies.
 */
export function evalArithmetic(text: string): number | null {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return null;
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (t: Token | undefined, op: string) => t?.kind === 'op' && t.op === op;
  class Fail extends Error {}

  const expr = (depth: number): number => {
    if (depth > MAX_DEPTH) throw new Fail();
    let v = term(depth);
    while (isOp(peek(), '+') || isOp(peek(), '-')) {
      const op = (tokens[pos++] as { op: string }).op;
      const r = term(depth);
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const term = (depth: number): number => {
    let v = unary(depth);
    for (;;) {
      if (isOp(peek(), '*') || isOp(peek(), '/')) {
        const op = (tokens[pos++] as { op: string }).op;
        const r = unary(depth);
        v = op === '*' ? v * r : v / r;
      } else if (isOp(peek(), '(')) {
        v *= unary(depth); // 2(3+4)
      } else return v;
    }
  };
  const unary = (depth: number): number => {
    if (depth > MAX_DEPTH) throw new Fail();
    if (isOp(peek(), '-')) {
      pos++;
      return -unary(depth + 1);
    }
    if (isOp(peek(), '+')) {
      pos++;
      return unary(depth + 1);
    }
    return power(depth);
  };
  const power = (depth: number): number => {
    const base = atom(depth);
    if (isOp(peek(), '^')) {
      pos++;
      return base ** unary(depth + 1);
    }
    return base;
  };
  const atom = (depth: number): number => {
    const t = tokens[pos++];
    if (!t) throw new Fail();
    if (t.kind === 'num') return t.value;
    if (t.kind === 'fn') {
      if (!isOp(tokens[pos++], '(')) throw new Fail();
      const v = expr(depth + 1);
      if (!isOp(tokens[pos++], ')')) throw new Fail();
      return t.fn(v);
    }
    if (t.op === '(') {
      const v = expr(depth + 1);
      if (!isOp(tokens[pos++], ')')) throw new Fail();
      return v;
    }
    throw new Fail();
  };

  try {
    const v = expr(0);
    return pos === tokens.length ? v : null;
  } catch (e) {
    if (e instanceof Fail) return null;
    throw e;
  }
}
