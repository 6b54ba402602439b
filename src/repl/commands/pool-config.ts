/** What a pool line asks for (kind, F, S, P, ceil), read from its options and flags. */
import type { PoolKind } from '../../engine/size-rule.js';
import type { PoolConfig } from '../runs.js';
import { msg } from '../../i18n/index.js';
import { UserError, type ReplContext } from '../context.js';
import { optionNumber } from '../resolve.js';
import type { ParsedArgs } from '../spec.js';

export function readPoolConfig(ctx: ReplContext, args: ParsedArgs): PoolConfig {
  const F = optionNumber(ctx, args, 'F', { what: msg('the window size F', '窗口尺寸 F'), integer: true, min: 1 });
  if (F === undefined) throw new UserError(msg('pool needs the window size: add F=2 (or kernel=2).', 'pool 需要窗口尺寸：加上 F=2（或 kernel=2）。'));
  const kind: PoolKind = args.flags.includes('avg') ? 'avg' : args.flags.includes('l2') ? 'lp' : 'max';
  return {
    kind,
    F,
    S: optionNumber(ctx, args, 'S', { what: msg('the stride S', '步长 S'), integer: true, min: 1, default: F })!,
    P: optionNumber(ctx, args, 'P', { what: msg('the padding P', '填充 P'), integer: true, min: 0, default: 0 })!,
    ceil: args.flags.includes('ceil'),
  };
}
