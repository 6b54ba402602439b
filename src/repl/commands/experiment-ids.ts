/**
 * The experiments' ids, for Tab completion after `experiment ` in the
 * interactive REPL: a static list, so completing loads no training code into
 * the screen's thread (the registry, src/experiments/registry.ts, imports the
 * training domain). tests/repl/experiment.test.ts checks it is the registry's
 * list, in its order.
 */
export const EXPERIMENT_IDS: readonly string[] = [
  'no-nonlinearity',
  'fc-vs-cnn',
  'weight-sharing',
  'pooling',
  'rnn-vs-lstm',
  'exploding-gradients',
  'vanishing-gradients',
  'forget-gate',
  'positional-encoding',
  'residual-layernorm',
  'masked-attention',
  'parallel-training',
  'multi-head',
];
