/**
 * Turns what was typed (numbers, variable names, volumes) into checked
 * numbers, with messages that point at the argument at fault.
 */
import { msg, type Msg } from '../i18n/index.js';
import { UserError, type ReplContext, type Value } from './context.js';
import type { Arg, ParsedArgs } from './spec.js';
import type { Term, VolumeTerm } from './terms.js';
import { fmtInt } from '../i18n/numbers.js';

/** Sizes beyond this are not layers anyone builds; refuse rather than compute nonsense. */
export const MAX_SIZE = 1_000_000_000;

export interface Place {
  start: number;
  end: number;
}

export interface NumberRule {
  what: Msg;
  integer?: boolean;
  min?: number;
  max?: number;
}

/** `example`: a value of the kind the command needs (rand 6x6x1 for an image), for the "set it first" hint. */
export function lookup(ctx: ReplContext, name: string, place?: Place, example = '227'): Value {
  const v = ctx.vars.get(name);
  if (!v) {
    const known = [...ctx.vars.keys()];
    throw new UserError(
      msg(
        `${name} is not defined. Set it first, e.g. let ${name} = ${example}${known.length ? ` (defined: ${known.join(', ')})` : ''}.`,
        `${name} 还没有定义。请先赋值，例如 let ${name} = ${example}${known.length ? `（已定义：${known.join('、')}）` : ''}。`,
      ),
      place?.start,
      place ? place.end - place.start : undefined,
    );
  }
  return v;
}

export function resolveNumber(ctx: ReplContext, term: Term, rule: NumberRule, place?: Place): number {
  let v: number;
  if ('num' in term) v = term.num;
  else if ((term.name === 'NaN' || term.name === 'Infinity') && !ctx.vars.has(term.name)) {
    // Not variables but the numbers JavaScript spells this way: say why they do not fit.
    v = Number(term.name);
  } else {
    const val = lookup(ctx, term.name, place);
    if (val.kind !== 'number') {
      throw new UserError(
        msg(`${term.name} is not a single number, so it cannot be ${rule.what.en}.`, `${term.name} 不是单个数字，不能作为${rule.what.zh}。`),
        place?.start,
        place ? place.end - place.start : undefined,
      );
    }
    v = val.value;
  }
  const shown = 'num' in term || !ctx.vars.has(term.name) ? term.text : `${term.name} = ${v}`;
  const col = place?.start;
  const len = place ? place.end - place.start : undefined;
  if (!Number.isFinite(v)) throw new UserError(msg(`${cap(rule.what.en)} must be a finite number, got ${shown}.`, `${rule.what.zh}必须是有限的数，现在是 ${shown}。`), col, len);
  if (rule.integer && !Number.isInteger(v)) {
    throw new UserError(msg(`${cap(rule.what.en)} must be a whole number, got ${shown}.`, `${rule.what.zh}必须是整数，现在是 ${shown}。`), col, len);
  }
  if (rule.min !== undefined && v < rule.min) {
    throw new UserError(msg(`${cap(rule.what.en)} must be at least ${rule.min}, got ${shown}.`, `${rule.what.zh}至少为 ${rule.min}，现在是 ${shown}。`), col, len);
  }
  const max = rule.max ?? (rule.integer ? MAX_SIZE : undefined);
  if (max !== undefined && v > max) {
    throw new UserError(msg(`${cap(rule.what.en)} = ${fmtInt(v)} is too large (at most ${fmtInt(max)}).`, `${rule.what.zh} = ${fmtInt(v)} 太大了（最多 ${fmtInt(max)}）。`), col, len);
  }
  return v;
}

export interface Volume {
  width: number;
  height: number;
  depth: number;
}

/** W×H×D in the notes' order; a missing depth means 1 (a grey image). */
export function resolveVolume(ctx: ReplContext, v: VolumeTerm, place: Place): Volume {
  return {
    width: resolveNumber(ctx, v.width, { what: msg('the width W', '宽度 W'), integer: true, min: 1 }, place),
    height: resolveNumber(ctx, v.height, { what: msg('the height H', '高度 H'), integer: true, min: 1 }, place),
    depth: v.depth ? resolveNumber(ctx, v.depth, { what: msg('the depth D', '深度 D'), integer: true, min: 1 }, place) : 1,
  };
}

/** An option such as F=5, or its default when absent. */
export function optionNumber(ctx: ReplContext, args: ParsedArgs, key: string, rule: NumberRule & { default?: number }): number | undefined {
  const o = args.options[key];
  if (!o) return rule.default;
  return resolveNumber(ctx, o.term, rule, o);
}

export function argPlace(a: Arg): Place {
  return { start: a.start, end: a.end };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
