/**
 * Every REPL command, registered once. The parser, Tab completion and help
 * all read this list.
 */
import type { ReplCommand } from '../command.js';
import type { CommandSpec } from '../spec.js';
import { relu, sigmoid, softmax, tanh } from './activations.js';
import { attn, mha, posenc } from './attention.js';
import { clip } from './clip.js';
import { conv } from './conv.js';
import { fc } from './fc.js';
import { grad } from './grad.js';
import { layernorm } from './layernorm.js';
import { lstm } from './lstm.js';
import { pool } from './pool.js';
import { rnn } from './rnn.js';
import { show } from './show.js';
import { step } from './step.js';
import { train } from './train.js';
import { experiment } from './experiment.js';
import { makeHelp } from './help.js';
import { letCmd, setReservedNames } from './let.js';
import { net } from './net.js';
import { clear, exit, vars } from './session-cmds.js';

const list: ReplCommand[] = [];
const help = makeHelp(() => allSpecs());

/** Registration order is the order `help` lists them in. */
list.push(conv, pool, fc, net, relu, sigmoid, tanh, softmax, layernorm, rnn, lstm, step, grad, clip, attn, mha, posenc, train, experiment, letCmd, show, vars, help, clear, exit);

const byName = new Map(list.map((c) => [c.spec.name, c]));

export function allCommands(): ReadonlyMap<string, ReplCommand> {
  return byName;
}

export function allSpecs(): CommandSpec[] {
  return list.map((c) => c.spec);
}

setReservedNames(() => new Set(list.flatMap((c) => [c.spec.name, ...(c.spec.aliases ?? [])])));
