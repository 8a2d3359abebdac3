// Builds the layout worker (ELK included) into dist/worker/layout_worker.js, first:
// the main build (vite.config.ts) then copies it into ../tb_plugin/static/assets/
// under a content-hashed name, layout_worker-<hash>.js, which the page finds
// through a constant the main build defines (src/layout_client.ts). A classic
// script: TensorBoard's CSP allows workers only from 'self' URLs.
import { defineConfig } from "vite";

export default defineConfig({
  publicDir: false,
  build: {
    outDir: "dist/worker",
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    lib: {
      entry: "src/worker/layout_worker.ts",
      formats: ["iife"],
      name: "GraphFoldLayoutWorker",
      fileName: () => "layout_worker.js",
    },
  },
});
