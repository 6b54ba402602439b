/**
 * What a REPL command accepts, as data: the parser, Tab completion and
 * `help CMD` all read these specs, so they never disagree.
 */
import type { Msg } from '../i18n/index.js';
import type { Token } from './lexer.js';
import type { Term, VolumeTerm } from './terms.js';

/** volume: W×H×D; size: a volume or one number; value: a number, a name or a [list]. */
export type PositionalKind = 'volume' | 'size' | 'number' | 'word' | 'value';

export interface PositionalSpec {
  name: string;
  kind: PositionalKind;
  optional?: boolean;
  help: Msg;
}

export interface OptionSpec {
  /** Canonical key, the notes' letter where there is one: F, S, P, K. */
  key: string;
  aliases: readonly string[];
  help: Msg;
  /** Applies only when the command runs on numbers (a variable), not on a size such as 32x32x3. */
  onValues?: boolean;
}

export interface FlagSpec {
  name: string;
  aliases?: readonly string[];
  /** Flags in the same group are mutually exclusive (max|avg|l2). */
  group?: string;
  help: Msg;
}

/** One argument as typed: a volume, a term, a word or a [list]. */
export type Arg =
  | { kind: 'volume'; volume: VolumeTerm; start: number; end: number }
  | { kind: 'term'; term: Term; start: number; end: number }
  | { kind: 'word'; word: string; start: number; end: number }
  | { kind: 'list'; text: string; start: number; end: number };

export interface ParsedArgs {
  positionals: Record<string, Arg>;
  options: Record<string, { term: Term; start: number; end: number }>;
  flags: string[];
}

export interface CommandSpec {
  name: string;
  aliases?: readonly string[];
  summary: Msg;
  usage: string;
  examples: readonly string[];
  positionals?: readonly PositionalSpec[];
  options?: readonly OptionSpec[];
  flags?: readonly FlagSpec[];
  /** Commands with their own grammar (let, net) parse the tokens themselves. */
  parse?: (tokens: Token[], line: string) => ParsedArgs | ParseFailure;
}

export interface ParseFailure {
  error: Msg;
  column: number;
  length: number;
}

export function isFailure(v: unknown): v is ParseFailure {
  return typeof v === 'object' && v !== null && 'error' in v && 'column' in v;
}
