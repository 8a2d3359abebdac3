// Builds the plugin's ES module into ../tb_plugin/static/, which is committed:
// CI rebuilds and runs `git diff --exit-code tb_plugin/static`, so every output
// name is fixed (no content hashes) and no sourcemap is written. The layout
// worker is a second build (vite.worker.config.ts) into static/assets/.
import { defineConfig } from "vitest/config";

export default defineConfig({
  publicDir: false,
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
        chunkFileNames: "assets/[name].js",
        assetFileNames: "assets/[name][extname]",
      },
    },
  },
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.ts"],
  },
});
