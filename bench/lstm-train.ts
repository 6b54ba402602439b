/**
 * One training step of an LSTM classifier — LSTM(in 32, hidden 128) over T = 50
 * steps, batch 16, last step → Linear(128 → 10) → cross entropy → SGD — in the
 * engine and in tfjs-cpu (tf.basicLSTMCell unrolled, optimizer.minimize), timed
 * interleaved. Prints steps/s of each and the ratio. tfjs-core's gradients are ES
 * modules with extensionless imports that Node cannot load directly, so bundle first:
 *   npx esbuild bench/lstm-train.ts --bundle --platform=node --format=cjs \
 *     --main-fields=module,main --outfile=/tmp/lstm-train.cjs && node /tmp/lstm-train.cjs
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients; the union package imports these (tfjs has autograd).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { backward } from '../src/engine/autograd/backward.js';
import * as F from '../src/engine/autograd/functional.js';
import { Last, Linear, LSTM, seeded, Sequential } from '../src/engine/nn/index.js';
import { SGD } from '../src/engine/optim/sgd.js';
import { randUniform } from '../src/engine/random.js';
import { Tensor } from '../src/engine/tensor.js';
import { timeInterleaved } from './timing.js';

const [N, T, I, H, C] = [16, 50, 32, 128, 10];

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const x = randUniform([N, T, I], 1);
  const y = new Tensor([N], Float32Array.from({ length: N }, (_, n) => n % C));

  const rng = seeded(2);
  const model = new Sequential([new LSTM(I, H, { rng }), new Last(), new Linear(H, C, { rng })]);
  const opt = new SGD(model.parameters(), { lr: 0.01 });
  const engineStep = (): number => {
    opt.zeroGrad();
    const loss = F.crossEntropy(model.forward(x), y);
    backward(loss);
    opt.step();
    return loss.data[0];
  };

  // tfjs: the same shapes (its LSTM kernel is [(in + H), 4H], one matmul per step on [x, h]).
  const kernel = tf.variable(tf.randomUniform([I + H, 4 * H], -0.09, 0.09));
  const bias = tf.variable(tf.zeros([4 * H]));
  const wOut = tf.variable(tf.randomUniform([H, C], -0.09, 0.09));
  const bOut = tf.variable(tf.zeros([C]));
  const forget = tf.scalar(0);
  const tx = tf.tensor3d(x.data, [N, T, I]);
  const ty = tf.oneHot(tf.tensor1d(Array.from(y.data), 'int32'), C);
  const tfOpt = tf.train.sgd(0.01);
  const tfStep = (): number => {
    const loss = tfOpt.minimize(() => {
      const steps = tf.unstack(tx, 1) as tf.Tensor2D[];
      let h = tf.zeros([N, H]) as tf.Tensor2D;
      let c = tf.zeros([N, H]) as tf.Tensor2D;
      for (let t = 0; t < T; t++) [c, h] = tf.basicLSTMCell(forget, kernel as tf.Tensor2D, bias as tf.Tensor1D, steps[t], c, h);
      const logits = tf.add(tf.matMul(h, wOut), bOut);
      return tf.losses.softmaxCrossEntropy(ty, logits) as tf.Scalar;
    }, true);
    const v = loss!.dataSync()[0];
    loss!.dispose();
    return v;
  };

  const r = await timeInterleaved(engineStep, tfStep, { iterations: 9, warmup: 2 });
  const engineRate = 1000 / r.a;
  const tfRate = 1000 / r.b;
  console.log(`LSTM in=${I} hidden=${H} T=${T} batch=${N}, training step (forward + backward + SGD)`);
  console.log(`engine   ${r.a.toFixed(1)} ms/step  ${engineRate.toFixed(2)} steps/s`);
  console.log(`tfjs-cpu ${r.b.toFixed(1)} ms/step  ${tfRate.toFixed(2)} steps/s`);
  console.log(`ratio    ${(engineRate / tfRate).toFixed(2)}×`);
}

void main();
