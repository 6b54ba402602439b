/**
 * Blocks that draw pictures: matrices, heatmaps, volumes, bars, charts.
 * Each has a pure renderer in this folder (props → lines of text), shared by
 * the REPL, the lessons and the quiz.
 */
export type VisualBlock = { kind: 'visual-placeholder' };
