/** fc IN -> OUT: a fully connected layer's parameters (h = σ(xW + b)). */
import { fmtInt, msg } from '../../i18n/index.js';
import type { ReplCommand } from '../command.js';
import { UserError } from '../context.js';
import { argPlace, resolveNumber, resolveVolume } from '../resolve.js';

export const fc: ReplCommand = {
  spec: {
    name: 'fc',
    aliases: ['linear', 'dense'],
    summary: msg('a fully connected layer: its weights and biases', '全连接层：权重与偏置的数量'),
    usage: 'fc IN -> OUT   (IN may be a volume such as 7x7x512)',
    examples: ['fc 4096 -> 1000', 'fc 7x7x512 -> 4096'],
    positionals: [
      { name: 'in', kind: 'size', help: msg('the number of inputs (or a volume W×H×D)', '输入的个数（或一个数据体 W×H×D）') },
      { name: 'out', kind: 'number', help: msg('the number of outputs', '输出的个数') },
    ],
  },
  run(args, ctx) {
    const a = args.positionals.in;
    const b = args.positionals.out;
    let nIn: number;
    let volume: { width: number; height: number; depth: number } | undefined;
    if (a.kind === 'volume') {
      volume = resolveVolume(ctx, a.volume, argPlace(a));
      nIn = volume.width * volume.height * volume.depth;
    } else if (a.kind === 'term') {
      nIn = resolveNumber(ctx, a.term, { what: msg('the number of inputs', '输入个数'), integer: true, min: 1 }, argPlace(a));
    } else throw new UserError(msg('fc needs the number of inputs first.', 'fc 需要先给出输入个数。'), a.start);
    if (b.kind !== 'term') throw new UserError(msg('fc needs the number of outputs.', 'fc 需要输出个数。'), b.start);
    const nOut = resolveNumber(ctx, b.term, { what: msg('the number of outputs', '输出个数'), integer: true, min: 1 }, argPlace(b));
    const weights = nIn * nOut;
    const params = weights + nOut;
    const blocks: import('../../ui/blocks.js').Block[] = [
      { kind: 'title', text: msg(`Fully connected ${fmtInt(nIn)} → ${fmtInt(nOut)}`, `全连接层 ${fmtInt(nIn)} → ${fmtInt(nOut)}`) },
    ];
    if (volume) {
      blocks.push({
        kind: 'text',
        text: msg(
          `The ${volume.width}×${volume.height}×${volume.depth} volume is flattened into ${fmtInt(nIn)} numbers first: every output neuron sees all of them.`,
          `先把 ${volume.width}×${volume.height}×${volume.depth} 的数据体展平成 ${fmtInt(nIn)} 个数：每个输出神经元都连接全部输入。`,
        ),
      });
    }
    blocks.push(
      { kind: 'formula', label: msg('h = σ(x·W + b), W is IN×OUT, b has OUT entries', 'h = σ(x·W + b)，W 是 IN×OUT，b 有 OUT 个'), lines: [`params = ${fmtInt(nIn)}·${fmtInt(nOut)} + ${fmtInt(nOut)} = ${fmtInt(params)}`] },
      {
        kind: 'facts',
        rows: [
          { label: msg('weights', '权重'), value: fmtInt(weights) },
          { label: msg('biases', '偏置'), value: fmtInt(nOut) },
          { label: msg('parameters', '参数总数'), value: fmtInt(params) },
          { label: msg('float32 memory', 'float32 内存'), value: bytes(params * 4) },
        ],
      },
    );
    return {
      ok: true,
      json: {
        command: 'fc',
        ok: true,
        input: volume ? { ...volume, features: nIn } : { features: nIn },
        output: { features: nOut },
        weights,
        biases: nOut,
        params,
      },
      blocks,
    };
  },
};

export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
