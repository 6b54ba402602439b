/**
 * Reading a numeric answer the way students write numbers: 32, 32.0, 1,216,
 * 73 856 (spaces, thin or no-break spaces between groups of three), working
 * such as 4*(128*(64+128)+128) or 3×3×64, and volumes 32x32x16 / [32, 32, 16].
 * A volume typed for a number (or a number for a volume) is told so precisely
 * instead of being marked wrong.
 */
import { msg, type Msg } from '../i18n/index.js';
import { evalArithmetic } from './arith.js';

export type NumberReading = { ok: true; values: number[]; worked: boolean } | { ok: false; message: Msg };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Unicode forms to ASCII: full-width digits and brackets, the minus sign,
 * no-break and thin spaces (NFKC turns them into spaces); ² and ³ into powers.
 */
export function normaliseNumberText(line: string): string {
  return line
    .replace(/²/g, '^2')
    .replace(/³/g, '^3')
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\uFE63\uFF0D]/g, '-')
    .replace(/÷/g, '/')
    .replace(/[\u2000-\u200B\u202F\u205F\u3000]/g, ' ')
    .trim();
}

/**
 * Digits grouped by three with spaces or commas become one number: "73 856",
 * "1,216,000", "1 216.5". A run that is not a proper grouping ("32 32 16",
 * "224,224,64") is left alone.
 */
export function joinThousands(s: string): string {
  return s.replace(/(?<![\d.])\d{1,3}(?:([ ,])\d{3})(?:\1\d{3})*(?:\.\d+)?(?![\d.]|[ ,]\d)/g, (m) => m.replace(/[ ,]/g, ''));
}

/** Multiplication signs students type: × · ⋅ ∙ ✕. */
const TIMES = /[×·⋅∙✕]/g;

function stripBrackets(s: string): string {
  const m = /^\[(.*)\]$/s.exec(s) ?? /^\((.*)\)$/s.exec(s);
  // "(32, 32, 16)" but not "(64+128)*2+(1)".
  if (m && !/[()[\]]/.test(m[1])) return m[1].trim();
  return s;
}

/** Several plain numbers separated by x, commas, semicolons or spaces: "32x32x16", "[32, 32, 16]", "32 32 16". */
function listOfNumbers(s: string, separators: RegExp): number[] | null {
  const parts = stripBrackets(s).split(separators).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length < 2) return null;
  return parts.every((p) => NUMBER.test(p)) ? parts.map(Number) : null;
}

const examples = (count: number) => msg(`Give ${count} numbers, e.g. 32x32x16 (W×H×D).`, `请给出 ${count} 个数，例如 32x32x16（宽×高×深）。`);

function wrongCount(want: number, gave: number, numbers?: readonly number[]): Msg {
  if (want > 1) {
    return gave === 1
      ? msg(
          `This asks for a volume: ${want} numbers such as 32x32x16 (W×H×D); you gave 1 number. Give the width, the height and the depth.`,
          `这里要的是数据体：${want} 个数，例如 32x32x16（宽×高×深）；你给了 1 个数。请写出宽、高和深。`,
        )
      : msg(`This asks for a volume: ${want} numbers such as 32x32x16; you gave ${gave}.`, `这里要的是数据体：${want} 个数，例如 32x32x16；你给了 ${gave} 个。`);
  }
  // Her own numbers in the example: "5x5x3x16" → "write 5*5*3*16 or 5×5×3×16".
  const ns = numbers && numbers.length > 1 ? numbers : [32, 32, 16];
  return msg(
    `This asks for one number; you gave ${gave}, which reads as a volume or a list. To multiply, write ${ns.join('*')} or ${ns.join('×')}.`,
    `这里只要一个数；你给了 ${gave} 个，看起来像数据体或数列。若要相乘，请写成 ${ns.join('*')} 或 ${ns.join('×')}。`,
  );
}

/** One number: plain, grouped in thousands, or worked arithmetic. */
function readOne(s: string): number | null {
  const joined = joinThousands(s);
  if (NUMBER.test(joined)) return Number(joined);
  const v = evalArithmetic(joined.replace(TIMES, '*'));
  return v;
}

export function readNumericAnswer(line: string, count: number): NumberReading {
  const s = normaliseNumberText(line);
  if (count === 1) {
    const v = readOne(s);
    if (v !== null) {
      if (!Number.isFinite(v)) return { ok: false, message: msg('That works out to no finite number (a division by zero?).', '算出来不是有限的数（是否除以了零？）。') };
      return { ok: true, values: [v], worked: !NUMBER.test(joinThousands(s)) };
    }
    // A decimal comma: say how to write it rather than guess.
    if (/^[+-]?\d+,\d+$/.test(s)) return { ok: false, message: msg(`Write decimals with a point (${s.replace(',', '.')}); a comma groups thousands (1,216).`, `小数请用小数点（${s.replace(',', '.')}）；逗号用于千位分隔（1,216）。`) };
    const several = listOfNumbers(s, /[xX,;]|\s+/);
    if (several) return { ok: false, message: wrongCount(1, several.length, several) };
    return { ok: false, message: msg('Give a number, e.g. 32 or 0.25 — or the working, e.g. 4*(128+1).', '请给出一个数，例如 32 或 0.25；也可以写算式，例如 4*(128+1)。') };
  }
  // A volume: x, ×, *, commas, semicolons or spaces separate the numbers; each may be worked out ((227-11)/4+1 x 55 x 96).
  const inner = stripBrackets(s);
  const byX = inner.split(/[xX×,;]/).map((p) => p.trim());
  if (byX.length === count && byX.every((p) => p !== '')) {
    const values = byX.map((p) => readOne(p));
    if (values.every((v): v is number => v !== null && Number.isFinite(v))) return { ok: true, values, worked: byX.some((p) => !NUMBER.test(p)) };
  }
  const plain = listOfNumbers(s, /[xX×*,;]|\s+/);
  if (plain && plain.length === count) return { ok: true, values: plain, worked: false };
  if (plain) return { ok: false, message: wrongCount(count, plain.length) };
  if (byX.length > 1 && byX.length !== count && byX.every((p) => p !== '' && readOne(p) !== null)) return { ok: false, message: wrongCount(count, byX.length) };
  const one = readOne(s);
  if (one !== null) return { ok: false, message: wrongCount(count, 1) };
  return { ok: false, message: examples(count) };
}
