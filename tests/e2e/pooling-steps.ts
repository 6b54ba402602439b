/**
 * Something each step of cnn/pooling (src/lessons/cnn/pooling.ts) shows in
 * English at 80 columns. Steps 5 (ceil_mode), 6 and 7 (the demos) may be taller
 * than a 30-row pane: the lesson screen scrolls them under a fixed header, so
 * for them the header's step counter is the landmark.
 */
export const POOLING_STEPS = 13;

export const POOLING_LANDMARKS: Record<number, string | RegExp> = {
  1: 'Why shrink?',
  2: 'No cell is read twice.',
  3: 'W₂ = (224 − 2)/2 + 1 = 112',
  4: 'The two settings you will meet',
  5: 'Pooling layers 5/13',
  6: 'Pooling layers 6/13',
  7: 'Pooling layers 7/13',
  8: 'Backpropagation through a max',
  9: 'Where does the gradient go?',
  10: 'Networks without pooling',
  11: 'Output size',
  12: 'nnlearn experiment pooling',
};
