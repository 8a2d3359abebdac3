// Builds the layout worker (ELK included) into ../tb_plugin/static/assets/layout_worker.js,
// after the main build (vite.config.ts), which empties the folder. A classic
// script with a fixed name: TensorBoard's CSP allows workers only from 'self'
// URLs, and the page finds it next to index.js (src/layout_client.ts).
import { defineConfig } from "vite";

export default defineConfig({
  publicDir: false,
  build: {
    outDir: "../tb_plugin/static",
    emptyOutDir: false,
    sourcemap: false,
    minify: true,
    lib: {
      entry: "src/worker/layout_worker.ts",
      formats: ["iife"],
      name: "GraphFoldLayoutWorker",
      fileName: () => "assets/layout_worker.js",
    },
  },
});
