/**
 * The explicit op registry: every op file exports its definitions and is
 * listed here once. Adding an op = writing its file + one line below.
 */
import { OpRegistry } from '../registry.js';
import { activationOps } from './activations.js';
import { attentionOps } from './attention.js';
import { clipOps } from './clip.js';
import { convOps } from './conv.js';
import { dropoutOps } from './dropout.js';
import { elementwiseOps } from './elementwise.js';
import { embeddingOps } from './embedding.js';
import { layoutOps } from './layout.js';
import { linearOps } from './linear.js';
import { localConvOps } from './local-conv.js';
import { lossOps } from './loss.js';
import { matmulOps } from './matmul.js';
import { normOps } from './norm.js';
import { poolOps } from './pool.js';
import { posencOps } from './posenc.js';
import { recurrentOps } from './recurrent.js';
import { recurrentSequenceOps } from './recurrent-seq.js';
import { reduceOps } from './reduce.js';
import { shapeOps } from './shape-ops.js';
import { softmaxOps } from './softmax.js';

export const registry = new OpRegistry([
  ...activationOps,
  ...softmaxOps,
  ...normOps,
  ...linearOps,
  ...convOps,
  ...localConvOps,
  ...poolOps,
  ...shapeOps,
  ...recurrentOps,
  ...clipOps,
  ...attentionOps,
  ...posencOps,
  ...elementwiseOps,
  ...reduceOps,
  ...layoutOps,
  ...matmulOps,
  ...lossOps,
  ...dropoutOps,
  ...recurrentSequenceOps,
  ...embeddingOps,
]);
