/**
 * The view layer declares its own shapes (it must not import src/training);
 * this test passes a TaskViews, EpochRow[] and LayerGrad[] straight to the
 * figures, so the typecheck fails the day the two drift apart.
 */
import { describe, expect, it } from 'vitest';
import type { EpochRow, LayerGrad, TaskViews } from '../../src/training/task.js';
import {
  renderAttention,
  renderBoundary,
  renderConfusion,
  renderCurves,
  renderGates,
  renderGradNorms,
  renderGreyImage,
  renderMapGrid,
  renderNeuronTiles,
  renderPerPosition,
  renderSample,
  renderWrongDigits,
} from '../../src/view/figures/index.js';
import { circleBoundary, points, seven } from './train-samples.js';

const views: Required<TaskViews> = {
  boundary: circleBoundary(10),
  points,
  neurons: [{ layer: 'fc 4', res: 10, units: [new Float32Array(100).fill(0.5)] }],
  filters: { size: 5, weights: [new Float32Array(25).fill(-0.1)] },
  featureMaps: { pixels: seven(), side: 28, label: 7, mapSide: 24, maps: [new Float32Array(576)] },
  confusion: { classNames: ['a', 'b'], counts: [[1, 0], [0, 1]] },
  wrong: [{ pixels: seven(), side: 28, label: 7, predicted: 1, confidence: 0.9 }],
  sample: { prompt: 'a', text: 'b' },
  gates: { tokens: ['a'], gates: [{ name: 'input', values: new Float32Array([0.5]) }] },
  attention: { tokens: ['a'], heads: [new Float32Array([1])] },
  perPosition: [1],
};
const history: EpochRow[] = [{ epoch: 1, step: 1, loss: 1, accuracy: 0.5, test_loss: 1, test_accuracy: 0.5, lr: 0.1, examples_per_second: 10 }];
const grads: LayerGrad[] = [{ layer: 'fc', norm: 1 }];

describe("TaskViews' fields go to the figures as they are", () => {
  it('every field draws', () => {
    const o = { level: 0, lang: 'en' } as const;
    const all = [
      renderBoundary({ boundary: views.boundary, points: views.points }, 80, o),
      renderNeuronTiles(views.neurons, 80, o),
      renderMapGrid({ side: views.filters.size, maps: views.filters.weights }, 80, o),
      renderGreyImage(views.featureMaps, 80, o),
      renderMapGrid({ side: views.featureMaps.mapSide, maps: views.featureMaps.maps }, 80, o),
      renderConfusion(views.confusion, 80, o),
      renderWrongDigits(views.wrong, 80, o),
      renderSample(views.sample, 80, o),
      renderGates(views.gates, 80, o),
      renderAttention(views.attention, 80, o),
      renderPerPosition(views.perPosition, 80, o),
      renderCurves({ history, stepLosses: [1] }, 80, o),
      renderGradNorms(grads, 80, o),
    ];
    for (const lines of all) expect(lines.length).toBeGreaterThan(0);
  });
});
