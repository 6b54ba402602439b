/** fc IN -> OUT: a fully connected layer's parameters (h = σ(xW + b)). */
import { msg } from '../../i18n/index.js';
import { countJson, exactProduct } from '../counts.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult } from '../context.js';
import { argPlace, resolveNumber, resolveVolume } from '../resolve.js';
import { fmtExact } from '../../i18n/numbers.js';

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
    // Exact counts: 999,999,999·999,999,999 is beyond 2^53, where a double would round it.
    const inputs = volume ? exactProduct(volume.width, volume.height, volume.depth) : BigInt(nIn);
    const weights = inputs * BigInt(nOut);
    const params = weights + BigInt(nOut);
    const inText = fmtExact(inputs);
    const outText = fmtExact(BigInt(nOut));
    const blocks: import('../../view/blocks.js').Block[] = [
      { kind: 'title', text: msg(`Fully connected ${inText} → ${outText}`, `全连接层 ${inText} → ${outText}`) },
    ];
    if (volume) {
      blocks.push({
        kind: 'text',
        text: msg(
          `The ${volume.width}×${volume.height}×${volume.depth} volume is flattened into ${inText} numbers first: every output neuron sees all of them.`,
          `先把 ${volume.width}×${volume.height}×${volume.depth} 的数据体展平成 ${inText} 个数：每个输出神经元都连接全部输入。`,
        ),
      });
    }
    blocks.push(
      { kind: 'formula', label: msg('h = σ(x·W + b): W is IN×OUT, b holds OUT numbers', 'h = σ(x·W + b)：W 是 IN×OUT 的矩阵，b 含 OUT 个数'), lines: [`params = ${inText}·${outText} + ${outText} = ${fmtExact(params)}`] },
      {
        kind: 'facts',
        rows: [
          { label: msg('weights', '权重'), value: fmtExact(weights) },
          { label: msg('biases', '偏置'), value: outText },
          { label: msg('parameters', '参数总数'), value: fmtExact(params) },
          { label: msg('float32 memory', 'float32 内存'), value: bytes(Number(params) * 4) },
        ],
      },
    );
    return commandResult('fc', {
      json: () => ({
        command: 'fc',
        ok: true,
        input: volume ? { ...volume, features: countJson(inputs) } : { features: nIn },
        output: { features: nOut },
        weights: countJson(weights),
        biases: nOut,
        params: countJson(params),
      }),
      blocks: () => blocks,
    });
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
