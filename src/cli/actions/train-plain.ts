/**
 * A training run without the live screen (--plain, --json, or output that is
 * not a terminal): the header once, then one line — or one JSON object — per
 * epoch, then a summary. The run trains in this thread: nothing here waits for
 * keys, and Ctrl+C ends the process as for any command.
 */
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import { fmtInt } from '../../i18n/numbers.js';
import type { EpochRow, TrainerApi } from '../../training/task.js';

export interface PlainTrainOptions {
  lang: Lang;
  json: boolean;
  write: (line: string) => void;
  clock?: () => number;
  /** --json: leave the summary to the caller (it adds where the model was saved). */
  quietSummary?: boolean;
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');
const num = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 0.001 || v === 0 ? v.toFixed(4) : v.toExponential(2)) : String(v));

/** The header: what is trained, on what, how. */
export function headerLines(t: TrainerApi, lang: Lang): string[] {
  const i = t.info;
  const L = (en: string, zh: string) => tr(lang, msg(en, zh));
  return [
    `${tr(lang, i.title)} — ${tr(lang, i.modelName ?? msg(i.model, i.model))}`,
    L(
      `${fmtInt(i.parameters)} parameters · ${i.optimizer}, learning rate ${i.lr} · batch ${i.batch} · ${i.epochs} ${i.epochs === 1 ? 'epoch' : 'epochs'} of ${fmtInt(i.stepsPerEpoch)} ${i.stepsPerEpoch === 1 ? 'step' : 'steps'} · ${fmtInt(i.trainSize)} training, ${fmtInt(i.testSize)} test ${tr('en', i.unit)} · seed ${i.seed}`,
      `${fmtInt(i.parameters)} 个参数 · ${i.optimizer}，学习率 ${i.lr} · 批大小 ${i.batch} · ${i.epochs} 轮，每轮 ${fmtInt(i.stepsPerEpoch)} 步 · 训练 ${fmtInt(i.trainSize)}、测试 ${fmtInt(i.testSize)} 个${tr('zh', i.unit)} · 种子 ${i.seed}`,
    ),
  ];
}

export function epochLine(r: EpochRow, epochs: number, unit: string, lang: Lang, lossName?: Msg): string {
  const speed = fmtInt(Math.round(r.examples_per_second));
  // A regression (the adding problem) has no accuracy: its line names the loss instead of showing "accuracy —".
  const noAcc = !Number.isFinite(r.accuracy) && !Number.isFinite(r.test_accuracy);
  if (lang === 'zh') {
    const loss = lossName ? `损失（${tr('zh', lossName)}）` : '损失';
    const acc = noAcc ? '' : `  准确率 ${pct(r.accuracy)}`;
    const testAcc = noAcc ? '' : `  测试准确率 ${pct(r.test_accuracy)}`;
    return `第 ${r.epoch}/${epochs} 轮  第 ${fmtInt(r.step)} 步  ${loss} ${num(r.loss)}${acc}  测试损失 ${num(r.test_loss)}${testAcc}  学习率 ${r.lr}  ${speed} ${unit}/秒`;
  }
  const loss = lossName ? `loss (${tr('en', lossName)})` : 'loss';
  const acc = noAcc ? '' : `  accuracy ${pct(r.accuracy)}`;
  const testAcc = noAcc ? '' : `  test accuracy ${pct(r.test_accuracy)}`;
  return `epoch ${r.epoch}/${epochs}  step ${fmtInt(r.step)}  ${loss} ${num(r.loss)}${acc}  test loss ${num(r.test_loss)}${testAcc}  lr ${r.lr}  ${speed} ${unit}/s`;
}

/** Trains to the end; returns the summary object (also what --json prints last). */
export function runPlainTraining(t: TrainerApi, o: PlainTrainOptions): Record<string, unknown> {
  const clock = o.clock ?? (() => performance.now());
  const started = clock();
  const unit = tr(o.lang, t.info.unit);
  if (!o.json) for (const line of headerLines(t, o.lang)) o.write(line);
  while (!t.done) {
    const r = t.step();
    if (!r.epochEnded) continue;
    // NaN and ±∞ are not JSON: they go out as null, as JSON.stringify writes them.
    o.write(o.json ? JSON.stringify(r.epochEnded) : epochLine(r.epochEnded, t.info.epochs, unit, o.lang, t.info.lossName));
  }
  const last = t.history.at(-1);
  const seconds = Math.round((clock() - started) / 10) / 100;
  const summary = {
    run: t.info.id,
    model: t.info.model,
    parameters: t.info.parameters,
    epochs: t.history.length,
    step: t.stepsDone,
    loss: last?.loss ?? null,
    accuracy: last?.accuracy ?? null,
    test_loss: last?.test_loss ?? null,
    test_accuracy: last?.test_accuracy ?? null,
    lr: t.lr,
    seconds,
  };
  if (o.json) {
    if (!o.quietSummary) o.write(JSON.stringify({ summary }));
  }
  else
    o.write(
      tr(
        o.lang,
        msg(
          Number.isFinite(last?.test_accuracy ?? NaN)
            ? `Done in ${seconds} s: test accuracy ${pct(last?.test_accuracy ?? NaN)}, test loss ${num(last?.test_loss ?? NaN)}.`
            : `Done in ${seconds} s: test loss ${num(last?.test_loss ?? NaN)}${t.info.lossName ? ` (${tr('en', t.info.lossName)})` : ''}.`,
          Number.isFinite(last?.test_accuracy ?? NaN)
            ? `用时 ${seconds} 秒完成：测试准确率 ${pct(last?.test_accuracy ?? NaN)}，测试损失 ${num(last?.test_loss ?? NaN)}。`
            : `用时 ${seconds} 秒完成：测试损失 ${num(last?.test_loss ?? NaN)}${t.info.lossName ? `（${tr('zh', t.info.lossName)}）` : ''}。`,
        ),
      ),
    );
  return summary;
}
