/** Saved models: the file format (format.ts), names and folder (names.ts), and the store (store.ts). */
export { EXTENSION, FORMAT_VERSION, type JsonValue, type ModelMeta } from './format.js';
export { checkModelName, MAX_NAME, modelPath, modelsDir } from './names.js';
export { applyState, listModels, loadModel, loadModelFile, saveModel, saveModelFile, type LoadResult, type ModelEntry, type ModelList, type SaveMeta, type SaveResult, type StoreOpts } from './store.js';
