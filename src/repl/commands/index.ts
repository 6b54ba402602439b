/**
 * Every REPL command, registered once. The parser, Tab completion and help
 * all read this list.
 */
import type { ReplCommand } from '../command.js';
import type { CommandSpec } from '../spec.js';
import { relu, sigmoid, softmax, tanh } from './activations.js';
import { conv } from './conv.js';
import { fc } from './fc.js';
import { pool } from './pool.js';
import { makeHelp } from './help.js';
import { letCmd, setReservedNames } from './let.js';
import { net } from './net.js';
import { clear, exit, vars } from './session-cmds.js';

const list: ReplCommand[] = [];
const help = makeHelp(() => allSpecs());

/** Registration order is the order `help` lists them in. */
list.push(conv, pool, fc, net, relu, sigmoid, tanh, softmax, letCmd, vars, help, clear, exit);

const byName = new Map(list.map((c) => [c.spec.name, c]));

export function allCommands(): ReadonlyMap<string, ReplCommand> {
  return byName;
}

export function allSpecs(): CommandSpec[] {
  return list.map((c) => c.spec);
}

setReservedNames(() => new Set(list.flatMap((c) => [c.spec.name, ...(c.spec.aliases ?? [])])));
