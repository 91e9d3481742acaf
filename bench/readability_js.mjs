// Mozilla Readability (with jsdom) over the same pages as bench_extract:
// all files read first, then parse + extract timed.  Prints like bench_extract.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.env.BC_NODE_MODULES + "/");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");
const files = process.argv.slice(2);
const pages = files.map((f) => readFileSync(f, "utf8"));
let bytes = 0;
for (const f of files) bytes += readFileSync(f).length;
const quiet = new VirtualConsole();
let ok = 0;
const t0 = process.hrtime.bigint();
for (const html of pages) {
  try {
    const dom = new JSDOM(html, { url: "https://example.com/article.html", virtualConsole: quiet });
    const art = new Readability(dom.window.document).parse();
    if (art && art.textContent) ok++;
    dom.window.close();
  } catch (e) {}
}
const t = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`pages=${files.length} bytes=${bytes} seconds=${t.toFixed(3)} ok=${ok}`);
