declare const __NNLEARN_VERSION__: string | undefined;

/** Injected by the build (scripts/build.mjs); 'dev' when run from source. */
export const VERSION: string = typeof __NNLEARN_VERSION__ === 'string' ? __NNLEARN_VERSION__ : 'dev';
