/** The REPL's housekeeping commands: vars, clear, exit. */
import { msg } from '../../i18n/index.js';
import type { ReplCommand } from '../command.js';
import { commandResult, type Value } from '../context.js';

function nestedText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(nestedText).join(',')}]`;
  const n = v as number;
  return Number.isNaN(n) ? 'NaN' : n === Infinity ? '∞' : n === -Infinity ? '−∞' : shortestFloat32(n);
}

/** The shortest decimal that is the same float32 (0.24 rather than 0.23999999463558197). */
function shortestFloat32(n: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = Number(n.toPrecision(p));
    if (Math.fround(s) === n) return String(s);
  }
  return String(n);
}

export function describeValue(v: Value): string {
  if (v.kind === 'number') return String(v.value);
  if (v.kind === 'text') return v.display;
  const t = v.tensor;
  // Written by hand, not JSON.stringify: ∞ and NaN are shown as such, never as JSON's null.
  if (t.size <= 6) return nestedText(t.toNested());
  return `tensor [${t.shape.join(', ')}]${v.source ? `  (${v.source})` : ''}`;
}

export const vars: ReplCommand = {
  spec: { name: 'vars', summary: msg('the variables you have set with let', '用 let 设置过的变量'), usage: 'vars', examples: ['vars'] },
  run(_args, ctx) {
    const entries = [...ctx.vars.entries()];
    if (entries.length === 0) {
      return commandResult('vars', { json: () => ({ command: 'vars', ok: true, vars: {} }), blocks: () => [{ kind: 'text', text: msg('No variables yet. Try: let W = 227', '还没有变量。试试：let W = 227'), tone: 'muted' }] });
    }
    return commandResult('vars', { json: () => ({ command: 'vars', ok: true, vars: Object.fromEntries(entries.map(([k, v]) => [k, describeValue(v)])) }), blocks: () => [{ kind: 'table', head: [msg('name', '名称'), msg('value', '值')], rows: entries.map(([k, v]) => [k, describeValue(v)]) }] });
  },
};

export const clear: ReplCommand = {
  spec: { name: 'clear', aliases: ['cls'], summary: msg('clear the screen', '清屏'), usage: 'clear', examples: ['clear'] },
  run: () => commandResult('clear', { json: () => ({ command: 'clear', ok: true }), blocks: () => [] }, { action: 'clear' }),
};

export const exit: ReplCommand = {
  spec: { name: 'exit', aliases: ['quit', 'q'], summary: msg('leave the REPL', '退出 REPL'), usage: 'exit', examples: ['exit'] },
  run: () => commandResult('exit', { json: () => ({ command: 'exit', ok: true }), blocks: () => [] }, { action: 'exit' }),
};
