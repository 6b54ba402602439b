/**
 * The LSTMs the lstm lessons run on the engine's lstmWithGates: a one-unit
 * LSTM with chosen weights that writes the subject's number into its cell
 * state at step 2 and (depending on the forget gate's bias) keeps it until
 * step 9, and a seeded random LSTM whose gates are shown step by step.
 */
import { lstmWithGates, randUniform, Tensor, type CellWeights, type LstmTrace } from '../../engine/index.js';

/** The notes' sentence: the subject is word 2, the verb that must agree is word 9. */
export const SENTENCE = ['The', 'cats', 'that', 'we', 'saw', 'in', 'the', 'yard', 'were'] as const;

/** Forget-gate biases of the three runs: f = σ(b) ≈ 0.98, 0.5, 0.02. */
export const FORGET_BIASES = [4, 0, -4] as const;

/**
 * A one-unit LSTM (H = 1) reading x = [is-subject, value] at each step:
 *   i = σ(8·is-subject − 4): open (≈0.98) only at the subject, else ≈0.02;
 *   f = σ(bias_f): the same at every step;
 *   g = tanh(2·value): the value to write;
 *   o = σ(2).
 * W_hh = 0, so the gates depend on the input only and the numbers are easy to follow.
 */
export function beltWeights(forgetBias: number): CellWeights {
  return {
    weightIh: new Tensor([4, 2], [8, 0, 0, 0, 0, 2, 0, 0]),
    weightHh: new Tensor([4, 1], [0, 0, 0, 0]),
    biasIh: new Tensor([4], [-4, forgetBias, 0, 2]),
    biasHh: null,
  };
}

/** The sentence as inputs: the subject (step 2) is +1 (plural) or −1 (singular); other words carry seeded values in [−1, 1). */
export function beltInputs(subject: number, seed: number): Tensor {
  const T = SENTENCE.length;
  const noise = randUniform([T], seed);
  const d = new Float32Array(T * 2);
  for (let t = 0; t < T; t++) {
    d[2 * t] = t === 1 ? 1 : 0;
    d[2 * t + 1] = t === 1 ? subject : noise.data[t];
  }
  return new Tensor([T, 2], d);
}

export interface BeltRun {
  forgetBias: number;
  plural: LstmTrace;
  singular: LstmTrace;
  /** σ(forgetBias): the forget gate at every step. */
  f: number;
  /** c at step 2 (written) and step 9 (read), for the plural sentence. */
  c2: number;
  c9: number;
  /** h₉(cats) − h₉(cat): what the verb's step can still tell apart. */
  dh9: number;
}

export function beltExperiment(seed: number): BeltRun[] {
  return FORGET_BIASES.map((b) => {
    const w = beltWeights(b);
    const plural = lstmWithGates(beltInputs(1, seed), null, null, w);
    const singular = lstmWithGates(beltInputs(-1, seed), null, null, w);
    const T = SENTENCE.length;
    return {
      forgetBias: b,
      plural,
      singular,
      f: plural.forgetGate.data[0],
      c2: plural.cells.data[1],
      c9: plural.cells.data[T - 1],
      dh9: plural.output.data[T - 1] - singular.output.data[T - 1],
    };
  });
}

/** A seeded LSTM with I inputs and H units, weights uniform in [−a, a), and a seeded sequence [T, I]. */
export function randomLstm(T: number, I: number, H: number, seed: number, a = 1.5): { x: Tensor; w: CellWeights; r: LstmTrace } {
  const u = (shape: number[], s: number) => randUniform(shape, s, -a, a);
  const w: CellWeights = { weightIh: u([4 * H, I], seed + 1), weightHh: u([4 * H, H], seed + 2), biasIh: u([4 * H], seed + 3), biasHh: null };
  const x = randUniform([T, I], seed);
  return { x, w, r: lstmWithGates(x, null, null, w) };
}

/** Parameters of an LSTM layer counted from the tensors themselves (both PyTorch biases). */
export function lstmParamTensors(I: number, H: number): { weightIh: Tensor; weightHh: Tensor; biasIh: Tensor; biasHh: Tensor } {
  return { weightIh: new Tensor([4 * H, I]), weightHh: new Tensor([4 * H, H]), biasIh: new Tensor([4 * H]), biasHh: new Tensor([4 * H]) };
}

/** Runs a zero-input step through the engine to be sure the shapes are the ones an LSTM accepts, then counts. */
export function lstmParamCount(I: number, H: number): { oneBias: number; pytorch: number; weights: number; bias: number } {
  const p = lstmParamTensors(I, H);
  lstmWithGates(new Tensor([1, I]), null, null, p);
  const weights = p.weightIh.size + p.weightHh.size;
  return { weights, bias: p.biasIh.size, oneBias: weights + p.biasIh.size, pytorch: weights + p.biasIh.size + p.biasHh.size };
}
