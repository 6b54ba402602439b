/**
 * One training step (forward, MSE loss, backward, Adam) of a 2-layer transformer
 * encoder — d 64, 4 heads, T 32, batch 16, feed-forward FF (default 128) — in the
 * engine and in tfjs-cpu, interleaved; prints steps/s of each and the ratio.
 *   npx esbuild scripts/dev/bench-transformer-train.mts --bundle --platform=node --format=esm \
 *     --main-fields=module,main --outfile=/tmp/bench-tr.mjs && node /tmp/bench-tr.mjs [FF] [causal]
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core's node bundle has no gradients; bundled from its ES modules (see the usage line), this registers them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { backward } from '../../src/engine/autograd/backward.js';
import * as F from '../../src/engine/autograd/functional.js';
import { seeded, Sequential, TransformerEncoderLayer } from '../../src/engine/nn/index.js';
import { Adam } from '../../src/engine/optim/adam.js';
import { Tensor } from '../../src/engine/tensor.js';

const FF = Number(process.argv[2] ?? 128);
const causal = process.argv[3] === 'causal';
const N = 16, T = 32, D = 64, H = 4;
await tf.setBackend('cpu');

const rng = seeded(1);
const rand = (shape: number[]): Tensor => new Tensor(shape, Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng() * 2 - 1));
const x = rand([N, T, D]);
const y = rand([N, T, D]);

const model = new Sequential([0, 1].map(() => new TransformerEncoderLayer(D, H, FF, { causal, rng })));
const opt = new Adam(model.parameters(), { lr: 1e-3 });
const engineStep = (): number => {
  opt.zeroGrad();
  const loss = F.mseLoss(model.forward(x), y);
  backward(loss);
  opt.step();
  return loss.data[0];
};

// The same model in tfjs (weights copied from the engine's).
const vars = model.namedParameters().map(([n, p]) => [n, tf.variable(tf.tensor(p.data.slice(), [...p.shape]), true, n)] as const);
const V = Object.fromEntries(vars);
const tx = tf.tensor(x.data, [N, T, D]);
const ty = tf.tensor(y.data, [N, T, D]);
const mask = tf.tensor(Float32Array.from({ length: T * T }, (_, i) => (i % T > Math.floor(i / T) ? -1e9 : 0)), [T, T]);
const ln = (v: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D => {
  const { mean, variance } = tf.moments(v, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(v, mean), tf.rsqrt(tf.add(variance, 1e-5))), w), b);
};
const tfLayer = (v: tf.Tensor2D, p: string): tf.Tensor2D => {
  const g = (n: string): tf.Variable => V[`${p}.${n}`];
  const dh = D / H;
  const lin = (u: tf.Tensor2D, n: string): tf.Tensor2D => tf.add(tf.matMul(u, g(`${n}weight`), false, true), g(`${n}bias`));
  const qkv = lin(v, 'self_attn.in_proj_');
  const part = (k: number): tf.Tensor4D => tf.transpose(tf.reshape(tf.slice(qkv, [0, k * D], [N * T, D]), [N, T, H, dh]), [0, 2, 1, 3]);
  let s: tf.Tensor4D = tf.mul(tf.matMul(part(0), part(1), false, true), 1 / Math.sqrt(dh));
  if (causal) s = tf.add(s, mask);
  const o = tf.reshape(tf.transpose(tf.matMul(tf.softmax(s), part(2)), [0, 2, 1, 3]), [N * T, D]) as tf.Tensor2D;
  const a = lin(o, 'self_attn.out_proj.');
  const h1 = ln(tf.add(v, a), g('norm1.weight'), g('norm1.bias'));
  const f = lin(tf.relu(lin(h1, 'linear1.')), 'linear2.');
  return ln(tf.add(h1, f), g('norm2.weight'), g('norm2.bias'));
};
const tfOpt = tf.train.adam(1e-3);
const tfStep = (): number => {
  const loss = tfOpt.minimize(() => tf.losses.meanSquaredError(tf.reshape(ty, [N * T, D]), tfLayer(tfLayer(tf.reshape(tx, [N * T, D]) as tf.Tensor2D, '0'), '1')) as tf.Scalar, true)!;
  const v = loss.dataSync()[0];
  loss.dispose();
  return v;
};

const e0 = engineStep();
const t0 = tfStep();
console.log(`first-step loss: engine ${e0.toFixed(6)}, tfjs ${t0.toFixed(6)}`);
for (let i = 0; i < 3; i++) {
  engineStep();
  tfStep();
}
const time = (f: () => unknown, n: number): number => {
  const s = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - s) / n;
};
const eMs: number[] = [];
const tMs: number[] = [];
for (let round = 0; round < 5; round++) {
  eMs.push(time(engineStep, 5));
  tMs.push(time(tfStep, 2));
}
const median = (a: number[]): number => [...a].sort((p, q) => p - q)[a.length >> 1];
const e = median(eMs);
const t = median(tMs);
console.log(`ff ${FF}${causal ? ' causal' : ''}: engine ${(1000 / e).toFixed(1)} steps/s (${e.toFixed(1)} ms), tfjs-cpu ${(1000 / t).toFixed(1)} steps/s (${t.toFixed(1)} ms), ratio ${(t / e).toFixed(2)}×`);
