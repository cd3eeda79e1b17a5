/* paperweek site search: lunr.js over assets/search-data.js (both loaded with <script src>,
   so it works from file:// too). Results are written with textContent only. */
(function () {
  "use strict";

  var MAX_RESULTS = 100;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function terms(query) {
    // lunr's own tokenizer, trimmer and stop-word filter, then each word is required.
    return lunr.tokenizer(query)
      .map(function (token) { return lunr.trimmer(token); })
      .filter(function (token) { return token && token.toString() && lunr.stopWordFilter(token); })
      .map(function (token) { return token.toString(); });
  }

  function stem(word) {
    return lunr.stemmer(new lunr.Token(word.toLowerCase())).toString();
  }

  // Appends `text` to `node`, each word whose stem is a query term's stem wrapped in <mark>
  // (text nodes only: the text stays text whatever it holds).
  function highlighted(node, text, stems) {
    var parts = text.split(/([\p{L}\p{N}]+)/u);
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) { continue; }
      if (i % 2 === 1 && stems[stem(parts[i])]) {
        node.appendChild(el("mark", "", parts[i]));
      } else {
        node.appendChild(document.createTextNode(parts[i]));
      }
    }
    return node;
  }

  function start() {
    var input = document.getElementById("search-input");
    var form = document.getElementById("search-form");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (!input || !form || !status || !list) { return; }
    var data = window.PAPERWEEK_SEARCH;
    if (typeof lunr === "undefined" || !data || !data.papers) {
      status.textContent = "Search data could not be loaded.";
      return;
    }
    var papers = data.papers;
    var index = lunr(function () {
      this.ref("i");
      this.field("title", { boost: 10 });
      this.field("tags", { boost: 5 });
      this.field("authors", { boost: 3 });
      this.field("summary");
      for (var i = 0; i < papers.length; i++) {
        var p = papers[i];
        this.add({ i: String(i), title: p.t, summary: p.s, authors: p.a.join(" "), tags: p.g.join(" ") });
      }
    });

    function show(query) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      var words = terms(query);
      if (!words.length) {
        status.textContent = query.trim() ? "Type a more specific word." : "Type a word to search " + papers.length + " papers.";
        return;
      }
      var hits = index.query(function (q) {
        words.forEach(function (word) { q.term(word, { presence: lunr.Query.presence.REQUIRED }); });
      });
      var shown = hits.slice(0, MAX_RESULTS);
      var stems = Object.create(null);
      words.forEach(function (word) { stems[stem(word)] = true; });
      status.textContent = hits.length === 0 ? "No paper matches \u201c" + query + "\u201d."
        : (hits.length === 1 ? "1 paper matches" : hits.length + " papers match") + " \u201c" + query + "\u201d"
          + (hits.length > shown.length ? "; showing the first " + shown.length + "." : ".");
      shown.forEach(function (hit) {
        var p = papers[Number(hit.ref)];
        var item = el("li", "result");
        var title = highlighted(el("a", "result-title"), p.t, stems);
        title.href = p.u;
        item.appendChild(el("p")).appendChild(title);
        var meta = [p.w];
        if (p.d) { meta.push("released " + p.d); }
        if (p.g.length) { meta.push("tags: " + p.g.join(", ")); }
        item.appendChild(el("p", "meta", meta.join(" \u00b7 ")));
        if (p.s) {
          item.appendChild(highlighted(el("p", "summary"), p.s.length > 300 ? p.s.slice(0, 297) + "\u2026" : p.s, stems));
        }
        list.appendChild(item);
      });
    }

    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    show(input.value);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { show(input.value); }, 150);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      show(input.value);
      if (window.history && window.history.replaceState && window.location.protocol !== "file:") {
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
