/**
 * let NAME = VALUE. Plain numbers and lists are stored without loading mathjs
 * (so `nnlearn run 'let W = 227' 'conv Wx227x3 F=11 S=4'` stays instant);
 * anything else is evaluated in the mathjs sandbox.
 */
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../ui/blocks.js';
import type { ReplCommand } from '../command.js';
import { UserError, type Value } from '../context.js';
import { fail } from '../parser.js';
import { describeValue } from './session-cmds.js';
import { mathToTensor } from '../values.js';
import { isName } from '../terms.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Names the REPL reads as commands cannot be variables too. */
let reserved: () => ReadonlySet<string> = () => new Set();
export function setReservedNames(f: () => ReadonlySet<string>): void {
  reserved = f;
}

export const letCmd: ReplCommand = {
  spec: {
    name: 'let',
    summary: msg('name a value: let W = 227, let x = [[1,2],[3,4]]', '给值命名：let W = 227、let x = [[1,2],[3,4]]'),
    usage: 'let NAME = VALUE',
    examples: ['let W = 227', 'let x = [[1,2],[3,4]]', 'let y = x * x'],
    parse(tokens, line) {
      const name = tokens[0];
      const eq = tokens[1];
      if (!name || name.kind !== 'chunk' || !isName(name.text)) {
        return fail(msg('let needs a name first: let W = 227', 'let 后面先写变量名：let W = 227'), name?.start ?? line.length);
      }
      if (reserved().has(name.text.toLowerCase())) {
        return fail(
          msg(`"${name.text}" is a command name; choose another variable name.`, `“${name.text}”是命令名，请换一个变量名。`),
          name.start,
          name.text.length,
        );
      }
      if (!eq || eq.kind !== 'eq') {
        return fail(msg(`Write let ${name.text} = VALUE (the "=" is missing).`, `请写成 let ${name.text} = 值（缺少“=”）。`), name.end);
      }
      const expr = line.slice(eq.end).trim();
      if (!expr) return fail(msg(`let ${name.text} = needs a value after "=".`, `let ${name.text} = 的“=”后面需要一个值。`), line.length);
      return { positionals: { name: { kind: 'word', word: name.text, start: name.start, end: name.end }, value: { kind: 'list', text: expr, start: eq.end + 1, end: line.length } }, options: {}, flags: [] };
    },
  },
  async run(args, ctx) {
    const nameArg = args.positionals.name;
    const valueArg = args.positionals.value;
    if (nameArg.kind !== 'word' || valueArg.kind !== 'list') throw new UserError(msg('let NAME = VALUE', 'let 名称 = 值'));
    const name = nameArg.word;
    const text = valueArg.text;
    const place = { start: valueArg.start, end: valueArg.end };
    let value: Value;
    if (NUMBER.test(text)) {
      value = { kind: 'number', value: Number(text) };
    } else {
      const math = await ctx.math();
      const r = await math.evaluate(text);
      if (!r.ok) throw new UserError(r.error, place.start, place.end - place.start);
      const v = r.value;
      if (v.kind === 'number') value = { kind: 'number', value: v.value };
      else if (v.kind === 'matrix') value = { kind: 'tensor', tensor: mathToTensor(v, place) as Tensor };
      else value = { kind: 'text', display: r.display };
    }
    await setVar(ctx, name, value);
    const blocks: Block[] = [{ kind: 'text', text: `${name} = ${describeValue(value)}` }];
    return { ok: true, json: { command: 'let', ok: true, name, value: valueJson(value) }, blocks };
  },
};

export function valueJson(v: Value): unknown {
  if (v.kind === 'number') return v.value;
  if (v.kind === 'text') return v.display;
  return { shape: [...v.tensor.shape], data: Array.from(v.tensor.data) };
}

/** Binds a name in the REPL and, if mathjs is running, in its scope too. */
export async function setVar(ctx: import('../context.js').ReplContext, name: string, value: Value): Promise<void> {
  ctx.vars.set(name, value);
  await ctx.syncVar?.(name, value);
}
