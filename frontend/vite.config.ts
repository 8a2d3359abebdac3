// Builds the plugin's ES module into ../tb_plugin/static/, which is committed:
// CI rebuilds and runs `git diff --exit-code tb_plugin/static`, so every output
// name is a function of its content (no timestamps) and no sourcemap is written.
// The layout worker is built first (vite.worker.config.ts); this build emits it
// as assets/layout_worker-<hash>.js, so that the server may cache it forever
// (tb_plugin/http_cache.py), and defines its path and hash for the page: the
// hash also versions the browser's layout cache (src/layout_cache.ts).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";
import type { Plugin } from "vite";

const BUILT_WORKER = new URL("./dist/worker/layout_worker.js", import.meta.url);
const worker = existsSync(BUILT_WORKER) ? readFileSync(BUILT_WORKER) : null;
// Unit tests run without a built worker; they never load it.
const workerHash = worker ? createHash("sha256").update(worker).digest("base64url").replace(/[-_]/g, "").slice(0, 10) : "unbuilt";
const workerFile = `assets/layout_worker-${workerHash}.js`;

function emitWorker(): Plugin {
  return {
    name: "graphfold-emit-worker",
    apply: "build",
    generateBundle() {
      if (!worker) this.error("dist/worker/layout_worker.js is missing: run `vite build --config vite.worker.config.ts` first (npm run build does)");
      this.emitFile({ type: "asset", fileName: workerFile, source: worker });
    },
  };
}

export default defineConfig({
  publicDir: false,
  define: {
    __LAYOUT_WORKER_PATH__: JSON.stringify(`./${workerFile}`),
    __LAYOUT_CODE_VERSION__: JSON.stringify(workerHash),
  },
  plugins: [emitWorker()],
  build: {
    outDir: "../tb_plugin/static",
    // The folder is outside this project, so Vite only empties it when told to.
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    // TensorBoard imports index.js as a module and calls its render().
    lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "index.js" },
    rolldownOptions: {
      output: {
        // plugin.py serves index.js and assets/*.
        chunkFileNames: "assets/[name]-[hash].js",
        assetFileNames: "assets/[name]-[hash][extname]",
      },
    },
  },
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.ts"],
  },
});
