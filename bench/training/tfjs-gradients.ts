/**
 * tfjs-core registers no gradients by itself: the `@tensorflow/tfjs` bundle
 * imports tfjs-core's dist/register_all_gradients.js, an ES module with
 * extensionless imports that Node cannot load directly. esbuild (already a
 * devDependency, for the build) bundles it into CommonJS once per run; its
 * registerGradient calls land in tfjs's global gradient registry (tfjs keeps
 * its engine and registries on the global object, so every copy shares them).
 * This is what makes tf.variableGrads / optimizer.minimize work here.
 */
import { createRequire } from 'node:module';
import { buildSync } from 'esbuild';
import * as tf from '@tensorflow/tfjs-core';

const require = createRequire(import.meta.url);
let registered = false;

export function registerTfjsGradients(): void {
  if (registered) return;
  registered = true;
  const entry = require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const built = buildSync({ entryPoints: [entry], bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'silent' });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(mod, mod.exports, require);
  // Fails loudly if the registry was not the one tfjs reads.
  if (tf.getGradient('Relu') === undefined) throw new Error('tfjs gradients did not register (tfjs-core layout changed?)');
}
