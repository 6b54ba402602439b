/**
 * The REPL's one parser: a line → a command with its arguments, a math
 * expression for mathjs, or a friendly error that points at the column of
 * the problem. Pure: no I/O, no evaluation; variables are resolved later.
 */
import { foldFullWidth } from './fullwidth.js';
import { msg, type Msg } from '../i18n/index.js';
import { LexError, lex, type Token } from './lexer.js';
import { isFailure, type Arg, type CommandSpec, type ParsedArgs, type ParseFailure } from './spec.js';
import { suggest } from './suggest.js';
import { parseTerm, parseVolume } from './terms.js';
import { groupDigits } from '../engine/format.js';

export const MAX_LINE = 2000;

export type ParsedLine =
  | { kind: 'empty' }
  | { kind: 'command'; name: string; args: ParsedArgs; line: string }
  | { kind: 'expr'; text: string }
  | { kind: 'error'; error: Msg; column: number; length: number; line: string };

export function fail(error: Msg, column: number, length = 1): ParseFailure {
  return { error, column, length: Math.max(1, length) };
}

export function findSpec(specs: readonly CommandSpec[], word: string): CommandSpec | undefined {
  const w = word.toLowerCase();
  return specs.find((s) => s.name === w || s.aliases?.includes(w));
}

// Control characters other than tab (binary junk, escape sequences pasted in).
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/;

export function parseLine(rawLine: string, specs: readonly CommandSpec[], knownVars: ReadonlySet<string> = new Set()): ParsedLine {
  const line = foldFullWidth(rawLine.replace(/[\r\n]+$/, ''));
  const err = (f: ParseFailure): ParsedLine => ({ kind: 'error', ...f, line });
  if (line.length > MAX_LINE) {
    return err(
      fail(
        msg(
          `This line is ${groupDigits(line.length)} characters long; the REPL reads lines of up to ${groupDigits(MAX_LINE)}. Split it into shorter commands (use let to keep intermediate values).`,
          `这一行有 ${groupDigits(line.length)} 个字符，REPL 每行最多读 ${groupDigits(MAX_LINE)} 个。请拆成几条较短的命令（可以用 let 保存中间结果）。`,
        ),
        MAX_LINE,
      ),
    );
  }
  const bad = UNPRINTABLE.exec(line);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).padStart(4, '0');
    return err(
      fail(
        msg(
          `Unreadable character U+${code} at column ${bad.index + 1}: type commands as plain text, e.g. conv 32x32x3 F=5.`,
          `第 ${bad.index + 1} 列有无法识别的字符 U+${code}：请用普通文本输入命令，例如 conv 32x32x3 F=5。`,
        ),
        bad.index,
      ),
    );
  }
  if (line.trim() === '' || line.trim().startsWith('#')) return { kind: 'empty' };

  const first = /^\s*([A-Za-z_][A-Za-z0-9_\-]*)/.exec(line);
  const spec = first ? findSpec(specs, first[1]) : undefined;
  if (!first || !spec) {
    return classifyNonCommand(line, first?.[1], specs, knownVars);
  }
  let tokens: Token[];
  try {
    tokens = lex(line);
  } catch (e) {
    if (e instanceof LexError) {
      return err(fail(msg(`The "[" at column ${e.column + 1} is never closed with "]".`, `第 ${e.column + 1} 列的 "[" 没有对应的 "]"。`), e.column));
    }
    throw e;
  }
  const rest = tokens.slice(1);
  const parsed = spec.parse ? spec.parse(rest, line) : parseArgs(spec, rest, line);
  if (isFailure(parsed)) return err(parsed);
  return { kind: 'command', name: spec.name, args: parsed, line };
}

// mathjs constants a line may consist of: never "did you mean" these.
const MATH_WORDS = new Set(['pi', 'e', 'i', 'tau', 'phi', 'Infinity', 'NaN', 'true', 'false', 'null', 'LN2', 'LN10', 'SQRT2']);

/** Not a command word: a math expression, or a mistyped command. */
function classifyNonCommand(line: string, word: string | undefined, specs: readonly CommandSpec[], knownVars: ReadonlySet<string>): ParsedLine {
  if (word && !knownVars.has(word) && !MATH_WORDS.has(word)) {
    const after = line.slice(line.indexOf(word) + word.length);
    // "comv 32x32x3 F=5": a word followed by more words, not by an operator or "(".
    const looksLikeCommand = /^\s+[A-Za-z0-9_[]/.test(after) && !/^\s*[-+*/^(=.,:!<>%']/.test(after);
    const names = specs.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
    const close = suggest(word, names);
    if (looksLikeCommand || (after.trim() === '' && close.length > 0)) {
      const col = line.indexOf(word);
      const hint = close.length
        ? msg(` Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`, ` 你是不是想输入 ${close.map((c) => `“${c}”`).join(' 或 ')}？`)
        : msg('', '');
      return {
        kind: 'error',
        error: msg(
          `Unknown command "${word}".${hint.en} Type help to see the commands.`,
          `未知命令“${word}”。${hint.zh}输入 help 查看所有命令。`,
        ),
        column: col,
        length: word.length,
        line,
      };
    }
  }
  return { kind: 'expr', text: line.trim() };
}

function describeOptions(spec: CommandSpec): string {
  return (spec.options ?? []).map((o) => (o.aliases.length ? `${o.key} (${o.aliases.join(', ')})` : o.key)).join(', ');
}

export function findOption(spec: CommandSpec, key: string) {
  const k = key.toLowerCase();
  return (spec.options ?? []).find((o) => o.key.toLowerCase() === k || o.aliases.some((a) => a.toLowerCase() === k));
}

export function findFlag(spec: CommandSpec, word: string) {
  const w = word.toLowerCase();
  return (spec.flags ?? []).find((f) => f.name === w || f.aliases?.includes(w));
}

/** The generic grammar: positionals in order, KEY=value options, bare flags, optional "->". */
export function parseArgs(spec: CommandSpec, tokens: Token[], line: string): ParsedArgs | ParseFailure {
  const out: ParsedArgs = { positionals: {}, options: {}, flags: [] };
  const positionals = spec.positionals ?? [];
  let next = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const after = tokens[i + 1];
    if (t.kind === 'chunk' && after?.kind === 'eq') {
      const opt = findOption(spec, t.text);
      if (!opt) {
        const all = (spec.options ?? []).flatMap((o) => [o.key, ...o.aliases]);
        const close = suggest(t.text, all);
        return fail(
          msg(
            `${spec.name} has no option "${t.text}".${close.length ? ` Did you mean ${close[0]}?` : ''} Its options: ${describeOptions(spec) || 'none'}.`,
            `${spec.name} 没有选项“${t.text}”。${close.length ? `你是不是想用 ${close[0]}？` : ''}可用选项：${describeOptions(spec) || '无'}。`,
          ),
          t.start,
          t.text.length,
        );
      }
      const v = tokens[i + 2];
      if (!v || v.kind !== 'chunk') {
        return fail(msg(`${t.text}= needs a value, e.g. ${t.text}=2.`, `${t.text}= 后面需要一个值，例如 ${t.text}=2。`), after.end);
      }
      const term = parseTerm(v.text);
      if (!term) {
        return fail(
          msg(`"${v.text}" is not a number or a variable name (option ${t.text}).`, `“${v.text}”不是数字也不是变量名（选项 ${t.text}）。`),
          v.start,
          v.text.length,
        );
      }
      if (opt.key in out.options) {
        return fail(msg(`${opt.key} is given twice.`, `${opt.key} 出现了两次。`), t.start, v.end - t.start);
      }
      out.options[opt.key] = { term, start: t.start, end: v.end };
      i += 2;
      continue;
    }
    if (t.kind === 'eq') {
      return fail(msg('"=" needs an option name before it, e.g. F=5.', '“=”前面需要选项名，例如 F=5。'), t.start);
    }
    if (t.kind === 'arrow') continue;
    if (t.kind === 'chunk') {
      const flag = findFlag(spec, t.text);
      if (flag) {
        const clash = flag.group ? out.flags.find((f) => f !== flag.name && findFlag(spec, f)?.group === flag.group) : undefined;
        if (clash) {
          return fail(msg(`Choose one of ${clash} and ${flag.name}, not both.`, `${clash} 和 ${flag.name} 只能选一个。`), t.start, t.text.length);
        }
        if (!out.flags.includes(flag.name)) out.flags.push(flag.name);
        continue;
      }
    }
    const slot = positionals[next];
    if (!slot || t.kind === 'pipe' || t.kind === 'other') {
      const extras = [...(spec.flags ?? []).flatMap((f) => [f.name, ...(f.aliases ?? [])]), ...(spec.options ?? []).map((o) => o.key)];
      const close = t.kind === 'chunk' ? suggest(t.text, extras) : [];
      return fail(
        msg(
          `Unexpected "${t.text}" in ${spec.name}.${close.length ? ` Did you mean ${close[0]}?` : ''} Usage: ${spec.usage}`,
          `${spec.name} 中出现了意外的“${t.text}”。${close.length ? `你是不是想用 ${close[0]}？` : ''}用法：${spec.usage}`,
        ),
        t.start,
        t.text.length,
      );
    }
    const arg = readPositional(slot.kind, t);
    if (isFailure(arg)) return arg;
    out.positionals[slot.name] = arg;
    next++;
  }
  const missing = positionals.slice(next).find((p) => !p.optional);
  if (missing) {
    return fail(
      msg(`${spec.name} needs ${missing.help.en}. Usage: ${spec.usage}`, `${spec.name} 还需要${missing.help.zh}。用法：${spec.usage}`),
      line.length,
    );
  }
  return out;
}

function readPositional(kind: string, t: Token): Arg | ParseFailure {
  if (t.kind === 'list') {
    if (kind === 'value') return { kind: 'list', text: t.text, start: t.start, end: t.end };
    return fail(msg(`A list is not expected here.`, `这里不需要列表。`), t.start, t.text.length);
  }
  if (kind === 'volume' || kind === 'size') {
    const volume = parseVolume(t.text);
    if (volume) return { kind: 'volume', volume, start: t.start, end: t.end };
    const term = parseTerm(t.text);
    if (term && ('name' in term || kind === 'size')) return { kind: 'term', term, start: t.start, end: t.end };
    return fail(
      msg(
        `"${t.text}" is not a volume. Write width×height×depth as in the notes, e.g. 32x32x3.`,
        `“${t.text}”不是数据体尺寸。请按笔记的写法写成 宽×高×深，例如 32x32x3。`,
      ),
      t.start,
      t.text.length,
    );
  }
  if (kind === 'word') return { kind: 'word', word: t.text, start: t.start, end: t.end };
  const term = parseTerm(t.text);
  if (!term) {
    return fail(msg(`"${t.text}" is not a number or a variable name.`, `“${t.text}”不是数字也不是变量名。`), t.start, t.text.length);
  }
  return { kind: 'term', term, start: t.start, end: t.end };
}
