/**
 * Teaching: the worked explanations of the engine's rules that the REPL, the
 * lessons and the quiz share. The engine computes (numbers and issue codes);
 * this layer says why, in English and Simplified Chinese.
 */
export * from './shape-types.js';
export { convOutputShape, convOutputShapeOrThrow } from './conv-shape.js';
export { poolOutputShape, poolOutputShapeOrThrow } from './pool-shape.js';
export { receptiveFieldAfter, type ReceptiveFieldLayer, type ReceptiveFieldStep, type ReceptiveFieldResult } from './receptive-field.js';
export { explanationLines } from './explanation-lines.js';
export { ShapeRuleError, MAX_SHAPE_VALUE } from '../engine/size-rule.js';
