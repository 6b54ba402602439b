/**
 * experiment — `nnlearn experiment` inside the REPL. `experiment` alone lists
 * the experiments by topic; `experiment rnn-vs-lstm quick=yes seed=2` runs
 * one: headless (`nnlearn run`, piped REPL) it prints the header, a line now
 * and then as each run's epochs end, and the report with its verdict (under
 * --json, the report's JSON); in the interactive REPL the checked id goes
 * back to the screen, which opens the experiment's live screen and prints
 * what it leaves (the verdict) above the prompt.
 *
 * Like train, it reaches the experiments only through ctx.training
 * (training-service.ts): src/repl imports neither src/training nor
 * src/experiments.
 */
import { msg, tr, type Msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult, type ReplContext } from '../context.js';
import { fail } from '../parser.js';
import type { ParsedArgs, ParseFailure } from '../spec.js';
import { suggest } from '../suggest.js';
import type { ExperimentRequest, TrainingService } from '../training-service.js';

const KEYS = ['quick', 'seed'] as const;
type Key = (typeof KEYS)[number];

interface Placed {
  text: string;
  start: number;
  end: number;
}

export interface ExperimentArgs extends ParsedArgs {
  experiment: { id?: Placed; values: Partial<Record<Key, Placed>> };
}

const EXAMPLE = 'experiment rnn-vs-lstm quick=yes seed=2';

/** `experiment [ID] [quick=yes] [seed=N]`: its own reader, since ids have dashes (the lexer would read rnn-vs-lstm as a subtraction). */
export function parseExperimentLine(line: string): ExperimentArgs | ParseFailure {
  const out: ExperimentArgs = { positionals: {}, options: {}, flags: [], experiment: { values: {} } };
  let i = /^\s*[A-Za-z_][A-Za-z0-9_-]*/.exec(line)?.[0].length ?? 0;
  const word = /[^\s=]+/y;
  for (;;) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length) return out;
    word.lastIndex = i;
    const w = word.exec(line)?.[0] ?? line[i];
    let j = i + w.length;
    while (j < line.length && line[j] === ' ') j++;
    if (line[j] !== '=') {
      if (w.startsWith('--') && (KEYS as readonly string[]).includes(w.slice(2))) {
        return fail(msg(`In the REPL the options are written key=value: ${w.slice(2)}=… instead of ${w}, e.g. ${EXAMPLE}`, `在 REPL 里选项写成 键=值：用 ${w.slice(2)}=… 而不是 ${w}，例如 ${EXAMPLE}`), i, w.length);
      }
      if (out.experiment.id || Object.keys(out.experiment.values).length > 0 || !/^[A-Za-z0-9_.-]+$/.test(w)) {
        return fail(msg(`Unexpected "${w}" in experiment: give one experiment id, then quick=yes or seed=N, e.g. ${EXAMPLE}`, `experiment 中出现了意外的“${w}”：先写一个实验 id，再写 quick=yes 或 seed=N，例如 ${EXAMPLE}`), i, w.length);
      }
      out.experiment.id = { text: w, start: i, end: i + w.length };
      i += w.length;
      continue;
    }
    const key = KEYS.find((k) => k === w.toLowerCase());
    if (!key) {
      const close = suggest(w, KEYS);
      return fail(
        msg(`experiment has no option "${w}".${close.length ? ` Did you mean ${close[0]}?` : ''} Its options: quick=yes, seed=N.`, `experiment 没有选项“${w}”。${close.length ? `你是不是想用 ${close[0]}？` : ''}可用选项：quick=yes、seed=N。`),
        i,
        w.length,
      );
    }
    if (out.experiment.values[key]) return fail(msg(`${key} is given twice.`, `${key} 出现了两次。`), i, w.length);
    let k = j + 1;
    while (k < line.length && /\s/.test(line[k])) k++;
    word.lastIndex = k;
    const v = k < line.length ? word.exec(line)?.[0] : undefined;
    if (!v) return fail(msg(`${key}= needs a value, e.g. ${key === 'quick' ? 'quick=yes' : 'seed=2'}.`, `${key}= 后面需要一个值，例如 ${key === 'quick' ? 'quick=yes' : 'seed=2'}。`), k);
    out.experiment.values[key] = { text: v, start: k, end: k + v.length };
    i = k + v.length;
  }
}

function refuse(text: Msg, at?: Placed): never {
  throw new UserError(text, at?.start, at ? at.end - at.start : undefined);
}

/** The request from the words: quick=yes|no, seed=a positive whole number. */
export function experimentRequest(args: ExperimentArgs): ExperimentRequest {
  const { id, values } = args.experiment;
  const request: ExperimentRequest = { id: id?.text ?? '' };
  if (values.quick) {
    const t = values.quick.text.toLowerCase();
    if (['yes', 'y', 'true', 'on', '1'].includes(t)) request.quick = true;
    else if (['no', 'n', 'false', 'off', '0'].includes(t)) request.quick = false;
    else refuse(msg(`quick= takes yes or no, not "${values.quick.text}": ${EXAMPLE}`, `quick= 只能是 yes 或 no，而不是“${values.quick.text}”：${EXAMPLE}`), values.quick);
  }
  if (values.seed) {
    const n = Number(values.seed.text);
    if (!/^\d+$/.test(values.seed.text) || !Number.isSafeInteger(n) || n < 1) refuse(msg(`seed= takes a whole number from 1, not "${values.seed.text}": ${EXAMPLE}`, `seed= 只能是从 1 开始的整数，而不是“${values.seed.text}”：${EXAMPLE}`), values.seed);
    request.seed = n;
  }
  return request;
}

const notAvailable = msg(
  'experiment is not available here: it needs nnlearn’s training, which this session was started without. Use nnlearn repl, nnlearn run "experiment no-nonlinearity", or nnlearn experiment no-nonlinearity.',
  '这里不能使用 experiment：这个会话启动时没有带上 nnlearn 的训练。请用 nnlearn repl、nnlearn run "experiment no-nonlinearity" 或 nnlearn experiment no-nonlinearity。',
);

async function listing(service: TrainingService, ctx: ReplContext) {
  const { topics } = await service.listExperiments();
  const blocks: Block[] = [];
  for (const t of topics) blocks.push({ kind: 'title', text: t.title }, { kind: 'facts', rows: t.experiments.map((e) => ({ label: e.id, value: e.title })) });
  blocks.push({ kind: 'text', tone: 'muted', text: msg('Run one: experiment no-nonlinearity (quick=yes: the small variant; seed=N).', '运行一个：experiment no-nonlinearity（quick=yes：快速版；seed=N）。') });
  const json = () => ({
    command: 'experiment',
    ok: true,
    experiments: topics.flatMap((t) => t.experiments.map((e) => ({ id: e.id, topic: t.topic, lesson: e.lesson, title: tr(ctx.lang, e.title) }))),
  });
  return commandResult('experiment', { json, blocks: () => blocks });
}

export const experiment: ReplCommand = {
  spec: {
    name: 'experiment',
    summary: msg('test a claim of the notes by training small networks side by side: experiment rnn-vs-lstm', '训练几个小网络来检验笔记里的结论：experiment rnn-vs-lstm'),
    usage: 'experiment [ID] [quick=yes] [seed=N]   (no ID: the experiments)',
    examples: ['experiment', 'experiment no-nonlinearity', 'experiment no-nonlinearity quick=yes seed=2'],
    positionals: [{ name: 'id', kind: 'word', optional: true, help: msg('an experiment such as no-nonlinearity, rnn-vs-lstm, positional-encoding', '实验 id，如 no-nonlinearity、rnn-vs-lstm、positional-encoding') }],
    options: [
      { key: 'quick', aliases: [], help: msg('yes: the small variant (a few seconds), the same claim on less data', 'yes：快速版（几秒钟），用更少的数据检验同一个结论') },
      { key: 'seed', aliases: [], help: msg('seed for the data and every run’s first weights (default 1)', '数据和各次运行初始权重的随机种子（默认 1）') },
    ],
    parse: (_tokens, line) => parseExperimentLine(line),
  },
  async run(args, ctx) {
    const service = ctx.training;
    if (!service) refuse(notAvailable);
    const a = args as ExperimentArgs;
    if (!a.experiment.id) {
      if (Object.keys(a.experiment.values).length > 0) refuse(msg('Name an experiment before its options: experiment no-nonlinearity quick=yes (experiment alone lists them).', '请先写实验 id 再写选项：experiment no-nonlinearity quick=yes（只输入 experiment 列出全部）。'));
      return listing(service, ctx);
    }
    const checked = await service.checkExperiment(experimentRequest(a), ctx.lang);
    if (!checked.ok) refuse(checked.error, a.experiment.id);
    const request = checked.request;
    if (service.mode === 'live') {
      return commandResult(
        'experiment',
        { json: () => ({ command: 'experiment', ok: true, experiment: request.id, live: true }), blocks: () => [] },
        { action: 'experiment', experiment: request },
      );
    }
    return runHeadless(service, request, ctx);
  },
};

/** Runs the experiment here: the header and progress lines go out as they come (ctx.progress), or into the result. */
async function runHeadless(service: TrainingService, request: ExperimentRequest, ctx: ReplContext) {
  const kept: Block[] = [];
  const out = ctx.progress;
  const say = (text: string) => (out ? out({ text }) : kept.push({ kind: 'text', text }));
  const r = await service.runExperiment(request, ctx.lang, {
    header: (lines) => lines.forEach(say),
    epoch: (line) => say(line),
  });
  if (!r.ok) refuse(r.error);
  // A run's line (indented: its numbers in columns) is kept whole; the sentences wrap at the width.
  const line = (text: string): Block =>
    text.startsWith('  ') ? { kind: 'raw', lines: [text] } : { kind: 'text', text, ...(text.startsWith('Verdict') || text.startsWith('结论') ? { tone: r.holds ? ('ok' as const) : ('warn' as const) } : {}) };
  const blocks: Block[] = [...kept, ...r.lines.map(line)];
  return commandResult('experiment', { json: () => ({ command: 'experiment', ok: true, ...r.report }), blocks: () => blocks });
}
