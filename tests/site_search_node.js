// Runs the site's own search (lunr.min.js + search-data.js + search.js, as the page loads them)
// in Node and prints, per query read from argv[3] (JSON list), the paper ids it finds:
// {"exact": {query: ids}, "close": {query: ids of the typo-tolerant search the page falls back to}}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const assets = process.argv[2];
const queries = JSON.parse(process.argv[3]);
const sandbox = { document: { readyState: "complete", getElementById: () => null }, URLSearchParams };
sandbox.window = sandbox;
vm.createContext(sandbox);
for (const name of ["lunr.min.js", "search-data.js", "search.js"]) {
  vm.runInContext(fs.readFileSync(path.join(assets, name), "utf8"), sandbox, { filename: name });
}
const api = sandbox.PAPERWEEK_FIND;
const papers = sandbox.PAPERWEEK_SEARCH.papers;
const index = api.build(papers);
const out = { exact: {}, close: {} };
for (const q of queries) {
  const hits = api.find(index, papers, q) || [];
  out.exact[q] = hits.map((h) => papers[Number(h.ref)].k);
  out.close[q] = (api.findClose ? api.findClose(index, papers, q) : []).map((h) => papers[Number(h.ref)].k);
}
process.stdout.write(JSON.stringify(out));
