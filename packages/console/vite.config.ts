// The console's build: the app in app/, bundled into dist/ for the platform to serve at
// /console. Workspace packages (@clover/nlu, @clover/protocol) are bundled from source.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: "app",
  base: "/console/",
  plugins: [react()],
  resolve: { conditions: ["@clover/source", "module", "browser", "development|production"] },
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    // `npm run dev -w @clover/console` against a platform on CLOVER_URL (default :5000).
    proxy: Object.fromEntries(
      ["/api", "/v1", "/authorize", "/token", "/ping"].map((p) => [
        p,
        { target: process.env["CLOVER_URL"] ?? "http://127.0.0.1:5000", changeOrigin: true },
      ]),
    ),
  },
});
