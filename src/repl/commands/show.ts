/** show x: a variable drawn as numbers (or as a heatmap when large), with its shape both ways. */
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { imageShapeText, seqShapeText, tensorJson, tensorVar } from '../tensors.js';
import { commandResult } from '../context.js';

export const show: ReplCommand = {
  spec: {
    name: 'show',
    summary: msg('draw a variable: its numbers and shape', '显示一个变量：数值和形状'),
    usage: 'show NAME',
    examples: ['let x = rand 6x6x1 seed=7', 'show x'],
    positionals: [{ name: 'x', kind: 'number', help: msg('a variable name', '一个变量名') }],
  },
  run(args, ctx) {
    const { tensor, name } = tensorVar(ctx, args.positionals.x);
    const shape = tensor.rank === 3 ? imageShapeText(tensor) : tensor.rank === 2 ? seqShapeText(tensor, msg('rows', '行'), msg('columns', '列')) : `[${tensor.shape.join(', ')}]`;
    const blocks: Block[] = [{ kind: 'title', text: msg(`${name}: ${typeof shape === 'string' ? shape : shape.en}`, `${name}：${typeof shape === 'string' ? shape : shape.zh}`) }];
    const big = tensor.rank >= 2 && tensor.shape[tensor.rank - 1] > 16;
    blocks.push(big ? { kind: 'heatmap', label: name, tensor } : { kind: 'matrix', label: name, tensor, layout: tensor.rank === 3 ? 'CHW' : undefined });
    return commandResult('show', { json: () => ({ command: 'show', ok: true, name, value: tensorJson(tensor) }), blocks: () => blocks });
  },
};
