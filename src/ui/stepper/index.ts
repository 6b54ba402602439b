/** The sliding-window stepper: pure state + frame renderer, and the Ink component. */
export * from './state.js';
export { renderStepperFrame, computeWindow, agrees, type StepperData, type WindowResult, type StepperFrameOptions } from './frame.js';
export { Stepper, type StepperProps } from './Stepper.js';
