/**
 * The one model of the text and sequence runs, in three kinds: a plain RNN, an
 * LSTM, or a tiny decoder-only Transformer (causal self-attention, sinusoidal
 * positions, post-norm layers as the lessons draw them). Inputs are either
 * token ids [N, T] (a character model: an Embedding first) or features
 * [N, T, F] (the sequence tasks' one-hot symbols, the adding problem's pairs).
 * `states` gives the last layer's states [N, T, H]; `head` turns them into the
 * outputs, so a task can score every step (text) or only the answer steps.
 */
import { Embedding, isGradEnabled, Linear, LSTM, Module, noGrad, PositionalEncoding, RNN, runOp, seeded, Tensor, TransformerEncoderLayer } from '../../engine/index.js';
import { SAVED, type SavedOutputs } from '../../engine/registry.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { TaskViews } from '../task.js';

export type CellKind = 'rnn' | 'lstm' | 'transformer';

export interface SequenceNetSpec {
  cell: CellKind;
  /** The recurrent state's width, or the Transformer's d_model. */
  hidden: number;
  /** Token ids through an Embedding, or features as they are. */
  input: { kind: 'tokens'; vocab: number } | { kind: 'features'; features: number };
  /** Width of the output at each step (classes, vocabulary, or 1 for a real number). */
  outputs: number;
  seed: number;
  /**
   * LSTM: the longest span (in steps) the cell is expected to carry something across. When set,
   * the gates start with the chrono initialisation (Tallec & Ollivier 2018) for it instead of a
   * forget bias of 1: each unit's forget bias is log(u), u uniform in [1, span − 1], and its
   * input bias the opposite, so at the start some units keep what they hold for about `span` steps.
   */
  chronoSpan?: number;
  /**
   * RNN / LSTM: while a graph is recorded, run the cell one op per step (the layer's forwardSteps:
   * the same numbers, slower) and keep every step's state in `lastSteps`, so a task can retain and
   * read ∂L/∂hₜ after backward (the gradient experiments). Off by default: the fused op over the sequence.
   */
  unrolled?: boolean;
  /**
   * Transformer: add the sinusoidal position encoding to the inputs (default true). Without it,
   * and with `causal: false`, self-attention cannot tell the steps apart: permuting the input
   * steps permutes the outputs the same way (a bag of symbols).
   */
  positions?: boolean;
  /** Transformer: each step attends only to itself and earlier steps (default true, a decoder); false reads the whole sequence (an encoder). */
  causal?: boolean;
  /** Transformer: how many encoder layers (default TRANSFORMER_LAYERS). */
  layers?: number;
  /** Transformer: attention heads per layer (default headsFor(hidden)); must divide hidden. */
  heads?: number;
}

/** The Embedding's width before a recurrent cell: a character needs few numbers, and the cell's cost grows with it. */
export const RECURRENT_EMBED = 32;
export const TRANSFORMER_LAYERS = 2;

/** 4 heads where the width allows, else 2, else 1 (each head gets hidden/heads numbers). */
export function headsFor(hidden: number): number {
  return hidden % 4 === 0 ? 4 : hidden % 2 === 0 ? 2 : 1;
}

/** Mean activation of a gate per time step (one sequence). */
export interface GateMeans {
  input: Float32Array;
  forget: Float32Array;
  output: Float32Array;
}

/** Every unit's gates and cell at every step of N sequences, each [N, T, H] (SequenceNet.gateValues). */
export interface GateValues {
  steps: number;
  units: number;
  input: Float32Array;
  forget: Float32Array;
  /** tanh(g): what the input gate lets into the cell. */
  candidate: Float32Array;
  output: Float32Array;
  /** cₜ. */
  cell: Float32Array;
}

interface RecurrentState {
  h: Tensor;
  c: Tensor | undefined;
  logits: Float32Array;
}

function idsTensor(ids: Int32Array): Tensor {
  return new Tensor([1, ids.length], Float32Array.from(ids));
}

/** An index drawn from softmax(logits / temperature) (temperature 0: the largest). */
export function drawFrom(logits: ArrayLike<number>, temperature: number, rng: () => number, avoid = -1): number {
  let best = avoid === 0 && logits.length > 1 ? 1 : 0;
  for (let j = 1; j < logits.length; j++) if (j !== avoid && logits[j] > logits[best]) best = j;
  if (temperature <= 0) return best;
  const p = new Float64Array(logits.length);
  let total = 0;
  // `avoid` (the rare characters' shared symbol) is never drawn: a sample shows only real characters.
  for (let j = 0; j < logits.length; j++) total += p[j] = j === avoid ? 0 : Math.exp((logits[j] - logits[best]) / temperature);
  let u = rng() * total;
  for (let j = 0; j < p.length; j++) {
    u -= p[j];
    if (u < 0) return j;
  }
  return best;
}

/**
 * Starts the forget gate open: its bias b_ih + b_hh = 1 (Jozefowicz et al. 2015; Keras's
 * unit_forget_bias). With PyTorch's init around 0 the cell keeps half of itself per step, so
 * what it saw 20 steps ago is down to 0.5²⁰ before training can learn to keep it.
 */
function openForgetGate(lstm: LSTM): void {
  const H = lstm.hiddenSize;
  lstm.bias_ih_l0.data.fill(1, H, 2 * H);
  lstm.bias_hh_l0.data.fill(0, H, 2 * H);
}

/** The chrono initialisation (see SequenceNetSpec.chronoSpan): b_f = log(U[1, span − 1]), b_i = −b_f, in b_ih (b_hh 0 there). */
function chronoGates(lstm: LSTM, span: number, rng: () => number): void {
  const H = lstm.hiddenSize;
  const bi = lstm.bias_ih_l0.data;
  const bh = lstm.bias_hh_l0.data;
  for (let j = 0; j < H; j++) {
    const f = Math.log(1 + rng() * (span - 2));
    bi[H + j] = f;
    bi[j] = -f;
    bh[H + j] = 0;
    bh[j] = 0;
  }
}

export class SequenceNet extends Module {
  readonly embed: Embedding | undefined;
  /** Transformer with feature input: the projection of the features to d_model. */
  readonly project: Linear | undefined;
  readonly positions: PositionalEncoding | undefined;
  readonly recurrent: RNN | LSTM | undefined;
  readonly blocks: TransformerEncoderLayer[] = [];
  readonly out: Linear;
  /** spec.unrolled: the recurrent states hₜ [N, H] (t = 1…T) of the last states() call; empty otherwise. */
  lastSteps: Tensor[] = [];
  /** Transformer: whether attention is causal (spec.causal, default true). */
  readonly causal: boolean;
  /** Transformer: heads per layer (spec.heads, default headsFor(hidden)). */
  readonly heads: number;

  constructor(readonly spec: SequenceNetSpec) {
    super();
    const rng = seeded(spec.seed);
    const { cell, hidden, input } = spec;
    this.causal = spec.causal ?? true;
    this.heads = spec.heads ?? headsFor(hidden);
    const width = cell === 'transformer' ? hidden : input.kind === 'tokens' ? RECURRENT_EMBED : input.features;
    if (input.kind === 'tokens') this.embed = this.child('embed', new Embedding(input.vocab, width, { rng }));
    else if (cell === 'transformer') this.project = this.child('project', new Linear(input.features, hidden, { rng }));
    if (cell === 'transformer') {
      if (spec.positions ?? true) this.positions = new PositionalEncoding();
      const layers = spec.layers ?? TRANSFORMER_LAYERS;
      for (let l = 0; l < layers; l++) {
        this.blocks.push(this.child(`layers.${l}`, new TransformerEncoderLayer(hidden, this.heads, 2 * hidden, { causal: this.causal, rng })));
      }
    } else {
      this.recurrent = this.child(cell, cell === 'lstm' ? new LSTM(width, hidden, { rng }) : new RNN(width, hidden, { rng }));
      if (this.recurrent instanceof LSTM) {
        if (spec.chronoSpan !== undefined && spec.chronoSpan > 2) chronoGates(this.recurrent, spec.chronoSpan, rng);
        else openForgetGate(this.recurrent);
      }
    }
    this.out = this.child('out', new Linear(hidden, spec.outputs, { rng }));
  }

  /** What the first layer reads: [N, T, width] (embedded ids, projected features plus positions, or the features). */
  private inputs(x: Tensor): Tensor {
    let h = this.embed ? this.embed.forward(x) : this.project ? this.project.forward(x) : x;
    if (this.positions) h = this.positions.forward(h);
    return h;
  }

  /** The last layer's states [N, T, hidden]. */
  states(x: Tensor): Tensor {
    let h = this.inputs(x);
    // Unrolled only while a graph is recorded: under noGrad (scoring, views) the fused op gives the same numbers faster.
    if (this.recurrent && this.spec.unrolled && isGradEnabled()) {
      const r = this.recurrent.forwardSteps(h);
      this.lastSteps = r.steps;
      return r.output;
    }
    if (this.recurrent) return this.recurrent.forward(h);
    for (const b of this.blocks) h = b.forward(h);
    return h;
  }

  head(states: Tensor): Tensor {
    return this.out.forward(states);
  }

  /** Outputs at every step [N, T, outputs]. */
  forward(x: Tensor): Tensor {
    return this.head(this.states(x));
  }

  /**
   * LSTM only: every unit's gates and cell state at every step of every sequence of x
   * ([N, T, …]), each laid out [N, T, H]: σ(i), σ(f), tanh(g), σ(o) and cₜ. They are the ones
   * the layer's own op computes and saves for its backward, read from a forward run outside
   * any graph (so what is shown is what training used).
   */
  gateValues(x: Tensor): GateValues | undefined {
    const lstm = this.recurrent;
    if (!(lstm instanceof LSTM)) return undefined;
    return noGrad(() => {
      const input = this.inputs(x);
      const outs = runOp('lstm_sequence', {
        input,
        weight_ih: lstm.weight_ih_l0,
        weight_hh: lstm.weight_hh_l0,
        bias_ih: lstm.bias_ih_l0,
        bias_hh: lstm.bias_hh_l0,
      }) as SavedOutputs;
      const saved = outs[SAVED] as { gates: Float32Array; cells: Float32Array } | undefined;
      const [N, T] = input.shape;
      const H = lstm.hiddenSize;
      const values: GateValues = {
        steps: T,
        units: H,
        input: new Float32Array(N * T * H),
        forget: new Float32Array(N * T * H),
        candidate: new Float32Array(N * T * H),
        output: new Float32Array(N * T * H),
        cell: new Float32Array(N * T * H),
      };
      if (!saved) return values;
      // Row (n, t) of `gates` is σ(i), σ(f), tanh(g), σ(o), H numbers each; `cells` is [N, T, H].
      for (let r = 0; r < N * T; r++) {
        const row = r * 4 * H;
        values.input.set(saved.gates.subarray(row, row + H), r * H);
        values.forget.set(saved.gates.subarray(row + H, row + 2 * H), r * H);
        values.candidate.set(saved.gates.subarray(row + 2 * H, row + 3 * H), r * H);
        values.output.set(saved.gates.subarray(row + 3 * H, row + 4 * H), r * H);
      }
      values.cell.set(saved.cells.subarray(0, N * T * H));
      return values;
    });
  }

  /** LSTM only: each gate's mean over the units at every step of one sequence (x with N = 1; see gateValues). */
  gateMeans(x: Tensor): GateMeans | undefined {
    const v = this.gateValues(x);
    if (!v) return undefined;
    const { steps: T, units: H } = v;
    const mean = (a: Float32Array) => Float32Array.from({ length: T }, (_, t) => a.subarray(t * H, (t + 1) * H).reduce((s, y) => s + y, 0) / H);
    return { input: mean(v.input), forget: mean(v.forget), output: mean(v.output) };
  }

  /** Transformer only: the first layer's attention weights [N, heads, T, T] (rows are queries) for a batch x, outside any graph. */
  attentionWeights(x: Tensor): Tensor | undefined {
    const first = this.blocks[0];
    if (!first) return undefined;
    return noGrad(() => {
      const h = this.inputs(x);
      return first.selfAttn.attend(h, h, h, { causal: this.causal }).weights;
    });
  }

  /** Transformer only: the first layer's attention weights, one T×T matrix per head (rows are queries), for one sequence. */
  attention(x: Tensor): Float32Array[] | undefined {
    const w = this.attentionWeights(x); // [1, heads, T, T]
    if (!w) return undefined;
    const [, heads, T] = w.shape;
    return Array.from({ length: heads }, (_, k) => w.data.slice(k * T * T, (k + 1) * T * T));
  }

  /**
   * Token models: `count` ids continuing `prompt`, each drawn from softmax(logits / temperature)
   * with `rng`. A recurrent model carries its state from one character to the next (one step of
   * its op each); the Transformer reads the last `context` ids again for each new one.
   */
  generate(prompt: Int32Array, count: number, temperature: number, rng: () => number, context: number, avoid = -1): Int32Array {
    const out = new Int32Array(count);
    if (prompt.length === 0 || count === 0) return out;
    noGrad(() => {
      if (this.recurrent) {
        let state = this.recurrentStep(idsTensor(prompt), undefined);
        for (let k = 0; k < count; k++) {
          out[k] = drawFrom(state.logits, temperature, rng, avoid);
          state = this.recurrentStep(idsTensor(out.subarray(k, k + 1)), state);
        }
      } else {
        const seq = [...prompt];
        for (let k = 0; k < count; k++) {
          const recent = Int32Array.from(seq.slice(-context));
          const logits = this.forward(idsTensor(recent));
          const V = logits.shape[2];
          out[k] = drawFrom(logits.data.subarray((recent.length - 1) * V), temperature, rng, avoid);
          seq.push(out[k]);
        }
      }
    });
    return out;
  }

  /** The recurrent op over `ids` [1, L] from `state`: the next state and the last step's logits. */
  private recurrentStep(ids: Tensor, state: RecurrentState | undefined): RecurrentState {
    const cell = this.recurrent!;
    const lstm = cell instanceof LSTM;
    const outs = runOp(
      lstm ? 'lstm_sequence' : 'rnn_sequence',
      {
        input: this.inputs(ids),
        h0: state?.h,
        c0: lstm ? state?.c : undefined,
        weight_ih: cell.weight_ih_l0,
        weight_hh: cell.weight_hh_l0,
        bias_ih: cell.bias_ih_l0,
        bias_hh: cell.bias_hh_l0,
      },
      lstm ? {} : { nonlinearity: (cell as RNN).nonlinearity },
    );
    const h = outs.h_n.clone();
    const logits = this.out.forward(h).data.slice();
    return { h, c: outs.c_n?.clone(), logits };
  }

  /** The model as one line: "char-LSTM, hidden 128". */
  describe(): string {
    const name =
      this.spec.cell === 'transformer'
        ? `Transformer, d ${this.spec.hidden}, ${this.blocks.length} layers, ${this.heads} heads${this.extras('en')}`
        : `${this.spec.cell.toUpperCase()}, hidden ${this.spec.hidden}`;
    return this.spec.input.kind === 'tokens' ? `char-${name}` : name;
  }

  /** describe() in both languages, for the screen's header. */
  describeMsg(): Msg {
    const s = this.spec;
    const en = this.describe();
    const zhCell =
      s.cell === 'transformer' ? `Transformer，d ${s.hidden}，${this.blocks.length} 层，${this.heads} 个头${this.extras('zh')}` : `${s.cell.toUpperCase()}，隐藏层 ${s.hidden}`;
    return msg(en, s.input.kind === 'tokens' ? `字符级 ${zhCell}` : zhCell);
  }

  /** The Transformer's departures from the default, for describe(): ", no positions, bidirectional". */
  private extras(lang: 'en' | 'zh'): string {
    const parts: string[] = [];
    if (!this.positions) parts.push(lang === 'en' ? 'no positions' : '无位置编码');
    if (!this.causal) parts.push(lang === 'en' ? 'no mask (bidirectional)' : '无掩码（双向）');
    return parts.map((p) => (lang === 'en' ? `, ${p}` : `，${p}`)).join('');
  }

  parameterCount(): number {
    return this.parameters().reduce((s, p) => s + p.size, 0);
  }
}

/** The cell's inside for one sequence, as the screen draws it: the LSTM's gate strips or the Transformer's attention per head. */
export function insideViews(model: SequenceNet, x: Tensor, tokens: string[]): Pick<TaskViews, 'gates' | 'attention'> {
  const views: Pick<TaskViews, 'gates' | 'attention'> = {};
  const gates = model.gateMeans(x);
  if (gates) {
    views.gates = {
      tokens,
      gates: [
        { name: 'input', values: gates.input },
        { name: 'forget', values: gates.forget },
        { name: 'output', values: gates.output },
      ],
    };
  }
  const heads = model.attention(x);
  if (heads) views.attention = { tokens, heads };
  return views;
}
