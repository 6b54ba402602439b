/** The experiment screen (being built): for now the runs train in this thread and the verdict comes back as blocks. */
import type { Block } from '../../view/blocks.js';
import type { OpenExperiment } from './open.js';

export async function runExperimentScreen(o: OpenExperiment): Promise<Block[]> {
  const [{ findExperiment }, { runExperiment }] = await Promise.all([import('../../experiments/registry.js'), import('../../experiments/runner.js')]);
  const found = findExperiment(o.id);
  if (!found.ok) return [{ kind: 'error', text: found.error }];
  const report = runExperiment(found.def, { seed: o.seed ?? 1, quick: o.quick ?? false });
  return [{ kind: 'text', tone: report.verdict.holds ? 'ok' : undefined, text: report.verdict.text }];
}
