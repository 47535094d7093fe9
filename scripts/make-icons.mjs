// Renders the PWA icons (PNG) from their SVG sources with headless Chromium. The PNGs are
// committed; run this again only when assets/icon*.svg change: node scripts/make-icons.mjs
import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../playwright.config.js";

const ICONS = [
  ["assets/icon.svg", 192, "assets/icons/icon-192.png"],
  ["assets/icon.svg", 512, "assets/icons/icon-512.png"],
  ["assets/icon-maskable.svg", 512, "assets/icons/icon-maskable-512.png"],
];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
for (const [source, size, target] of ICONS) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const svg = readFileSync(source, "utf8").replace("<svg ", `<svg width="${size}" height="${size}" `);
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg}`);
  await page.screenshot({ path: target, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
  console.log(`${target} (${size}×${size})`);
}
await browser.close();
