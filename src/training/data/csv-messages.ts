/** The messages of the points CSV reader (csv.ts), in English and Chinese, written for the student. */
import { msg, type Msg } from '../../i18n/index.js';
import { shown } from './shown.js';

export const CSV_LIMITS = { maxRows: 10000, maxClasses: 10, maxChars: 2_000_000 } as const;

const at = (row: number, en: string, zh: string): Msg => msg(`Row ${row}: ${en}`, `第 ${row} 行：${zh}`);

export const csvMessages = {
  tooBig: (chars: number): Msg =>
    msg(
      `The file is too big (${chars} characters); a points file may have at most ${CSV_LIMITS.maxChars} characters (${CSV_LIMITS.maxRows} rows).`,
      `文件太大（${chars} 个字符）；点数据文件最多 ${CSV_LIMITS.maxChars} 个字符（${CSV_LIMITS.maxRows} 行）。`,
    ),
  binary: (): Msg =>
    msg(
      'This does not look like a text file (it has binary bytes). Save your points as plain text: one "x,y,label" per row.',
      '这不像文本文件（含有二进制字节）。请把点保存为纯文本：每行一个“x,y,label”。',
    ),
  empty: (): Msg =>
    msg(
      'The file has no points. Write one point per row: x,y,label (for example 0.5,-0.2,1).',
      '文件里没有点。每行写一个点：x,y,label（例如 0.5,-0.2,1）。',
    ),
  columns: (row: number, got: number, sep: string): Msg =>
    at(
      row,
      `${got} column${got === 1 ? '' : 's'}, expected 3: x${sep}y${sep}label.`,
      `有 ${got} 列，应为 3 列：x${sep}y${sep}label。`,
    ),
  headerColumns: (row: number, got: number): Msg =>
    at(row, `the header has ${got} columns, expected 3 (x, y, label).`, `表头有 ${got} 列，应为 3 列（x、y、label）。`),
  notNumber: (row: number, column: 'x' | 'y', value: string): Msg =>
    at(row, `${column} is ${shown(value)}, which is not a number.`, `${column} 是 ${shown(value)}，不是数字。`),
  notFinite: (row: number, column: 'x' | 'y', value: string): Msg =>
    at(
      row,
      `${column} is ${shown(value)}; a point needs finite numbers (no NaN or Infinity).`,
      `${column} 是 ${shown(value)}；点的坐标必须是有限的数（不能是 NaN 或 Infinity）。`,
    ),
  emptyLabel: (row: number): Msg => at(row, 'the label is empty.', '标签是空的。'),
  fractionLabel: (row: number, value: string): Msg =>
    at(
      row,
      `the label ${shown(value)} is not a whole number; use whole numbers (0, 1, 2) or names (cat, dog).`,
      `标签 ${shown(value)} 不是整数；请用整数（0、1、2）或名称（cat、dog）。`,
    ),
  tooManyRows: (row: number): Msg =>
    at(row, `more than ${CSV_LIMITS.maxRows} points; keep at most ${CSV_LIMITS.maxRows}.`, `点超过 ${CSV_LIMITS.maxRows} 个；最多保留 ${CSV_LIMITS.maxRows} 个。`),
  tooManyClasses: (row: number, label: string): Msg =>
    at(
      row,
      `the label ${shown(label)} is class number ${CSV_LIMITS.maxClasses + 1}; at most ${CSV_LIMITS.maxClasses} classes are allowed.`,
      `标签 ${shown(label)} 是第 ${CSV_LIMITS.maxClasses + 1} 个类别；最多允许 ${CSV_LIMITS.maxClasses} 个类别。`,
    ),
  oneClass: (label: string): Msg =>
    msg(
      `Every point has the label ${shown(label)}: a classifier needs at least two classes.`,
      `所有点的标签都是 ${shown(label)}：分类至少需要两个类别。`,
    ),
};

/** The format in a few lines, for `--help` and for the end of an error message: what a points file may look like. */
export const CSV_FORMAT_HELP: Msg = msg(
  [
    'A points file has one point per row: x,y,label — for example 0.5,-1.2,1 or 0.5,-1.2,red.',
    'Separators: comma, semicolon or tab (with ; or tab, 0,5 is read as 0.5). A header row (x,y,label) is optional.',
    `Blank rows and rows starting with # are skipped. Labels: whole numbers (classes in increasing order) or names (classes in the order they first appear); 2–${CSV_LIMITS.maxClasses} classes, at most ${CSV_LIMITS.maxRows} rows.`,
    'Your points are moved and scaled (the same factor for x and y) to fit the square from -1 to 1.',
  ].join('\n'),
  [
    '点数据文件每行一个点：x,y,label——例如 0.5,-1.2,1 或 0.5,-1.2,red。',
    '分隔符：逗号、分号或制表符（用分号或制表符时，0,5 读作 0.5）。表头行（x,y,label）可有可无。',
    `空行和以 # 开头的行会被跳过。标签：整数（类别按数值从小到大编号）或名称（按首次出现的顺序编号）；2–${CSV_LIMITS.maxClasses} 个类别，最多 ${CSV_LIMITS.maxRows} 行。`,
    '你的点会被平移并等比例缩放（x 和 y 用同一个比例），放进 -1 到 1 的正方形。',
  ].join('\n'),
);
