/**
 * Something each step of cnn/pooling (src/lessons/cnn/pooling.ts) shows in
 * English at 80 columns. Steps 5 and 6 (the demos) are taller than a 30-row
 * pane: the lesson screen scrolls them under a fixed header, so for them the
 * header's step counter is the landmark.
 */
export const POOLING_STEPS = 11;

export const POOLING_LANDMARKS: Record<number, string | RegExp> = {
  1: 'Why shrink?',
  2: 'No cell is read twice.',
  3: 'W₂ = (224 − 2)/2 + 1 = 112',
  4: 'The two settings you will meet',
  5: 'Pooling layers 5/11',
  6: 'Pooling layers 6/11',
  7: 'Backpropagation through a max',
  8: 'Where does the gradient go?',
  9: 'Networks without pooling',
  10: 'Output size',
};
