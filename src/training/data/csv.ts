/**
 * The student's own 2D points (`--data file.csv`): text → points, or a message
 * naming the row that is wrong. A pure function of the text (no file system:
 * csv-file.ts reads the file), and it never throws — any text gives a result.
 *
 * The format, as forgiving as it can be without guessing:
 * - One point per row: x, y, label. The columns are always in that order.
 * - Separator: a tab if the first row has one, else ';' if it has one, else ','.
 *   With ';' or tab, a decimal comma is read too ("0,5" = 0.5).
 * - Header optional: the first row is a header when neither its x nor its y is a
 *   number (e.g. "x,y,label"); it must still have 3 columns.
 * - Blank rows are skipped; so are comment rows, those starting with '#'.
 * - Line ends \n, \r\n or \r; a UTF-8 byte order mark is ignored; fields are
 *   trimmed and may be wrapped in double quotes ("a ""b""" = a "b"); a quoted
 *   field cannot contain the separator. A trailing separator is ignored.
 * - Labels: if every label is a whole number, the classes are the distinct
 *   numbers in increasing order (so -1/1, 0/1 and 1/2/3 all work); otherwise
 *   every label is a name, and the classes are numbered in the order the names
 *   first appear. A label like 0.5 is an error (neither a class number nor a name).
 * - Rows are numbered as lines of the file, from 1, so "Row 7" is line 7 in an editor.
 * - Limits: 2–10 classes, at most 10,000 points, 2,000,000 characters.
 */
import { CSV_LIMITS, csvMessages as m } from './csv-messages.js';
import { fail, ok, type DataResult } from './types.js';

/** The points as written in the file (not yet scaled into [−1, 1]²: see fitSquare). */
export interface CsvPoints {
  /** [n, 2] row-major, the file's own coordinates. */
  readonly points: Float64Array;
  readonly labels: Int32Array;
  readonly n: number;
  readonly classes: number;
  /** classNames[i] is the label text of class i. */
  readonly classNames: readonly string[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+([eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const WHOLE = /^[+-]?\d+$/;
const FRACTION = /^[+-]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][+-]?\d+)$/;
/** C0 controls but tab, newline and carriage return; with NUL or U+FFFD (an undecodable byte) they mark a binary file. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/g;

type Sep = ',' | ';' | '\t';

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const controls = text.match(CONTROL)?.length ?? 0;
  return controls > 0 && controls * 50 > text.length;
}

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f;
}

function fields(line: string, sep: Sep): string[] {
  const out = line.split(sep).map(unquote);
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
}

function toNumber(s: string, sep: Sep): number | undefined {
  if (NUMBER.test(s)) return Number(s);
  if (sep !== ',' && DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  return undefined;
}

interface Row {
  readonly line: number;
  readonly x: number;
  readonly y: number;
  readonly label: string;
}

/** Reads the rows, or the first bad one's message. */
function readRows(text: string): DataResult<Row[]> {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const rows: Row[] = [];
  let sep: Sep | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const row = i + 1;
    const first = sep === undefined;
    sep ??= line.includes('\t') ? '\t' : line.includes(';') ? ';' : ',';
    const f = fields(line, sep);
    if (first && f.length >= 2 && toNumber(f[0], sep) === undefined && toNumber(f[1], sep) === undefined && !NOT_FINITE.test(f[0]) && !NOT_FINITE.test(f[1])) {
      if (f.length !== 3) return fail(m.headerColumns(row, f.length), row);
      continue;
    }
    if (f.length !== 3) return fail(m.columns(row, f.length, sep === '\t' ? '⇥' : sep), row);
    if (rows.length === CSV_LIMITS.maxRows) return fail(m.tooManyRows(row), row);
    const xy: number[] = [];
    for (const [k, column] of (['x', 'y'] as const).entries()) {
      if (NOT_FINITE.test(f[k])) return fail(m.notFinite(row, column, f[k]), row);
      const v = toNumber(f[k], sep);
      if (v === undefined) return fail(m.notNumber(row, column, f[k]), row);
      if (!Number.isFinite(v)) return fail(m.notFinite(row, column, f[k]), row);
      xy.push(v);
    }
    if (f[2] === '') return fail(m.emptyLabel(row), row);
    rows.push({ line: row, x: xy[0], y: xy[1], label: f[2] });
  }
  return ok(rows);
}

/** The class numbering (see the header comment), or the row whose label breaks it. */
function numberClasses(rows: readonly Row[]): DataResult<{ names: string[]; classOf: (label: string) => number }> {
  const wholeNumbers = rows.every((r) => WHOLE.test(r.label));
  if (!wholeNumbers) {
    const fraction = rows.find((r) => FRACTION.test(r.label));
    if (fraction) return fail(m.fractionLabel(fraction.line, fraction.label), fraction.line);
  }
  // "1", "01" and "+1" are one class: whole numbers are keyed by their value.
  const key = (label: string): string => (wholeNumbers ? String(Number(label)) : label);
  const firstSeen = new Map<string, Row>();
  for (const r of rows) if (!firstSeen.has(key(r.label))) firstSeen.set(key(r.label), r);
  const keys = [...firstSeen.keys()];
  if (keys.length > CSV_LIMITS.maxClasses) {
    const extra = firstSeen.get(keys[CSV_LIMITS.maxClasses]) as Row;
    return fail(m.tooManyClasses(extra.line, extra.label), extra.line);
  }
  if (keys.length === 1) return fail(m.oneClass(rows[0].label));
  const names = wholeNumbers ? keys.sort((a, b) => Number(a) - Number(b)) : keys;
  const index = new Map(names.map((name, i) => [name, i]));
  return ok({ names, classOf: (label) => index.get(key(label)) ?? 0 });
}

/** Parses a points file's text. Never throws. */
export function parsePointsCsv(text: string): DataResult<CsvPoints> {
  if (typeof text !== 'string') return fail(m.binary());
  if (text.length > CSV_LIMITS.maxChars) return fail(m.tooBig(text.length));
  if (looksBinary(text)) return fail(m.binary());
  const read = readRows(text);
  if (!read.ok) return read;
  const rows = read.value;
  if (rows.length === 0) return fail(m.empty());
  const numbered = numberClasses(rows);
  if (!numbered.ok) return numbered;
  const { names, classOf } = numbered.value;
  const points = new Float64Array(rows.length * 2);
  const labels = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    points[2 * i] = r.x;
    points[2 * i + 1] = r.y;
    labels[i] = classOf(r.label);
  });
  return ok({ points, labels, n: rows.length, classes: names.length, classNames: names });
}
