/** The kinds of runs, optimizers and activations a student can name (their own file: the step inspector's types and task.ts both use them). */
export type Topic = 'points' | 'digits' | 'text' | 'sequence';
export type OptimizerName = 'sgd' | 'momentum' | 'adam';
export type ActivationName = 'relu' | 'tanh' | 'sigmoid' | 'linear';
