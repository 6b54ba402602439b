/**
 * Every message the math evaluator shows, in English and Simplified Chinese,
 * and the translation of mathjs's own errors into student language.
 * Pure: no mathjs, no I/O. Used by the main thread and by the worker.
 */
import type { Bilingual } from './types.js';
import { editDistance } from '../engine/edit-distance.js';
import { fmtAsTyped, fmtSizeCount } from '../i18n/numbers.js';

export function bi(en: string, zh: string): Bilingual {
  return { en: oneLine(en), zh: oneLine(zh) };
}

/** Messages are one line: no newlines, no runs of spaces, not endless. */
export function oneLine(s: string, max = 400): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** [2, 3] → "2×3"; [] → "1×1". */
export function fmtShape(shape: readonly number[]): string {
  return shape.length ? shape.join('×') : '1×1';
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** Text that may differ by language (a call like "zeros(1e9)" does not). */
export type Text = string | Bilingual;

function en(t: Text): string {
  return typeof t === 'string' ? t : t.en;
}

function zh(t: Text): string {
  return typeof t === 'string' ? t : t.zh;
}

/** [3] for a vector, 2×3 for a matrix. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `[${shape[0]}]` : fmtShape(shape);
}

/** A short piece of user text to quote inside a message. */
export function quote(s: string, max = 40): string {
  const t = s.replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

// ---------------------------------------------------------------------------
// Checks on the text (main thread)

export const M = {
  empty: () => bi('Nothing to compute: type an expression such as (32 - 5 + 2*2)/1 + 1.', '没有可计算的内容：请输入一个表达式，例如 (32 - 5 + 2*2)/1 + 1。'),

  tooLong: (len: number, max: number) =>
    bi(
      `This expression is ${fmtSizeCount(len)} characters long; the REPL reads at most ${fmtSizeCount(max)}. Split it up and keep intermediate results in variables, e.g. a = ... then a + 1.`,
      `这个表达式有 ${fmtSizeCount(len)} 个字符，REPL 最多读取 ${fmtSizeCount(max)} 个。请把它拆开，用变量保存中间结果，例如先 a = ...，再 a + 1。`,
    ),

  tooDeep: (depth: number, max: number, col: number) =>
    bi(
      `Brackets are nested ${fmtSizeCount(depth)} levels deep (at column ${col}); the REPL allows at most ${max}. Compute the inner part first and store it in a variable.`,
      `括号嵌套了 ${fmtSizeCount(depth)} 层（第 ${col} 列），REPL 最多允许 ${max} 层。请先计算里面的部分，并存到一个变量里。`,
    ),

  badChar: (code: string, col: number) =>
    bi(
      `Unreadable character U+${code} at column ${col}: type the math as plain text, e.g. (32 - 5 + 2*2)/1 + 1.`,
      `第 ${col} 列有无法识别的字符 U+${code}：请用普通文本输入算式，例如 (32 - 5 + 2*2)/1 + 1。`,
    ),

  // -------------------------------------------------------------------------
  // The worker's fate (main thread)

  timeout: (ms: number) => {
    const s = ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
    return bi(
      `This took longer than ${s} and was stopped — e.g. a function that calls itself forever, or a very large computation. Your variables are kept.`,
      `计算超过了 ${s}，已被停止——例如一个无休止地调用自己的函数，或者计算量太大。已有的变量都还在。`,
    );
  },

  outOfMemory: (mb: number) =>
    bi(
      `This needed more memory than the REPL allows (${mb} MB) and was stopped. Use smaller matrices; your variables are kept.`,
      `这个计算需要的内存超过了 REPL 的上限（${mb} MB），已被停止。请使用更小的矩阵；已有的变量都还在。`,
    ),

  crashed: (detail: string) =>
    bi(
      `The math engine stopped unexpectedly (${quote(detail, 80)}) and was restarted; your variables are kept. Please try again.`,
      `计算引擎意外停止（${quote(detail, 80)}），已重新启动；已有的变量都还在。请再试一次。`,
    ),

  workerMissing: (path: string) =>
    bi(
      `The math engine is not built (${path} is missing): run npm run build, then try again.`,
      `计算引擎还没有构建（缺少 ${path}）：请先运行 npm run build，然后再试。`,
    ),

  notRestored: (names: readonly string[]) =>
    bi(
      `After the math engine restarted, ${names.length === 1 ? 'this variable' : 'these variables'} could not be restored: ${names.join(', ')}. Set ${names.length === 1 ? 'it' : 'them'} again.`,
      `计算引擎重新启动后，下列变量未能恢复：${names.join('、')}。请重新赋值。`,
    ),

  closed: () => bi('The math engine was closed while computing this. Please try again.', '计算过程中计算引擎被关闭了。请再试一次。'),

  // -------------------------------------------------------------------------
  // Guards (worker)

  tooMany: (call: Text, count: number, limit: number) =>
    bi(
      `${en(call)} would create ${Number.isFinite(count) ? `${fmtSizeCount(count)} numbers` : 'infinitely many numbers'}; the REPL allows at most ${fmtSizeCount(limit)}. Use smaller sizes.`,
      `${zh(call)} 会生成${Number.isFinite(count) ? ` ${fmtSizeCount(count)} 个数` : '无穷多个数'}，REPL 最多允许 ${fmtSizeCount(limit)} 个。请用更小的尺寸。`,
    ),

  tooCostly: (call: Text, cost: number, limit: number) =>
    bi(
      `${en(call)} would need about ${fmtSizeCount(cost)} multiply-adds; the REPL allows at most ${fmtSizeCount(limit)} in one step, so it was not started. Try smaller matrices.`,
      `${zh(call)} 大约需要 ${fmtSizeCount(cost)} 次乘加运算，REPL 一步最多允许 ${fmtSizeCount(limit)} 次，所以没有开始计算。请换用更小的矩阵。`,
    ),

  tooManyDigits: (call: Text, digits: number, limit: number) =>
    bi(
      `${en(call)} would create a number with about ${fmtSizeCount(digits)} digits; the REPL allows at most ${fmtSizeCount(limit)}.`,
      `${zh(call)} 会得到一个大约 ${fmtSizeCount(digits)} 位的数，REPL 最多允许 ${fmtSizeCount(limit)} 位。`,
    ),

  indexTooLarge: (index: number, limit: number) =>
    bi(
      `Index ${fmtAsTyped(index)} is too large: the REPL's matrices hold at most ${fmtSizeCount(limit)} numbers.`,
      `下标 ${fmtAsTyped(index)} 太大了：REPL 中的矩阵最多只能有 ${fmtSizeCount(limit)} 个数。`,
    ),

  precisionTooLarge: (call: string, p: number, max: number) =>
    bi(`${call}: a precision of ${fmtAsTyped(p)} digits is too many; the REPL allows at most ${max}.`, `${call}：精度 ${fmtAsTyped(p)} 位太多了，REPL 最多允许 ${max} 位。`),

  scopeFull: (total: number, limit: number) =>
    bi(
      `Your variables would hold ${fmtSizeCount(total)} numbers in total; the REPL keeps at most ${fmtSizeCount(limit)}. Nothing was stored: free a big variable first, e.g. x = 0.`,
      `这样所有变量加起来会有 ${fmtSizeCount(total)} 个数，REPL 最多保存 ${fmtSizeCount(limit)} 个。本次没有保存任何变量：请先释放一个大变量，例如 x = 0。`,
    ),

  disabled: (name: string) => {
    switch (name) {
      case 'evaluate':
      case 'parse':
      case 'compile':
      case 'resolve':
      case 'parser':
        return bi(
          `${name}() is turned off in the REPL for safety: it would run text as code. Type the math directly instead, e.g. 2 + 3.`,
          `为了安全，REPL 关闭了 ${name}()：它会把文本当作代码运行。请直接输入算式，例如 2 + 3。`,
        );
      case 'simplify':
      case 'derivative':
      case 'rationalize':
      case 'simplifyCore':
      case 'simplifyConstant':
      case 'symbolicEqual':
      case 'leafCount':
        return bi(
          `${name}() is turned off in the REPL: symbolic algebra works on expression trees, which the REPL does not expose. Compute with numbers instead, e.g. f(x) = x^2 then f(3).`,
          `REPL 关闭了 ${name}()：符号代数要操作表达式树，REPL 不开放这项功能。请改用数值计算，例如先 f(x) = x^2，再 f(3)。`,
        );
      case 'help':
        return bi(
          'help() of mathjs is turned off in the REPL; type help on its own line for the REPL\'s help.',
          'REPL 关闭了 mathjs 的 help()；请单独输入 help 查看 REPL 的帮助。',
        );
      default:
        return bi(
          `${name}() is turned off in the REPL for safety: it would change how mathjs itself works. Use the built-in functions and your own, e.g. f(x) = x^2.`,
          `为了安全，REPL 关闭了 ${name}()：它会改变 mathjs 本身的行为。请使用内置函数或自己定义函数，例如 f(x) = x^2。`,
        );
    }
  },

  // -------------------------------------------------------------------------
  // mathjs errors in student language (worker)

  undefinedSymbol: (name: string, suggestion?: string) =>
    bi(
      `${name} is not defined: set it first with let ${name} = 227${suggestion ? ` (or did you mean ${suggestion}?)` : ''}`,
      `${name} 还没有定义：请先赋值，例如 let ${name} = 227${suggestion ? `（或者你想输入的是 ${suggestion}？）` : ''}`,
    ),

  undefinedFunction: (name: string, suggestion?: string) =>
    bi(
      `${name}(…) is not a known function: ${suggestion ? `did you mean ${suggestion}? Or ` : ''}define it first, e.g. ${name}(x) = x^2`,
      `${name}(…) 不是已知的函数：${suggestion ? `你是不是想输入 ${suggestion}？或者` : ''}先定义它，例如 ${name}(x) = x^2`,
    ),

  notAFunction: (name: string) =>
    bi(
      `${name} holds a value, not a function: to multiply, write ${name} * (…) with an explicit *.`,
      `${name} 是一个值，不是函数：如果想相乘，请写成 ${name} * (…)，明确写出 *。`,
    ),

  syntax: (col: number | undefined, what: Bilingual) =>
    col === undefined
      ? bi(`Syntax error: ${what.en}.`, `语法错误：${what.zh}。`)
      : bi(`Syntax error at column ${col}: ${what.en}.`, `第 ${col} 列有语法错误：${what.zh}。`),

  tooManyArgs: (fn: string, expected: string, actual: string) =>
    bi(
      `${fn} takes ${expected} ${plural(Number(expected), 'argument', 'arguments')}, but got ${actual}. Remove the extra ones.`,
      `${fn} 接受 ${expected} 个参数，但这里给了 ${actual} 个。请去掉多余的参数。`,
    ),

  tooFewArgs: (fn: string, index: number, expected: Bilingual) =>
    bi(
      `${fn} needs more arguments: argument ${index + 1} is missing (expected ${expected.en}).`,
      `${fn} 的参数不够：缺少第 ${index + 1} 个参数（应为${expected.zh}）。`,
    ),

  wrongType: (fn: string, index: number, expected: Bilingual, actual: Bilingual) =>
    bi(
      `${fn} cannot use ${actual.en} as argument ${index + 1}; it expects ${expected.en}.`,
      `${fn} 的第 ${index + 1} 个参数不能是${actual.zh}；它需要${expected.zh}。`,
    ),

  matmul: (a: readonly number[], b: readonly number[], left: number, right: number) =>
    bi(
      `Matrix product of shapes ${shapeText(a)} and ${shapeText(b)}: the inner dimensions must agree (${left} ≠ ${right}). Transpose one side with ', or use .* to multiply element by element.`,
      `形状为 ${shapeText(a)} 和 ${shapeText(b)} 的矩阵相乘：内侧的两个维度必须相同（${left} ≠ ${right}）。可以用 ' 转置其中一个，或者用 .* 逐元素相乘。`,
    ),

  broadcastMismatch: (op: string, a: readonly number[], b: readonly number[]) =>
    bi(
      `The shapes ${shapeText(a)} and ${shapeText(b)} don't fit for ${op}: element-wise operations need equal shapes, or shapes that broadcast (each dimension equal, or 1), like 2×3 with 1×3.`,
      `形状 ${shapeText(a)} 和 ${shapeText(b)} 无法进行 ${op} 运算：逐元素运算要求形状相同，或者可以广播（每个维度相同或为 1），比如 2×3 和 1×3。`,
    ),

  dimension: (detail: string) =>
    bi(
      `The sizes don't match (${detail}): element-wise operations need equal shapes, or shapes that broadcast, like 2×3 with 1×3.`,
      `尺寸不匹配（${detail}）：逐元素运算要求形状相同，或者可以广播，比如 2×3 和 1×3。`,
    ),

  indexRange: (index: string, op: string, bound: string) =>
    op === '<'
      ? bi(
          `Index ${index} is out of range: indices count from ${bound}, e.g. x[1] is the first element.`,
          `下标 ${index} 超出范围：下标从 ${bound} 开始计数，例如 x[1] 是第一个元素。`,
        )
      : bi(
          `Index ${index} is out of range: the largest index here is ${bound} (indices count from 1).`,
          `下标 ${index} 超出范围：这里最大的下标是 ${bound}（下标从 1 开始计数）。`,
        ),

  noAccess: (what: string) =>
    bi(
      `Access to "${quote(what)}" is not allowed in the REPL's math. Use plain numbers, matrices and functions.`,
      `REPL 的算式中不允许访问“${quote(what)}”。请只使用数字、矩阵和函数。`,
    ),

  stackOverflow: () =>
    bi(
      'Too much recursion: a function calls itself without end (e.g. f(x) = f(x)) or the expression is nested too deeply. Give the recursion a stopping case, e.g. f(n) = n <= 1 ? 1 : n * f(n - 1).',
      '递归太深：某个函数无休止地调用自己（例如 f(x) = f(x)），或者表达式嵌套太深。请给递归一个终止条件，例如 f(n) = n <= 1 ? 1 : n * f(n - 1)。',
    ),

  tooLarge: () =>
    bi('The result would be too large for the REPL. Use smaller sizes.', '结果太大，REPL 放不下。请用更小的尺寸。'),

  notANumber: (text: string) =>
    bi(
      `"${quote(text)}" is text and cannot be used as a number here. Remove the quotes to use a number or a variable.`,
      `"${quote(text)}" 是文本，这里不能当作数字使用。去掉引号就能使用数字或变量。`,
    ),

  units: (detail: string) =>
    bi(`The units don't fit together (${quote(detail, 80)}). Convert first, e.g. 5 cm to inch.`, `单位不匹配（${quote(detail, 80)}）。请先换算，例如 5 cm to inch。`),

  elementwise: (fn: string) =>
    bi(
      `${fn} works on single numbers, not on a whole matrix: apply it to every element with map(A, ${fn}).`,
      `${fn} 只能作用于单个数，不能直接作用于整个矩阵：要对每个元素计算，请用 map(A, ${fn})。`,
    ),

  wholeIndex: (value: string) =>
    bi(
      `${value ? `Index ${quote(value)} is not allowed: i` : 'I'}ndices must be whole numbers from 1 up, e.g. x[2] or x[1:3].`,
      `${value ? `下标 ${quote(value)} 不合法：` : ''}下标必须是从 1 开始的整数，例如 x[2] 或 x[1:3]。`,
    ),

  wholeNumbers: (fn: string) =>
    bi(`${fn} needs whole numbers here (like 3, not 2.5 or -1).`, `${fn} 在这里需要整数（例如 3，而不是 2.5 或 -1）。`),

  square: (shape: number[]) =>
    bi(
      `This needs a square matrix (n×n), but the shape is ${shapeText(shape)}.`,
      `这里需要一个方阵（n×n），但实际形状是 ${shapeText(shape)}。`,
    ),

  notIndexable: () =>
    bi(
      'Only a matrix, a text or an object can be indexed with [ ]; this is a single value. For example x = [10, 20, 30]; x[2].',
      '只有矩阵、文本或对象才能用 [ ] 取下标；这里是单个值。例如 x = [10, 20, 30]; x[2]。',
    ),

  condition: () =>
    bi(
      'The condition before ? must be a single true/false value, not a matrix or text, e.g. x > 0 ? 1 : 0.',
      '? 前面的条件必须是单个的真/假值，不能是矩阵或文本，例如 x > 0 ? 1 : 0。',
    ),

  badName: (name: string) =>
    bi(
      `"${quote(name)}" cannot be a variable name: use letters, digits and _, starting with a letter.`,
      `“${quote(name)}” 不能作为变量名：只能用字母、数字和 _，并以字母开头。`,
    ),

  reshapeSizes: (shape: readonly number[]) =>
    bi(
      `reshape needs the new sizes as one list of whole numbers, e.g. reshape(x, [2, 3]); this was a ${shapeText(shape)} matrix.`,
      `reshape 需要把新尺寸写成一个整数列表，例如 reshape(x, [2, 3])；这里给的是一个 ${shapeText(shape)} 的矩阵。`,
    ),

  reshapeCount: (have: number, sizes: readonly number[], want: number) =>
    bi(
      `reshape cannot arrange ${fmtSizeCount(have)} ${plural(have, 'element', 'elements')} as [${sizes.join(', ')}], which holds ${fmtSizeCount(want)}: the sizes must multiply to ${fmtSizeCount(have)}.`,
      `reshape 无法把 ${fmtSizeCount(have)} 个元素排成 [${sizes.join(', ')}]（它容纳 ${fmtSizeCount(want)} 个）：各尺寸相乘必须等于 ${fmtSizeCount(have)}。`,
    ),

  matmulInner: (left: number, right: number) =>
    bi(
      `Matrix product: the left side has ${left} ${plural(left, 'column', 'columns')} but the right side has ${right} ${plural(right, 'row', 'rows')}; they must agree. Transpose one side with ', or use .* to multiply element by element.`,
      `矩阵相乘：左边有 ${left} 列，右边有 ${right} 行，两者必须相同。可以用 ' 转置其中一个，或者用 .* 逐元素相乘。`,
    ),

  shapesDontFit: () =>
    bi(
      `The sizes of the arguments don't fit this function (an empty matrix, or shapes that disagree). Check the shapes with size(x).`,
      `参数的尺寸不适合这个函数（空矩阵，或形状不一致）。可以用 size(x) 查看形状。`,
    ),

  oneDimensional: (fn: string) =>
    bi(`${fn} works on one list of numbers, e.g. ${fn}([12, 18]), not on a matrix with rows and columns.`, `${fn} 作用于一个数字列表，例如 ${fn}([12, 18])，不能用于有行有列的矩阵。`),

  needsTwo: (fn: string, given: number) =>
    bi(`${fn} takes 2 arguments, but got ${given}: write ${fn}(a, b).`, `${fn} 接受 2 个参数，但这里给了 ${given} 个：请写成 ${fn}(a, b)。`),

  filterTest: () =>
    bi(
      `filter needs a function as its second argument: define one, e.g. big(x) = x > 1, then filter([1, 2, 3], big).`,
      `filter 的第二个参数需要是一个函数：先定义，例如 big(x) = x > 1，然后 filter([1, 2, 3], big)。`,
    ),

  numericType: () =>
    bi(
      `numeric converts a number or text to a type named in quotes: "number", "BigNumber", "bigint" or "Fraction", e.g. numeric("2.5", "number").`,
      `numeric 把数或文本转换成用引号写出的类型："number"、"BigNumber"、"bigint" 或 "Fraction"，例如 numeric("2.5", "number")。`,
    ),

  unusableArguments: () =>
    bi(
      `The function could not use these arguments: their type or shape is not what it expects (size(x) shows a shape).`,
      `这个函数无法使用这些参数：它们的类型或形状不符合要求（可以用 size(x) 查看形状）。`,
    ),

  modeOneList: () => bi(`mode takes one list of numbers, e.g. mode([1, 2, 2, 3]).`, `mode 接受一个数字列表，例如 mode([1, 2, 2, 3])。`),

  generic: (message: string) =>
    bi(`Could not compute this: ${quote(message, 200)}.`, `无法计算：${quote(message, 200)}。`),
};

// ---------------------------------------------------------------------------
// mathjs's errors → student language

const SYNTAX: Array<[RegExp, (m: RegExpExecArray) => Bilingual]> = [
  [/^Unexpected end of expression/, () => bi('the expression ends too early — something is missing at the end', '表达式结束得太早——末尾缺少内容')],
  [/^Value expected/, () => bi('a number, a name or a bracket was expected here', '这里应该是一个数、一个名字或一个括号')],
  [/^Parenthesis \) expected/, () => bi('a closing ) is missing', '缺少右括号 )')],
  [/^Parenthesis \] expected/, () => bi('a closing ] is missing', '缺少右方括号 ]')],
  [/^End of matrix \] expected/, () => bi('the matrix is not closed with ]', '矩阵缺少结尾的 ]')],
  [/^Column dimensions mismatch \((\d+) !== (\d+)\)/, (m) => bi(`the rows of the matrix have different lengths (${m[1]} and ${m[2]})`, `矩阵各行的长度不同（${m[1]} 和 ${m[2]}）`)],
  [/^Unexpected operator (\S+)/, (m) => bi(`the operator ${m[1]} is out of place`, `运算符 ${m[1]} 的位置不对`)],
  [/^Unexpected part "(.*)"$/, (m) => bi(`"${quote(m[1])}" does not fit here — is an operator such as * missing?`, `这里不应该出现“${quote(m[1])}”——是不是少了 * 之类的运算符？`)],
  [/^Syntax error in part "(.*)"$/, (m) => bi(`"${quote(m[1])}" cannot be read as math`, `“${quote(m[1])}”不是可以识别的算式`)],
  [/^Invalid left hand side of assignment operator =/, () => bi('only a name (x = 2), a function (f(x) = x^2) or an element (x[1] = 2) can be assigned', '只能给名字（x = 2）、函数（f(x) = x^2）或元素（x[1] = 2）赋值')],
  [/^End of string " expected/, () => bi('a string is not closed with a quote', '字符串缺少结尾的引号')],
  [/^End of string/, () => bi('a string is not closed with a quote', '字符串缺少结尾的引号')],
  [/^False part of conditional expression expected/, () => bi('the ? needs a : part, e.g. x > 0 ? 1 : 0', '? 后面还需要 : 部分，例如 x > 0 ? 1 : 0')],
  [/^The true-expression of a conditional operator may not be empty/, () => bi('the part between ? and : is empty', '? 和 : 之间是空的')],
  [/^Digit expected, got "(.*)"/, (m) => bi(`a digit was expected, not "${quote(m[1])}"`, `这里应该是数字，而不是“${quote(m[1])}”`)],
  [/^Colon : expected after object key/, () => bi('a : is missing after the key', '键后面缺少冒号 :')],
  [/^Comma , or bracket \} expected/, () => bi('a , or } is missing', '缺少 , 或 }')],
  [/^Symbol or string expected as object key/, () => bi('an object key must be a name or a string', '对象的键必须是名字或字符串')],
  [/^Bad escape character/, () => bi('a string contains an unknown \\ escape', '字符串里有无法识别的 \\ 转义')],
  [/^Invalid unicode character/, () => bi('a string contains a bad \\u escape', '字符串里的 \\u 转义不正确')],
  [/^Cannot assign to optional chain/, () => bi('you cannot assign to a?.b', '不能给 a?.b 赋值')],
];

const TYPE_WORDS: Record<string, Bilingual> = {
  number: { en: 'a number', zh: '数字' },
  BigNumber: { en: 'a big number', zh: '大数' },
  bigint: { en: 'a big integer', zh: '大整数' },
  Fraction: { en: 'a fraction', zh: '分数' },
  Complex: { en: 'a complex number', zh: '复数' },
  Unit: { en: 'a unit', zh: '单位' },
  string: { en: 'text', zh: '文本' },
  boolean: { en: 'true/false', zh: '布尔值' },
  Array: { en: 'a matrix', zh: '矩阵' },
  Matrix: { en: 'a matrix', zh: '矩阵' },
  DenseMatrix: { en: 'a matrix', zh: '矩阵' },
  SparseMatrix: { en: 'a sparse matrix', zh: '稀疏矩阵' },
  function: { en: 'a function', zh: '函数' },
  Function: { en: 'a function', zh: '函数' },
  Object: { en: 'an object', zh: '对象' },
  null: { en: 'null', zh: 'null' },
  undefined: { en: 'nothing', zh: '空值' },
  Range: { en: 'a range', zh: '范围' },
  Index: { en: 'an index', zh: '下标' },
  any: { en: 'any value', zh: '任意值' },
};

function typeWords(list: string, max = 4): Bilingual {
  const names = [...new Set(list.split(/\s*(?:\bor\b|\||,)\s*/).map((s) => s.trim()).filter(Boolean))];
  const words: Bilingual[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    const w = TYPE_WORDS[n] ?? { en: n, zh: n };
    if (seen.has(w.en)) continue;
    seen.add(w.en);
    words.push(w);
  }
  const shown = words.slice(0, max);
  const more = words.length > max;
  return {
    en: shown.map((w) => w.en).join(', ') + (more ? ', …' : ''),
    zh: shown.map((w) => w.zh).join('、') + (more ? '等' : ''),
  };
}

export interface ErrorLike {
  name?: string;
  message?: string;
  char?: number;
}

/**
 * mathjs's (English, technical) error → one bilingual line that says what was
 * wrong and what would work. `suggest` proposes a close known name.
 */
export function translateError(e: ErrorLike, suggest: (name: string) => string | undefined = () => undefined): Bilingual {
  const name = e.name ?? 'Error';
  const message = String(e.message ?? e);
  let m: RegExpExecArray | null;

  if ((m = /^Undefined symbol (.+)$/.exec(message))) return M.undefinedSymbol(m[1], suggest(m[1]));
  if ((m = /^Undefined function (.+)$/.exec(message))) return M.undefinedFunction(m[1], suggest(m[1]));
  if ((m = /^'(.+?)' is not a function; its value is/.exec(message))) return M.notAFunction(m[1]);

  if ((m = /^String "(.*)" is not a valid number/.exec(message))) return M.notANumber(m[1]);
  if (name === 'SyntaxError' || /\(char \d+\)$/.test(message)) {
    const charM = /\s*\(char (\d+)\)\s*$/.exec(message);
    const col = typeof e.char === 'number' ? e.char : charM ? Number(charM[1]) : undefined;
    const core = charM ? message.slice(0, charM.index) : message;
    for (const [re, make] of SYNTAX) {
      const mm = re.exec(core);
      if (mm) return M.syntax(col, make(mm));
    }
    if (col !== undefined) return M.syntax(col, bi(quote(core, 120), quote(core, 120)));
  }

  if (/Maximum call stack size exceeded|too much recursion/i.test(message)) return M.stackOverflow();

  if ((m = /^Too many arguments in function (\S+) \(expected: (\d+), actual: (\d+)\)/.exec(message))) return M.tooManyArgs(m[1], m[2], m[3]);
  if ((m = /^Too few arguments in function (\S+) \(expected: (.+), index: (\d+)\)/.exec(message))) return M.tooFewArgs(m[1], Number(m[3]), typeWords(m[2]));
  if ((m = /^Unexpected type of argument in function (\S+) \(expected: (.+), actual: (.+), index: (\d+)\)/.exec(message)))
    return M.wrongType(m[1], Number(m[4]), typeWords(m[2]), typeWords(m[3], 1));
  if ((m = /^Wrong number of arguments in function (\S+) \((\d+) provided, (.+) expected\)/.exec(message)))
    return M.tooManyArgs(m[1], m[3], m[2]);

  if ((m = /Matrix A columns \((\d+)\) must match Matrix B rows \((\d+)\)/.exec(message)))
    return M.matmulInner(Number(m[1]), Number(m[2]));
  if ((m = /^Dimension mismatch(?: in \w+)?\.? ?\(?(.*?)\)?\.?$/.exec(message)) && name !== 'SyntaxError') {
    const detail = m[1].replace(/!=/g, 'vs').trim();
    // mathjs sometimes compares a size it could not read (NaN, undefined): name no number rather than a wrong one.
    if (/NaN|undefined|null|object/.test(detail)) return M.shapesDontFit();
    return M.dimension(detail || quote(message, 80));
  }
  if ((m = /^Wrong number of arguments in function (\w+)\(\) supports only 1d matrices/.exec(message))) return M.oneDimensional(m[1]);
  if (/^No undefined variable found in inline expression/.test(message)) return M.filterTest();
  if (/^Cannot convert .* (?:to type|of type) ".*"; valid (?:output|input) types are/.test(message)) return M.numericType();
  if (/^Cannot calculate mode of an array containing NaN values/.test(message)) return M.modeOneList();
  // mathjs's internals tripping over an argument of the wrong shape: "Cannot read properties of undefined".
  if (/^Cannot read propert(?:y|ies) of (?:undefined|null)|is not iterable|undefined is not|null is not/.test(message)) return M.unusableArguments();
  if ((m = /^shape mismatch.*?size (\d+) to size (\d+)/i.exec(message))) return M.dimension(`${m[1]} vs ${m[2]}`);
  if ((m = /^Index out of range \((.+?) ([<>]) (.+?)\)/.exec(message))) return M.indexRange(m[1], m[2], m[3]);

  if ((m = /^Function '(\w+)' doesn't apply to matrices/.exec(message))) return M.elementwise(m[1]);
  if ((m = /^Index must be an integer \(value: (.*)\)/.exec(message))) return M.wholeIndex(m[1]);
  if ((m = /^Index parameters must be positive integer numbers/.exec(message))) return M.wholeIndex('');
  if ((m = /^(?:Parameters in function|Integers? expected in function) (\w+)/.exec(message))) return M.wholeNumbers(m[1]);
  if ((m = /^Matrix must be square \(size: \[(.*)\]\)/.exec(message))) return M.square(m[1].split(',').map((x) => Number(x.trim())));
  if (/^Unsupported type of condition/.test(message)) return M.condition();
  if (/^Cannot apply index: unsupported type of object/.test(message)) return M.notIndexable();
  if (/^Dimension must be an Array, Matrix, number/.test(message) || /^Cannot apply a numeric index as object property/.test(message))
    return M.wholeIndex('');
  if ((m = /^No access to (?:property|method) "(.*)"/.exec(message))) return M.noAccess(m[1]);
  if ((m = /^Cannot access method "(.*)" as a property/.exec(message))) return M.noAccess(m[1]);
  if ((m = /^Cannot convert "(.*)" to a number/.exec(message))) return M.notANumber(m[1]);
  if (/^Units do not match|^Unit .* not found|^Cannot convert .* unit|dimensions do not match/i.test(message)) return M.units(message);
  if (/^Invalid (array|string|typed array) length|Array buffer allocation failed|out of memory/i.test(message)) return M.tooLarge();

  return M.generic(message);
}

// ---------------------------------------------------------------------------
// Close names for "did you mean"

/** The closest of `names` to `word` (case-insensitive first), if close enough to be a typo. */
export function closest(word: string, names: Iterable<string>): string | undefined {
  if (word.length < 3 || word.length > 40) return undefined;
  const lower = word.toLowerCase();
  const limit = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const n of names) {
    if (n === word) continue;
    const nl = n.toLowerCase();
    if (nl === lower) return n;
    const d = editDistance(lower, nl, limit);
    if (d > limit) continue;
    // Ties: keep the first letter, then prefer the longer name (sqr → sqrt, not qr).
    const score = d + (nl[0] === lower[0] ? 0 : 0.5) + (n.length < word.length ? 0.25 : 0);
    if (score < bestScore) {
      best = n;
      bestScore = score;
    }
  }
  return best;
}
