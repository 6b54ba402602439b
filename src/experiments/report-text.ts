/**
 * An experiment in words, for --plain, the REPL and the lesson's link: the
 * list by topic, the header before it runs, a progress line per finished
 * epoch, and the report (each run's numbers, the measurements, the verdict).
 * The JSON forms are the report itself (ExperimentReport) and listJson().
 */
import { msg, tr, type Lang, type Msg } from '../i18n/index.js';
import { EXPERIMENTS } from './registry.js';
import type { ExperimentDef, ExperimentReport, ExperimentTopic } from './types.js';
import { int, num, pct } from './build.js';
import { padEnd, sw } from '../view/layout.js';

export const TOPIC_TITLES: Record<ExperimentTopic, Msg> = {
  dnn: msg('Deep neural networks', '深度神经网络'),
  cnn: msg('Convolutional networks', '卷积神经网络'),
  rnn: msg('Recurrent networks', '循环神经网络'),
  lstm: msg('LSTM', 'LSTM'),
  transformer: msg('Transformer', 'Transformer'),
};

export const TOPIC_ORDER: readonly ExperimentTopic[] = ['dnn', 'cnn', 'rnn', 'lstm', 'transformer'];

/** The experiments grouped by topic, in the notes' order (empty topics left out). */
export function byTopic(list: readonly ExperimentDef[] = EXPERIMENTS): { topic: ExperimentTopic; defs: ExperimentDef[] }[] {
  return TOPIC_ORDER.map((topic) => ({ topic, defs: list.filter((d) => d.topic === topic) })).filter((g) => g.defs.length > 0);
}

/** `nnlearn experiment --list`: a heading per topic, then "  id  title". */
export function listLines(lang: Lang): string[] {
  const lines: string[] = [];
  const width = Math.max(...EXPERIMENTS.map((d) => d.id.length));
  for (const g of byTopic()) {
    if (lines.length > 0) lines.push('');
    lines.push(tr(lang, TOPIC_TITLES[g.topic]));
    for (const d of g.defs) lines.push(`  ${d.id.padEnd(width)}  ${tr(lang, d.title)}`);
  }
  return lines;
}

/** `nnlearn experiment --list --json`. */
export function listJson(lang: Lang): { experiments: { id: string; topic: ExperimentTopic; lesson: string; title: string; claim: string }[] } {
  return { experiments: EXPERIMENTS.map((d) => ({ id: d.id, topic: d.topic, lesson: d.lesson, title: tr(lang, d.title), claim: tr(lang, d.claim) })) };
}

/** Before the runs: the title, the claim and what is compared. */
export function headerLines(def: ExperimentDef, lang: Lang, o: { quick: boolean; seed: number }): string[] {
  const L = (en: string, zh: string) => tr(lang, msg(en, zh));
  return [
    tr(lang, def.title),
    L(`Claim: ${def.claim.en}`, `结论：${def.claim.zh}`),
    L(`Runs: ${def.setup.en}`, `实验：${def.setup.zh}`),
    L(`Seed ${o.seed}${o.quick ? ', quick variant' : ''}.`, `种子 ${o.seed}${o.quick ? '，快速版' : ''}。`),
  ];
}

function fmtPct(v: number | undefined, lang: Lang): string {
  return v === undefined || !Number.isFinite(v) ? '—' : tr(lang, pct(v));
}

/** One line per run: its numbers at the end. */
export function runLines(report: ExperimentReport, lang: Lang): string[] {
  const width = Math.max(...report.runs.map((r) => sw(tr(lang, r.label))));
  return report.runs.map((r) => {
    const f = r.final;
    const label = padEnd(tr(lang, r.label), width);
    const acc = f && Number.isFinite(f.test_accuracy) ? (lang === 'zh' ? `  测试准确率 ${fmtPct(f.test_accuracy, lang)}` : `  test accuracy ${fmtPct(f.test_accuracy, lang)}`) : '';
    const loss = f ? (lang === 'zh' ? `损失 ${num(f.loss)}` : `loss ${num(f.loss)}`) : lang === 'zh' ? '没有完成一轮' : 'no epoch finished';
    const div = r.diverged ? (lang === 'zh' ? '  发散（损失不再是有限数）' : '  diverged (the loss stopped being a finite number)') : '';
    return lang === 'zh'
      ? `  ${label}  ${int(r.parameters)} 个参数  ${loss}${acc}  ${r.seconds} 秒${div}`
      : `  ${label}  ${int(r.parameters)} parameters  ${loss}${acc}  ${r.seconds} s${div}`;
  });
}

/** The report for --plain: the runs, the verdict (what happened, with the numbers) and whether it bears the claim out. */
export function reportLines(report: ExperimentReport, lang: Lang): string[] {
  const L = (en: string, zh: string) => tr(lang, msg(en, zh));
  return [
    L('Results:', '结果：'),
    ...runLines(report, lang),
    '',
    report.verdict.holds ? L('Verdict: the claim holds.', '结论：成立。') : L('Verdict: these runs do not bear the claim out.', '结论：这次的运行没有证实这个结论。'),
    tr(lang, report.verdict.text),
    L(`(${report.seconds} s in all.)`, `（共用时 ${report.seconds} 秒。）`),
  ];
}

/** The JSON the CLI prints: the report with its Msgs in the student's language. */
export function reportJson(report: ExperimentReport, lang: Lang): Record<string, unknown> {
  return {
    experiment: report.experiment,
    title: tr(lang, report.title),
    claim: tr(lang, report.claim),
    seed: report.seed,
    quick: report.quick,
    runs: report.runs.map((r) => ({ ...r, label: tr(lang, r.label) })),
    measurements: report.measurements,
    verdict: { holds: report.verdict.holds, text: tr(lang, report.verdict.text) },
    seconds: report.seconds,
  };
}
