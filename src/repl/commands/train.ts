/**
 * train — `nnlearn train` inside the REPL. `train` alone lists the runs by
 * topic; `train spiral lr=0.1 epochs=5 net="2 | fc 8 | tanh | fc 2"` takes
 * every option of the command line, spelled key=value, checked by the
 * training domain with the same messages. Headless (`nnlearn run`, piped
 * REPL) it prints one line per epoch as each ends, then the summary; in the
 * interactive REPL it hands the checked run to the screen, which opens the
 * live training screen and comes back to the prompt.
 *
 * The training domain reaches this command only through ctx.training (see
 * training-service.ts): src/repl imports nothing from src/training.
 */
import { msg, tr, type Msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult, type JsonRecord, type ReplContext } from '../context.js';
import type { TrainRequest, TrainingService } from '../training-service.js';
import { parseTrainLine, TRAIN_OPTION_SPECS, type TrainArgs, type TrainKey } from './train-args.js';

/** The REPL's key → the name runs/options.ts checks (the rest are the same word). */
const OPTION_NAME: Partial<Record<TrainKey, string>> = { 'test-split': 'testSplit' };

export function trainRequest(args: TrainArgs): TrainRequest {
  const options: Record<string, string> = {};
  const request: TrainRequest = { options };
  if (args.train.id) request.id = args.train.id.text;
  for (const [key, placed] of Object.entries(args.train.values) as [TrainKey, { text: string }][]) {
    if (key === 'save' || key === 'load') request[key] = placed.text;
    else if (key === 'pretrained') request.pretrained = yesNo(placed.text);
    else options[OPTION_NAME[key] ?? key] = placed.text;
  }
  return request;
}

/** pretrained=yes|no (true/false, on/off, 1/0); anything else is refused with what works. */
function yesNo(text: string): boolean {
  const t = text.toLowerCase();
  if (['yes', 'y', 'true', 'on', '1'].includes(t)) return true;
  if (['no', 'n', 'false', 'off', '0'].includes(t)) return false;
  throw new UserError(msg(`pretrained= takes yes or no, not "${text}": train digits pretrained=yes`, `pretrained= 只能是 yes 或 no，而不是“${text}”：train digits pretrained=yes`));
}

const notAvailable = msg(
  'train is not available here: it needs nnlearn’s training runs, which this session was started without. Use nnlearn repl, nnlearn run "train spiral", or nnlearn train spiral.',
  '这里不能使用 train：这个会话启动时没有带上 nnlearn 的训练。请用 nnlearn repl、nnlearn run "train spiral" 或 nnlearn train spiral。',
);

async function listing(service: TrainingService) {
  const { topics } = await service.list();
  const blocks: Block[] = [];
  for (const t of topics) {
    blocks.push({ kind: 'title', text: t.title }, { kind: 'facts', rows: t.runs.map((r) => ({ label: r.id, value: r.title })) });
  }
  blocks.push({ kind: 'text', tone: 'muted', text: msg('Start one: train spiral (help train for the options).', '开始一个：train spiral（help train 查看选项）。') });
  const json = (lang: ReplContext['lang']) => ({
    command: 'train',
    ok: true,
    runs: topics.flatMap((t) => t.runs.map((r) => ({ id: r.id, topic: t.topic, title: tr(lang, r.title) }))),
  });
  return { blocks, json };
}

function refuse(text: Msg): never {
  throw new UserError(text);
}

export const train: ReplCommand = {
  spec: {
    name: 'train',
    summary: msg('watch a network learn, as nnlearn train does: train spiral epochs=5', '看着网络学习，同 nnlearn train：train spiral epochs=5'),
    usage: 'train [ID] [key=value …]   (no ID: the runs; net="…" quoted)',
    examples: ['train', 'train spiral epochs=3', 'train spiral lr=0.1 optimizer=adam net="2 | fc 8 | tanh | fc 2"', 'train digits epochs=1 save=my-digits', 'train digits pretrained=yes'],
    positionals: [{ name: 'id', kind: 'word', optional: true, help: msg('a run such as spiral, circles, digits, text-lstm, memory-lstm', '训练的 id，如 spiral、circles、digits、text-lstm、memory-lstm') }],
    options: TRAIN_OPTION_SPECS,
    parse: (_tokens, line) => parseTrainLine(line),
  },
  async run(args, ctx) {
    const service = ctx.training;
    if (!service) refuse(notAvailable);
    const request = trainRequest(args as TrainArgs);
    if (request.id === undefined && request.load === undefined) {
      if (Object.keys(request.options).length > 0 || request.save !== undefined) {
        refuse(msg('Name a run before its options: train spiral epochs=5 (train alone lists the runs).', '请先写训练 id 再写选项：train spiral epochs=5（只输入 train 列出所有训练）。'));
      }
      const { blocks, json } = await listing(service);
      return commandResult('train', { json: () => json(ctx.lang), blocks: () => blocks });
    }
    const checked = await service.check(request, ctx.lang);
    if (!checked.ok) refuse(checked.error);
    if (service.mode === 'live') {
      const run = { ...checked.request, id: checked.id };
      return commandResult(
        'train',
        { json: () => ({ command: 'train', ok: true, run: checked.id, live: true }), blocks: () => [] },
        { action: 'train', train: run },
      );
    }
    return runHeadless(service, checked.request, ctx);
  },
};

/** Trains to the end here: each epoch's line goes out as it ends (ctx.progress), or into the result when nothing prints as it goes. */
async function runHeadless(service: TrainingService, request: TrainRequest, ctx: ReplContext) {
  const kept: Block[] = [];
  const rows: JsonRecord[] = [];
  const out = ctx.progress;
  const r = await service.run(request, ctx.lang, {
    header(lines) {
      // The header says what is trained: text for people only (the --json stream starts with the first epoch, as the CLI's).
      if (out) for (const text of lines) out({ text });
      else for (const text of lines) kept.push({ kind: 'text', text });
    },
    epoch(text, row) {
      if (out) out({ text, json: { command: 'train', ok: true, ...row } });
      else {
        // Kept for the result, the line wraps at the width like any result (streamed, it is the CLI's one line).
        kept.push({ kind: 'text', text });
        rows.push(row);
      }
    },
  });
  if (!r.ok) refuse(r.error);
  const blocks: Block[] = [...kept, ...r.closing.map((text): Block => ({ kind: 'text', text, tone: 'ok' }))];
  return commandResult('train', {
    json: () => ({ command: 'train', ok: true, run: r.id, ...(out ? {} : { epochs: rows }), summary: r.summary }),
    blocks: () => blocks,
  });
}
