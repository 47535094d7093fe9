// A small static file server for the tests: serves a folder on 127.0.0.1 (port 0 = any free
// port), optionally under a sub-path, with the right MIME types (wasm streaming needs them).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
};

// What a host compresses: text and wasm (images are compressed already).
const COMPRESSED = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".csv"]);

/** Starts a server for `root`; resolves to { url, close, setRoot }. With `gzip`, files are
 *  sent gzip-compressed to a client that accepts it, as static hosts do (level 6, the
 *  default of nginx's and most CDNs' gzip), compressed once and kept. */
export async function serve(root, { prefix = "/", port = 0, gzip = false } = {}) {
  let base = resolve(root);
  const packed = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://x");
      if (!url.pathname.startsWith(prefix)) {
        res.writeHead(404).end("not found");
        return;
      }
      let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html";
      if (rel.endsWith("/")) rel += "index.html";
      const path = normalize(join(base, rel));
      if (!path.startsWith(base)) {
        res.writeHead(403).end("forbidden");
        return;
      }
      const info = await stat(path).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404).end("not found");
        return;
      }
      const headers = {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "cache-control": "no-cache",
      };
      let body = await readFile(path);
      if (gzip && COMPRESSED.has(extname(path)) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        const key = `${path}:${info.mtimeMs}`;
        if (!packed.has(key)) packed.set(key, gzipSync(body, { level: 6 }));
        body = packed.get(key);
        headers["content-encoding"] = "gzip";
        headers.vary = "accept-encoding";
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(500).end("error");
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const { port: bound } = server.address();
  return {
    url: `http://127.0.0.1:${bound}${prefix}`,
    origin: `http://127.0.0.1:${bound}`,
    /** Serves another folder from now on (a new build at the same address). */
    setRoot: (dir) => {
      base = resolve(dir);
    },
    close: () => new Promise((ok) => server.close(ok)),
  };
}
