/** Constants vite.config.ts defines at build time (and for unit tests). */

/** The layout worker's path relative to index.js: `./assets/layout_worker-<hash>.js`. */
declare const __LAYOUT_WORKER_PATH__: string;
/** The layout worker's content hash: a new one whenever the layout code changes. */
declare const __LAYOUT_CODE_VERSION__: string;
