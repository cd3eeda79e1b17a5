/* paperweek site search: lunr.js over assets/search-data.js (both loaded with <script src>,
   so it works from file:// too). Results are written with textContent only. */
(function () {
  "use strict";

  var MAX_RESULTS = 100;
  // The fields and weights of `paperweek search` (index/search.py WEIGHTS): tags weigh least.
  var FIELDS = [["title", "t", 10], ["summary", "s", 5], ["abstract", "b", 2], ["authors", "a", 3], ["tags", "g", 0.5]];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Words are cut and folded as SQLite FTS5's unicode61 tokenizer does (letters and digits; accents
  // removed), and stemmed with lunr's Porter stemmer, as the CLI's porter tokenizer does.
  // No stop-word list: the CLI has none, so "the" means the same in both.
  var NON_ASCII = /[^\x00-\x7f]/;

  function fold(token) {
    return token.update(function (s) { return NON_ASCII.test(s) ? s.normalize("NFD").replace(/\p{M}/gu, "") : s; });
  }
  if (typeof lunr !== "undefined") {
    lunr.Pipeline.registerFunction(fold, "paperweekFold");
  }

  // Words are runs of letters and digits, lower-cased (one regex pass: lunr's own tokenizer tests
  // each character against a regex, which is most of the index build time on long abstracts).
  var WORD = /[\p{L}\p{N}]+/gu;

  function tokenize(text) {
    var out = [];
    if (text === null || text === undefined) { return out; }
    var str = String(text).toLowerCase();
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(str)) !== null) { out.push(new lunr.Token(m[0], { index: out.length })); }
    return out;
  }

  function tokens(text) {
    return tokenize(text).map(function (token) { return token.toString(); });
  }

  function terms(query) {
    return tokens(query);
  }

  // The query's "quoted phrases" and punctuated words (self-supervised, GPT-4): words that must
  // stand next to each other in one field, as FTS5 phrases do in `paperweek search`.
  function phrases(query) {
    var found = [];
    var re = /"([^"]*)"|(\S+)/g;
    var m;
    while ((m = re.exec(query)) !== null) {
      var words = tokens(m[1] !== undefined ? m[1] : m[2]);
      if (words.length > 1) { found.push(words.map(stem)); }
    }
    return found;
  }

  function stem(word) {
    return lunr.stemmer(fold(new lunr.Token(word, {}))).toString();
  }

  function hasPhrase(paper, phrase) {
    return FIELDS.some(function (f) {
      var value = paper[f[1]] || "";
      var words = tokens(Array.isArray(value) ? value.join(" ") : value).map(stem);
      for (var i = 0; i + phrase.length <= words.length; i++) {
        var j = 0;
        while (j < phrase.length && words[i + j] === phrase[j]) { j++; }
        if (j === phrase.length) { return true; }
      }
      return false;
    });
  }

  function buildIndex(papers) {
    return lunr(function () {
      this.pipeline.reset();
      // no trimmer: the separator already cuts at every non-letter, and lunr's trimmer (\W without
      // the u flag) would cut accented letters off the ends of words
      this.pipeline.add(fold, lunr.stemmer);
      this.searchPipeline.reset();
      this.searchPipeline.add(fold, lunr.stemmer);
      this.tokenizer = tokenize;
      this.ref("i");
      var builder = this;
      FIELDS.forEach(function (f) { builder.field(f[0], { boost: f[2] }); });
      for (var i = 0; i < papers.length; i++) {
        var p = papers[i];
        var doc = { i: String(i) };
        FIELDS.forEach(function (f) {
          var value = p[f[1]] || "";
          doc[f[0]] = Array.isArray(value) ? value.join(" ") : value;
        });
        this.add(doc);
      }
    });
  }

  // Every word is required, as in `paperweek search WORDS`; phrases are checked in the text; null: no words.
  function find(index, papers, query) {
    var words = terms(query);
    if (!words.length) { return null; }
    var hits = index.query(function (q) {
      words.forEach(function (word) { q.term(word, { presence: lunr.Query.presence.REQUIRED }); });
    });
    var wanted = phrases(query);
    if (!wanted.length) { return hits; }
    return hits.filter(function (hit) {
      var paper = papers[Number(hit.ref)];
      return wanted.every(function (phrase) { return hasPhrase(paper, phrase); });
    });
  }

  // Typo help, for a query that finds nothing: each word may be a letter or two off (lunr's fuzzy
  // match: an edit is an insertion, deletion, substitution or swap), more for longer words, as the
  // CLI offers "did you mean" for an unknown word. Short words are left exact: "cat" is not "car".
  function allowedEdits(word) {
    return word.length >= 8 ? 2 : (word.length >= 4 ? 1 : 0);
  }

  function findClose(index, papers, query) {
    var words = terms(query);
    if (!words.length || !words.some(allowedEdits)) { return []; }
    return index.query(function (q) {
      words.forEach(function (word) {
        q.term(word, { presence: lunr.Query.presence.REQUIRED, editDistance: allowedEdits(word) });
      });
    });
  }

  window.PAPERWEEK_FIND = { build: buildIndex, find: find, findClose: findClose, terms: terms };

  // Appends `text` to `node`, each word whose stem is a query term's stem wrapped in <mark>
  // (text nodes only: the text stays text whatever it holds).
  function highlighted(node, text, stems) {
    var parts = text.split(/([\p{L}\p{N}]+)/u);
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) { continue; }
      if (i % 2 === 1 && stems[stem(parts[i].toLowerCase())]) {
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
    var index = buildIndex(papers);

    function show(query) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      var hits = find(index, papers, query);
      if (hits === null) {
        status.textContent = query.trim() ? "Type a more specific word." : "Type a word to search " + papers.length + " papers.";
        return;
      }
      var close = hits.length === 0 ? findClose(index, papers, query) : [];
      var stems = Object.create(null);
      terms(query).forEach(function (word) { stems[stem(word)] = true; });
      if (close.length) {
        hits = close;
        hits.forEach(function (hit) { Object.keys(hit.matchData.metadata).forEach(function (t) { stems[t] = true; }); });
      }
      var shown = hits.slice(0, MAX_RESULTS);
      var more = hits.length > shown.length ? "; showing the first " + shown.length + "." : ".";
      var count = hits.length === 1 ? "1 paper matches" : hits.length + " papers match";
      if (close.length) {
        status.textContent = "No paper matches \u201c" + query + "\u201d; " + count + " words spelled like it" + more;
      } else {
        status.textContent = hits.length === 0 ? "No paper matches \u201c" + query + "\u201d."
          : count + " \u201c" + query + "\u201d" + more;
      }
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
