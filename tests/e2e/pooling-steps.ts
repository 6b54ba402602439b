/**
 * Something each step of cnn/pooling (src/lessons/cnn/pooling.ts) shows near
 * its bottom in English at 80 columns. Steps 5 and 6 (the demos) are taller
 * than a 30-row pane, so their header and step counter scroll off the top:
 * wait for these instead.
 */
export const POOLING_STEPS = 11;

export const POOLING_LANDMARKS: Record<number, string | RegExp> = {
  1: 'Why shrink?',
  2: 'No cell is read twice.',
  3: 'W₂ = (224 − 2)/2 + 1 = 112',
  4: 'The two settings you will meet',
  5: 'Average: every cell of a window gets 1/4 of it.',
  6: '1 + 2 + 3 + 4 = 10.',
  7: 'Backpropagation through a max',
  8: 'Where does the gradient go?',
  9: 'Networks without pooling',
  10: 'Output size',
};
