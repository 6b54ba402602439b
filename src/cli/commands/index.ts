import type { Command } from 'commander';
import type { Lang } from '../lang.js';
import { registerExperiment } from './experiment.js';
import { registerLesson } from './lesson.js';
import { registerQuiz } from './quiz.js';
import { registerRepl } from './repl.js';
import { registerRun } from './run.js';
import { registerTrain } from './train.js';

/** Every subcommand, registered in this order. One file per subcommand. */
export const commands: ReadonlyArray<(program: Command, lang: Lang) => void> = [registerLesson, registerRepl, registerRun, registerQuiz, registerTrain, registerExperiment];
