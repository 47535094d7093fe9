// Serves the release build (dist/) for every test on a free loopback port.
import { existsSync } from "node:fs";
import { serve } from "./static-server.js";

export default async function globalSetup() {
  if (!existsSync("dist/index.html")) {
    throw new Error("dist/ is missing: run `trunk build --release` first (scripts/test.sh does).");
  }
  const app = await serve("dist");
  process.env.CS_METRICS_URL = app.url;
  return app.close;
}
