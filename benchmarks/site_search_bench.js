// Builds the site's search index with the site's own search.js, as the search page does, and
// prints the CPU seconds (median of RUNS), with and without the abstracts. Used by site_search_bench.py.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const [assets, runs] = [process.argv[2], Number(process.argv[3] || 3)];
const sandbox = { document: { readyState: "complete", getElementById: () => null }, URLSearchParams };
sandbox.window = sandbox;
vm.createContext(sandbox);
for (const name of ["lunr.min.js", "search-data.js", "search.js"]) {
  vm.runInContext(fs.readFileSync(path.join(assets, name), "utf8"), sandbox, { filename: name });
}
const papers = sandbox.PAPERWEEK_SEARCH.papers;
function median(xs) { const s = xs.slice().sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function time(list) {
  const seconds = [];
  for (let i = 0; i < runs; i++) {
    const t = process.cpuUsage();
    sandbox.PAPERWEEK_FIND.build(list);
    const u = process.cpuUsage(t);
    seconds.push((u.user + u.system) / 1e6);
  }
  return median(seconds);
}
const withAbstracts = time(papers);
const without = time(papers.map((p) => Object.assign({}, p, { b: "" })));
process.stdout.write(JSON.stringify({ papers: papers.length, with_abstracts: withAbstracts, without_abstracts: without }));
