/**
 * Names that are values, not variables. In mathjs they are constants
 * (NaN, Infinity, pi, e) or literals (true, false, null, undefined); the
 * REPL's commands read NaN and Infinity as numbers. A variable of that name
 * would silently change what they mean (`let NaN = 3`, then `conv … F=NaN`
 * computing with 3), so none can be assigned.
 */
import type { Bilingual } from './types.js';

export const RESERVED_NAMES: readonly string[] = ['NaN', 'Infinity', 'true', 'false', 'null', 'undefined', 'pi', 'PI', 'e', 'E'];

const SET = new Set(RESERVED_NAMES);

export function isReservedName(name: string): boolean {
  return SET.has(name);
}

export function reservedNameMessage(name: string): Bilingual {
  const list = RESERVED_NAMES.join(', ');
  return {
    en: `${name} is a reserved name: it already means a value (${list} cannot be assigned). Choose another name, e.g. ${name}2 or x.`,
    zh: `${name} 是保留名称：它本身就代表一个值（${list} 都不能被赋值）。请换一个名称，例如 ${name}2 或 x。`,
  };
}
