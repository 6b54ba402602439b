/**
 * Textbook numbers for explaining a wrong formula. Equivalence is decided on
 * random reals (grade.ts), but "with W=2.731 yours gives 0.412" teaches
 * nothing; "with K=16, F=5, D=3 yours gives 1200, the formula 1216 — short by
 * K" does. Each variable has a few values from the notes (the CIFAR conv
 * layer, AlexNet's first layer, a small case), chosen so sizes come out whole.
 */
import { msg, type Msg } from '../i18n/index.js';
import type { Topic } from '../lessons/types.js';

type Values = Record<string, readonly number[]>;

/** Scene k takes the k-th value of every list (cycling), so scene 0 is the notes' CIFAR layer: 32×32×3, F=5, P=2, S=1, K=16. */
const COMMON: Values = {
  W: [32, 227, 7],
  H: [32, 227, 7],
  D: [3, 3, 64],
  F: [5, 11, 3],
  P: [2, 0, 1],
  S: [1, 4, 2],
  K: [16, 96, 128],
  N: [784, 4, 100],
  M: [100, 3, 10],
  L: [3, 2, 5],
  W2: [32, 55, 4],
  H2: [32, 55, 4],
  z: [0, 2, -1],
};

const BY_TOPIC: Partial<Record<Topic, Values>> = {
  rnn: { H: [20, 128, 3], I: [10, 64, 2], w: [0.5, 0.9, 2], k: [7, 10, 3], g: [6, 4, 3], c: [1, 2, 5], n: [2, 8, 5] },
  lstm: { H: [128, 256, 20], I: [64, 256, 10], f: [0.5, 0.9, 0.2], c: [2, 1, 3], i: [0.5, 0.1, 1], g: [1, 0.5, -1], o: [0.5, 0.8, 1] },
  transformer: { d: [64, 512, 4], f: [2048, 256, 8], E: [512, 64, 8], n: [10, 5, 4], h: [8, 2, 4], pos: [1, 3, 2], i: [0, 1, 2] },
};

const FALLBACK = [2, 3, 5];

/** Sets of friendly values for these variables, the notes' numbers first, then small whole numbers. */
export function friendlyScenes(vars: readonly string[], topic: Topic): Record<string, number>[] {
  const table = (v: string) => BY_TOPIC[topic]?.[v] ?? COMMON[v] ?? FALLBACK;
  const scenes: Record<string, number>[] = [];
  for (let k = 0; k < 3; k++) scenes.push(Object.fromEntries(vars.map((v) => [v, table(v)[k % table(v).length]])));
  // Small whole numbers, each variable different, in case the notes' values hide the difference.
  for (let k = 0; k < 3; k++) scenes.push(Object.fromEntries(vars.map((v, j) => [v, 2 + ((j + k) % 5)])));
  return scenes;
}

/** A number for the note: whole numbers as they are, others to 4 significant digits. */
export function fmtValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

export function fmtScene(scene: Record<string, number>, sep: string): string {
  return Object.entries(scene)
    .map(([k, v]) => `${k}=${fmtValue(v)}`)
    .join(sep);
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * What a wrong formula most likely got wrong, when the same simple relation
 * holds on every set of numbers (at least two, where the variable takes
 * different values): a missing or extra "+ 1", a missing or extra "+ X", a
 * missing or extra factor X, twice or half. Null when nothing simple fits.
 */
export function diagnose(samples: readonly { scene: Record<string, number>; yours: number; right: number }[]): Msg | null {
  if (samples.length < 2) return null;
  const all = (p: (s: (typeof samples)[number]) => boolean) => samples.every(p);
  if (all((s) => near(s.right - s.yours, 1))) return msg('the + 1 is missing', '少了 + 1');
  if (all((s) => near(s.yours - s.right, 1))) return msg('there is an extra + 1', '多了一个 + 1');
  const vars = Object.keys(samples[0].scene).filter((v) => new Set(samples.map((s) => s.scene[v])).size > 1);
  for (const v of vars) {
    if (all((s) => near(s.right - s.yours, s.scene[v]))) return msg(`yours is short by ${v} every time: a + ${v} term is missing`, `每次都比正确值少 ${v}：缺了 + ${v} 这一项`);
    if (all((s) => near(s.yours - s.right, s.scene[v]))) return msg(`yours is ${v} too large every time: there is an extra + ${v}`, `每次都比正确值多 ${v}：多了 + ${v} 这一项`);
  }
  const nonzero = all((s) => s.right !== 0 && s.yours !== 0);
  if (!nonzero) return null;
  for (const v of vars) {
    if (all((s) => near(s.yours, s.right * s.scene[v]))) return msg(`yours is ${v} times the formula: an extra factor ${v} (or a missing division by ${v})`, `你的结果是正确值的 ${v} 倍：多乘了 ${v}（或少除了 ${v}）`);
    if (all((s) => near(s.yours * s.scene[v], s.right))) return msg(`the formula is ${v} times yours: a factor ${v} is missing`, `正确值是你的结果的 ${v} 倍：少乘了 ${v}`);
  }
  if (all((s) => near(s.yours, 2 * s.right))) return msg('yours is twice the formula', '你的结果是正确值的 2 倍');
  if (all((s) => near(2 * s.yours, s.right))) return msg('yours is half the formula', '你的结果只有正确值的 1/2');
  // Right exactly when a variable is 0 (or 1): the term with it (or the division by it) is what is off — a missing 2P, a missing /S.
  for (const special of [0, 1]) {
    for (const v of Object.keys(samples[0].scene)) {
      const at = samples.filter((s) => s.scene[v] === special);
      const off = samples.filter((s) => s.scene[v] !== special);
      if (at.length && off.length && at.every((s) => near(s.yours, s.right)) && off.every((s) => !near(s.yours, s.right))) {
        return special === 0
          ? msg(`yours is right only when ${v} = 0: the term with ${v} is missing or wrong`, `只有 ${v} = 0 时你的式子才对：含 ${v} 的那一项缺了或写错了`)
          : msg(`yours is right only when ${v} = 1: look at where ${v} goes`, `只有 ${v} = 1 时你的式子才对：检查 ${v} 放的位置`);
      }
    }
  }
  return null;
}
