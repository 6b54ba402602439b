/** mathjs's errors in student language, and the checks on the text before mathjs sees it. */
import { describe, expect, it } from 'vitest';
import { M, closest, translateError } from '../../src/evaluator/messages.js';
import { nesting, precheck } from '../../src/evaluator/precheck.js';
import type { Bilingual } from '../../src/evaluator/types.js';
import { fmtAsTyped, fmtSizeCount } from '../../src/i18n/numbers.js';

const tr = (name: string, message: string, char?: number) => translateError({ name, message, char }, (n) => (n === 'sqr' ? 'sqrt' : undefined));

function oneLineBoth(b: Bilingual): void {
  for (const s of [b.en, b.zh]) {
    expect(s.length).toBeGreaterThan(0);
    expect(s).not.toMatch(/\n/);
  }
  expect(b.zh).toMatch(/[\u4e00-\u9fff]/);
}

describe('translateError', () => {
  const cases: Array<[string, string, RegExp, RegExp]> = [
    ['Error', 'Undefined symbol W', /^W is not defined: set it first with let W = 227$/, /^W 还没有定义/],
    ['Error', 'Undefined function sqr', /^sqr\(…\) is not a known function: did you mean sqrt\?/, /你是不是想输入 sqrt/],
    ['TypeError', "'W' is not a function; its value is:\n  227", /^W holds a value, not a function: to multiply, write W \* \(…\)/, /不是函数/],
    ['SyntaxError', 'Unexpected end of expression (char 4)', /^Syntax error at column 4: the expression ends too early/, /^第 4 列有语法错误/],
    ['SyntaxError', 'Value expected (char 3)', /^Syntax error at column 3: a number, a name or a bracket was expected here/, /第 3 列/],
    ['SyntaxError', 'Parenthesis ) expected (char 7)', /a closing \) is missing/, /缺少右括号/],
    ['SyntaxError', 'Unexpected operator * (char 2)', /the operator \* is out of place/, /运算符/],
    ['SyntaxError', 'Invalid left hand side of assignment operator = (char 5)', /only a name \(x = 2\)/, /只能给名字/],
    ['SyntaxError', 'Something new (char 9)', /^Syntax error at column 9: Something new\.$/, /^第 9 列有语法错误/],
    ['TypeError', 'Too many arguments in function sqrt (expected: 1, actual: 2)', /^sqrt takes 1 argument, but got 2/, /sqrt 接受 1 个参数，但这里给了 2 个/],
    ['TypeError', 'Too few arguments in function pow (expected: number or Complex, index: 1)', /^pow needs more arguments: argument 2 is missing \(expected a number, a complex number\)/, /缺少第 2 个参数/],
    ['TypeError', 'Unexpected type of argument in function sqrt (expected: number or Complex or BigNumber, actual: string, index: 0)', /^sqrt cannot use text as argument 1; it expects a number, a complex number, a big number/, /不能是文本/],
    ['RangeError', 'Dimension mismatch in multiplication. Matrix A columns (3) must match Matrix B rows (2)', /left side has 3 columns but the right side has 2 rows; they must agree/, /左边有 3 列，右边有 2 行/],
    ['DimensionError', 'Dimension mismatch (3 != 2)', /^The sizes don't match \(3 vs 2\)/, /尺寸不匹配/],
    ['IndexError', 'Index out of range (5 > 3)', /^Index 5 is out of range: the largest index here is 3/, /最大的下标是 3/],
    ['IndexError', 'Index out of range (0 < 1)', /^Index 0 is out of range: indices count from 1/, /下标从 1 开始/],
    ['Error', 'No access to property "constructor"', /^Access to "constructor" is not allowed/, /不允许访问/],
    ['Error', 'Cannot access method "valueOf" as a property', /"valueOf"/, /不允许/],
    ['RangeError', 'Maximum call stack size exceeded', /^Too much recursion/, /递归太深/],
    ['SyntaxError', 'String "abc" is not a valid number', /^"abc" is text and cannot be used as a number/, /是文本/],
    ['Error', "Function 'sqrt' doesn't apply to matrices. To call it elementwise use `map(matrix, sqrt)`.", /map\(A, sqrt\)/, /map\(A, sqrt\)/],
    ['Error', 'Matrix must be square (size: [2, 3])', /square matrix \(n×n\), but the shape is 2×3/, /方阵/],
    ['RangeError', 'Invalid array length', /too large/, /太大/],
    ['Error', 'Something mathjs never said before', /^Could not compute this: Something mathjs never said before\.$/, /^无法计算/],
  ];
  for (const [name, message, en, zh] of cases) {
    it(message.slice(0, 60), () => {
      const b = tr(name, message);
      expect(b.en).toMatch(en);
      expect(b.zh).toMatch(zh);
      oneLineBoth(b);
    });
  }
});

describe('every message is one line in both languages', () => {
  it('for the messages with arguments', () => {
    const all: Bilingual[] = [
      M.empty(),
      M.tooLong(10240, 2000),
      M.tooDeep(150, 100, 150),
      M.badChar('0001', 3),
      M.timeout(2000),
      M.timeout(300),
      M.outOfMemory(256),
      M.crashed('exit code 1'),
      M.workerMissing('/x/dist/math-worker.js'),
      M.closed(),
      M.tooMany('zeros(1e9)', 1e9, 1e6),
      M.tooMany({ en: 'x', zh: 'x' }, Infinity, 1e6),
      M.tooCostly('det(a 500×500 matrix)', 1.25e9, 5e7),
      M.tooManyDigits('pow(2, 1e7)', 3e6, 1e5),
      M.indexTooLarge(1e9, 1e6),
      M.precisionTooLarge('format', 1e9, 1000),
      M.scopeFull(5e6, 4e6),
      ...['evaluate', 'simplify', 'help', 'import', 'config'].map(M.disabled),
      M.matmul([2, 3], [2, 3], 3, 2),
      M.broadcastMismatch('+', [2], [3]),
      M.badName('2x'),
    ];
    for (const b of all) oneLineBoth(b);
    expect(M.timeout(2000).en).toMatch(/^This took longer than 2 s and was stopped — e\.g\. a function that calls itself forever/);
    expect(M.tooMany('zeros(1e9)', 1e9, 1e6).en).toBe('zeros(1e9) would create 1,000,000,000 numbers; the REPL allows at most 1,000,000. Use smaller sizes.');
  });
});

describe('precheck', () => {
  it('refuses long lines, junk and deep nesting with a clear message', () => {
    expect(precheck('1+1')).toBeNull();
    expect(precheck('   ')?.en).toMatch(/^Nothing to compute/);
    expect(precheck('1'.repeat(2001))?.en).toMatch(/^This expression is 2,001 characters long/);
    expect(precheck('1 + \u0007')?.en).toBe('Unreadable character U+0007 at column 5: type the math as plain text, e.g. (32 - 5 + 2*2)/1 + 1.');
    expect(precheck('1 + \ud800')?.en).toMatch(/U\+d800/);
    expect(precheck('x = "😀"')).toBeNull();
    expect(precheck(`${'('.repeat(101)}1${')'.repeat(101)}`)?.en).toMatch(/^Brackets are nested 101 levels deep \(at column 101\); the REPL allows at most 100/);
    expect(precheck(`${'['.repeat(100)}1${']'.repeat(100)}`)).toBeNull();
  });

  it('does not count brackets inside strings', () => {
    expect(nesting('"((((" + (1)').max).toBe(1);
    expect(nesting("'[[[\\'[[' + [1]").max).toBe(1);
    expect(nesting('((1)').max).toBe(2);
    expect(nesting(')))(((').max).toBe(3);
  });

  it('is linear: 20,000 nested parentheses are measured without recursion', () => {
    expect(nesting('('.repeat(20000)).max).toBe(20000);
  });
});

describe('helpers', () => {
  it('formats counts and numbers', () => {
    expect(fmtSizeCount(1e9)).toBe('1,000,000,000');
    expect(fmtSizeCount(Infinity)).toBe('∞');
    expect(fmtAsTyped(1e9)).toBe('1e9');
    expect(fmtAsTyped(1234567)).toBe('1234567');
    expect(fmtAsTyped(2.5)).toBe('2.5');
  });

  it('suggests close names', () => {
    expect(closest('sqr', ['qr', 'sqrt', 'sec'])).toBe('sqrt');
    expect(closest('trasnpose', ['transpose', 'trace'])).toBe('transpose');
    expect(closest('Sum', ['sum'])).toBe('sum');
    expect(closest('xy', ['x', 'y'])).toBeUndefined();
    expect(closest('zzzzzz', ['sqrt'])).toBeUndefined();
  });
});
