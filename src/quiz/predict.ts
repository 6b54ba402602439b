/**
 * "Predict the outcome": one multiple-choice question per experiment, made
 * from its `predict` (src/experiments). Asked like any bank question and
 * scheduled by its stable id, `experiment/<id>`; the explanation gives the
 * experiment's `why` and the command that shows it happen. They sit with
 * their lesson's questions, so she meets the prediction while studying the
 * lesson that links the experiment.
 */
import { msg } from '../i18n/index.js';
import { EXPERIMENTS } from '../experiments/registry.js';
import type { ExperimentDef } from '../experiments/types.js';
import type { Question } from './types.js';

/** The quiz item's id for an experiment's prediction. */
export function predictionId(experimentId: string): string {
  return `experiment/${experimentId}`;
}

export function predictionQuestion(def: ExperimentDef): Question {
  const p = def.predict;
  const command = `nnlearn experiment ${def.id}`;
  return {
    kind: 'choice',
    id: predictionId(def.id),
    topic: def.topic,
    lesson: def.lesson,
    // The lesson's step that links the experiment (tests/experiments/links.test.ts checks it is there).
    taught: `${def.lesson}#experiment-${def.id}`,
    prompt: msg(`Predict the outcome. ${p.question.en}`, `预测结果：${p.question.zh}`),
    options: [...p.choices],
    answer: p.answer,
    explain: msg(`${p.why.en}\nSee it happen: ${command}`, `${p.why.zh}\n亲眼看看：${command}`),
  };
}

/** Every experiment's prediction, in the registry's (the notes') order. */
export const PREDICTIONS: readonly Question[] = EXPERIMENTS.map(predictionQuestion);
