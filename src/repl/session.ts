/**
 * A REPL session without any UI: parse a line, run its command against the
 * context, and always come back with a result — never an exception. The Ink
 * REPL, piped mode and `nnlearn run` are thin shells around this.
 */
import { foldFullWidth } from './fullwidth.js';
import { EngineError } from '../engine/errors.js';
import { msg, tr, type Lang, type Msg } from '../i18n/index.js';
import type { Block } from '../view/blocks.js';
import { allCommands, allSpecs } from './commands/index.js';
import { valueJson, setVar } from './commands/let.js';
import { UserError, commandResult, type CommandResult, type ReplContext, type Value } from './context.js';
import type { MathEvaluator, MathValue } from '../evaluator/evaluator.js';
import { parseLine } from './parser.js';
import { fromMath, mirrorBindings } from './values.js';
import { fmtInt } from '../i18n/numbers.js';

export interface Session {
  ctx: ReplContext;
  exec(line: string): Promise<CommandResult>;
  close(): void;
}

function toMathValue(v: Value): MathValue {
  if (v.kind === 'number') return { kind: 'number', value: v.value };
  if (v.kind === 'tensor') return { kind: 'matrix', shape: [...v.tensor.shape], data: Array.from(v.tensor.data) };
  return { kind: 'text', display: v.display };
}

/** The most numbers one mathjs value may hold (the evaluator's own limit on a result). */
const MATH_MAX_ELEMENTS = 1_000_000;

/**
 * Mirrors a REPL variable into mathjs, as far as mathjs can take it: a tensor
 * too large for math becomes a note (copying millions of numbers into the
 * worker would stall it past its timeout), and a name mathjs refuses stays a
 * command-only variable. Never throws: a refusal must not break let or math.
 */
async function pushToMath(ev: MathEvaluator, name: string, value: Value): Promise<void> {
  if (value.kind === 'text') return;
  const mv: MathValue =
    value.kind === 'tensor' && value.tensor.size > MATH_MAX_ELEMENTS
      ? { kind: 'text', display: `tensor [${value.tensor.shape.join(', ')}] (too large for math)` }
      : toMathValue(value);
  try {
    await ev.set(name, mv);
  } catch {
    // e.g. a name longer than mathjs allows: the commands still see the variable.
  }
}

export function createSession(opts: { lang: Lang; width?: number }): Session {
  let evaluator: MathEvaluator | undefined;
  let starting: Promise<MathEvaluator> | undefined;
  const ctx: ReplContext = {
    lang: opts.lang,
    width: opts.width ?? 80,
    vars: new Map(),
    math() {
      starting ??= import('../evaluator/evaluator.js').then(async (m) => {
        const ev = m.createMathEvaluator();
        for (const [name, value] of ctx.vars) await pushToMath(ev, name, value);
        evaluator = ev;
        return ev;
      });
      return starting;
    },
    async syncVar(name, value) {
      if (evaluator) await pushToMath(evaluator, name, value);
    },
  };
  return {
    ctx,
    exec: (line) => execLine(ctx, line),
    close: () => evaluator?.close(),
  };
}

export async function execLine(ctx: ReplContext, rawLine: string): Promise<CommandResult> {
  // A BOM at the start (a file saved by some editors, piped in) is not part of the command.
  // Full-width ，＝（）： from a Chinese input method mean the ASCII ones (same columns, so carets still fit).
  const line = foldFullWidth(rawLine.startsWith('\ufeff') ? rawLine.slice(1) : rawLine);
  const parsed = parseLine(line, allSpecs(), new Set(ctx.vars.keys()));
  try {
    switch (parsed.kind) {
      case 'empty':
        return commandResult('none', { json: () => ({ command: 'none', ok: true }), blocks: () => [] });
      case 'error':
        return failure(ctx, parsed.error, 'parse', line, parsed.column, parsed.length);
      case 'expr':
        return await evalExpression(ctx, parsed.text);
      case 'command': {
        const cmd = allCommands().get(parsed.name)!;
        return await cmd.run(parsed.args, ctx, line);
      }
    }
  } catch (e) {
    const command = parsed.kind === 'command' ? parsed.name : 'math';
    if (e instanceof UserError) return failure(ctx, e.text, command, line, e.column, e.length);
    if (e instanceof EngineError) return failure(ctx, msg(e.message, e.zh ?? e.message), command, line);
    if (e instanceof RangeError) {
      return failure(ctx, msg(`That was too big to compute (${e.message}). Try smaller sizes.`, `这个计算太大了（${e.message}）。请用更小的尺寸。`), command, line);
    }
    return failure(
      ctx,
      msg(`Something went wrong inside nnlearn: ${(e as Error)?.message ?? e}. The REPL goes on.`, `nnlearn 内部出错：${(e as Error)?.message ?? e}。REPL 会继续运行。`),
      command,
      line,
    );
  }
}

/** How much of a line an error may quote with its caret: a window around the column, never the whole of a long line. */
export const ERROR_LINE_WINDOW = 120;

/** The part of `line` around `column` that fits the window, with the column moved to match (… marks cuts). */
export function lineWindow(line: string, column: number, length = 1): { line: string; column: number; length: number } {
  if (line.length <= ERROR_LINE_WINDOW) return { line, column, length };
  const start = Math.max(0, Math.min(column - ERROR_LINE_WINDOW / 2, line.length - ERROR_LINE_WINDOW));
  const end = Math.min(line.length, start + ERROR_LINE_WINDOW);
  const lead = start > 0 ? '…' : '';
  const shown = lead + line.slice(start, end) + (end < line.length ? '…' : '');
  const col = Math.min(column - start + lead.length, shown.length - 1);
  return { line: shown, column: col, length: Math.max(1, Math.min(length, shown.length - col)) };
}

/**
 * A line that was not read at all because it is longer than the reader's cap:
 * its length and a short excerpt of its start, never the line itself.
 */
export function lineTooLong(lang: Lang, where: Msg, length: number, max: number, excerpt: string): CommandResult {
  const text = msg(
    `${where.en} is ${fmtInt(length)} characters long; the longest line nnlearn reads is ${fmtInt(max)}, so it was skipped (it begins ${JSON.stringify(excerpt)}). Split it into shorter commands (use let to keep intermediate values).`,
    `${where.zh}有 ${fmtInt(length)} 个字符；nnlearn 每行最多读 ${fmtInt(max)} 个，所以跳过了它（开头是 ${JSON.stringify(excerpt)}）。请拆成几条较短的命令（可以用 let 保存中间结果）。`,
  );
  return commandResult('parse', { json: () => ({ command: 'parse', ok: false, error: tr(lang, text), length }), blocks: () => [{ kind: 'error', text }] }, { ok: false });
}

function failure(ctx: ReplContext, text: import('../i18n/index.js').Msg, command: string, line: string, column?: number, length?: number, before: Block[] = []): CommandResult {
  const json = () => {
    const record: Record<string, unknown> = { command, ok: false, error: tr(ctx.lang, text) };
    if (column !== undefined) record.column = column + 1;
    return record;
  };
  const blocks = (): Block[] => {
    const quoted = column !== undefined ? lineWindow(line, column, length) : undefined;
    return [...before, { kind: 'error', text, line: quoted?.line, column: quoted?.column, length: quoted?.length }];
  };
  return commandResult(command, { json, blocks }, { ok: false });
}

async function evalExpression(ctx: ReplContext, text: string): Promise<CommandResult> {
  const math = await ctx.math();
  const r = await math.evaluate(text);
  // Mirror what the line assigned (W = 227) so commands see what mathjs sees — each name its own value,
  // also when the line failed after an assignment. Functions stay in mathjs (a note for the commands).
  mirrorBindings(ctx, r.bindings, text);
  // Variables a restart of the math engine could not put back are named, never dropped silently.
  const notice: Block[] = r.notice ? [{ kind: 'warning', text: r.notice }] : [];
  if (!r.ok) return failure(ctx, r.error, 'math', text, undefined, undefined, notice);
  const value = fromMath(r.value, r.display, text);
  const shown = r.assigned ? `${r.assigned} = ${r.display}` : r.display;
  const mv = r.value;
  const json = () => (mv.kind === 'matrix' ? { shape: mv.shape, data: mv.data } : valueJson(value));
  return commandResult(
    'math',
    { json: () => ({ command: 'math', ok: true, expression: text, value: json(), ...(r.assigned ? { name: r.assigned } : {}) }), blocks: () => [...notice, { kind: 'text', text: shown }] },
    r.assigned ? { binds: { name: r.assigned } } : {},
  );
}

export { setVar };
