/** The layers (torch.nn), one export line per file. */
export { Module } from './module.js';
export { type Rng, seeded } from './init.js';
export { Dropout, Flatten, GELU, Last, Linear, MeanOverSteps, ReLU, Residual, Sequential, Sigmoid, Tanh } from './basic.js';
export { LSTM, RNN, type StepStates } from './recurrent.js';
export { Embedding } from './embedding.js';
export { LayerNorm } from './norm.js';
export { type AttendOptions, MultiheadAttention } from './attention.js';
export { TransformerEncoderLayer } from './transformer.js';
export { PositionalEncoding } from './posenc.js';
export { Conv2d } from './conv.js';
export { LocallyConnected2d, type LocallyConnected2dOptions } from './local-conv.js';
export { AvgPool2d, MaxPool2d } from './pool.js';
