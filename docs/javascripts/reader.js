// The reader's own map: filters over the paper rows of the bibliography and the section pages,
// kept in the address (?status=read&year=2023-&topic=models/kernel-regression), and reading
// marks of the reader's own, kept in this browser's localStorage for this site, never sent.
//
// Rows carry their facts as data attributes (render/fragments/reader.py); the form and the
// reader's progress are in the page, hidden, and shown from here, so with scripts off a page
// is the full list. Listeners sit on the document and each page is set up from document$, so
// Material's instant navigation keeps everything working. Each choice is a history entry (a
// typed query is one entry, however many keys it took); back and forward restore the filter
// the address holds. Repeated parameters mean "any of", different ones "all of".
(() => {
  const root = document.currentScript
    ? new URL("..", document.currentScript.src)
    : new URL(`${JSON.parse(document.getElementById("__config").textContent).base}/`,
              location.href);
  const STORE = `readinglist-marks:${root.pathname}`;
  const PARAMS = ["status", "section", "topic", "tag", "year", "venue", "q", "mine"];
  const HIDE = "rl-hidden";
  const LONG_LIST = 300;
  const KEY = /^[A-Za-z0-9][\w:.+-]*$/;
  const TESTS = {
    status: (row, v) => row.status === v,
    section: (row, v) => row.places.has(v),
    topic: (row, v) => row.places.has(v),
    tag: (row, v) => row.tags.has(v),
    venue: (row, v) => row.venue === v,
    year: (row, v) => within(row.year, v),
    q: (row, v) => row.text.includes(v),
    mine: (row, v) => (v === "read") === marks.has(row.key) && (v === "read" || v === "unread"),
  };
  let marks = held();
  let rows = [];
  let form = null;
  let path = "";
  let typing = false;

  function held() {
    try {
      const keys = JSON.parse(localStorage.getItem(STORE) ?? "[]");
      return new Set(Array.isArray(keys) ? keys.filter((k) => typeof k === "string") : []);
    } catch {
      return new Set();   // storage off or unreadable: marks last for the visit
    }
  }

  function save() {
    try {
      localStorage.setItem(STORE, JSON.stringify([...marks].sort()));
    } catch {
      // storage off or full: the marks still hold for this visit
    }
  }

  function wanted(search = location.search) {
    const params = new URLSearchParams(search);
    const filter = {};
    for (const name of PARAMS) {
      const values = params.getAll(name).map((v) => v.trim()).filter(Boolean);
      if (values.length) filter[name] = values;
    }
    return filter;
  }

  function within(year, range) {
    const [from, to] = range.includes("-") ? range.split("-", 2) : [range, range];
    return !Number.isNaN(year) && (!from || year >= Number(from)) && (!to || year <= Number(to));
  }

  const words = (text) => new Set((text ?? "").split(" ").filter(Boolean));

  function read(element) {
    const data = element.dataset;
    const text = [".rl-title", ".rl-authors", ".rl-oneline"]
      .map((s) => element.querySelector(s)?.textContent ?? "").join(" ").toLowerCase();
    return { element, key: data.key, status: data.status, year: parseInt(data.year, 10),
             venue: data.venue, tags: words(data.tags), places: words(data.in), text };
  }

  function apply(search = location.search) {
    const filter = wanted(search);
    if (filter.q) filter.q = filter.q.map((q) => q.toLowerCase());
    const tests = Object.entries(filter);
    const shown = new Set();
    const all = new Set();
    for (const row of rows) {
      const show = tests.every(([name, values]) => values.some((v) => TESTS[name](row, v)));
      row.element.classList.toggle(HIDE, !show);
      all.add(row.key);
      if (show) shown.add(row.key);
    }
    headings(tests.length > 0);
    form.querySelector(".rl-filters__count").textContent = tests.length
      ? `${shown.size} of ${all.size} papers shown` : `All ${all.size} papers shown`;
  }

  // While a filter is on, a heading is shown only with a paper shown under it, and what sits
  // under a heading (todos, questions, labels) goes with it.
  function headings(active) {
    const open = [];
    const groups = [];
    for (const element of document.querySelector(".md-content article")?.children ?? []) {
      const level = /^H([2-6])$/.exec(element.tagName)?.[1];
      if (level) {
        while (open.length && open.at(-1).level >= level) open.pop();
        open.push({ level, shown: false, members: [element] });
        groups.push(open.at(-1));
      } else if (element.matches(".rl-paper[data-key]")) {
        if (!element.classList.contains(HIDE)) for (const group of open) group.shown = true;
      } else if (open.length) {
        open.at(-1).members.push(element);
      }
    }
    for (const group of groups) {
      for (const member of group.members) member.classList.toggle(HIDE, active && !group.shown);
    }
  }

  function show(search = location.search) {
    const filter = wanted(search);
    for (const control of form.elements) {
      const values = filter[control.name] ?? [];
      if (control.type === "checkbox") control.checked = values.includes(control.value);
      if (control.tagName === "SELECT") {
        for (const option of control.options) option.selected = values.includes(option.value);
      }
    }
    const year = filter.year?.[0] ?? "";
    const [from, to] = year.includes("-") ? year.split("-", 2) : [year, year];
    form.elements.namedItem("q").value = filter.q?.[0] ?? "";
    form.elements.namedItem("from").value = from;
    form.elements.namedItem("to").value = to;
    if (Object.keys(filter).length) form.querySelector("details").open = true;
  }

  // The address for what the form holds; parameters it has no control for are kept.
  function chosen() {
    const params = new URLSearchParams(location.search);
    const named = new Set(["q", "year", ...[...form.elements].map((c) => c.name)]);
    for (const name of PARAMS) if (named.has(name)) params.delete(name);
    for (const control of form.elements) {
      if (control.type === "checkbox" && control.checked) {
        params.append(control.name, control.value);
      }
      if (control.tagName === "SELECT") {
        for (const option of control.selectedOptions) params.append(control.name, option.value);
      }
    }
    const value = (name) => form.elements.namedItem(name).value.trim();
    if (value("q")) params.append("q", value("q"));
    if (value("from") || value("to")) params.append("year", `${value("from")}-${value("to")}`);
    const search = params.toString().replace(/%2F/g, "/");
    return `${location.pathname}${search ? `?${search}` : ""}`;
  }

  // The rows first, the address once the frame that shows them is painted: on a long page
  // Chromium takes tens of milliseconds over pushState, which would delay the result as much.
  function go(url, replace) {
    apply(new URL(url, location.href).search);
    requestIdleCallback(() => {
      if (url !== location.pathname + location.search) {
        history[replace ? "replaceState" : "pushState"](null, "", url);
      }
    }, { timeout: 300 });
  }

  function toggles() {
    const holders = document.querySelectorAll(".md-content :is(.rl-paper, .rl-meta)[data-key]");
    for (const holder of holders) {
      let box = holder.querySelector(".rl-mine input");
      if (!box) {
        const label = document.createElement("label");
        label.className = "rl-mine";
        box = document.createElement("input");
        box.type = "checkbox";
        label.append(box, " I've read this");
        (holder.querySelector(".rl-status")?.parentElement ?? holder).append(label);
      }
      box.checked = marks.has(holder.dataset.key);
    }
    for (const meter of document.querySelectorAll(".md-content .rl-mine-progress")) {
      const keys = meter.dataset.keys.split(" ").filter(Boolean);
      const done = keys.filter((k) => marks.has(k)).length;
      const text = `Read by me, kept in this browser: ${done} of ${keys.length}`;
      const bar = meter.querySelector("[role=progressbar]");
      bar.setAttribute("aria-valuenow", done);
      bar.setAttribute("aria-valuetext", text);
      bar.firstElementChild.style.width = `${keys.length ? (100 * done) / keys.length : 0}%`;
      meter.querySelector(".rl-bar__legend").textContent = text;
      meter.hidden = false;
    }
  }

  function say(text) {
    const message = form?.querySelector(".rl-marks__message");
    if (message) message.textContent = text;
  }

  function exportMarks() {
    const data = JSON.stringify({ "readinglist-marks": 1, read: [...marks].sort() }, null, 2);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([`${data}\n`], { type: "application/json" }));
    link.download = "reading-marks.json";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    say(`Exported ${marks.size} ${marks.size === 1 ? "mark" : "marks"} to reading-marks.json.`);
  }

  async function importMarks(input) {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    let keys = null;
    try {
      const data = file.size < 1 << 20 ? JSON.parse(await file.text()) : null;
      const read = Array.isArray(data?.read) ? data.read : [null];
      if (read.every((k) => typeof k === "string" && KEY.test(k))) keys = read;
    } catch {
      // not JSON: refused below
    }
    if (!keys) {
      say(`${file.name} is not a file of reading marks like the one "Export my marks" writes; ` +
          "your marks are unchanged.");
      return;
    }
    const added = [...new Set(keys)].filter((k) => !marks.has(k));
    for (const key of added) marks.add(key);
    save();
    toggles();
    say(`Imported ${file.name}: ${added.length} new ${added.length === 1 ? "mark" : "marks"} ` +
        `added, ${keys.length - added.length} already held.`);
  }

  function setUp() {
    path = location.pathname;
    typing = false;
    form = document.querySelector(".md-content form.rl-filters");
    rows = [...document.querySelectorAll(".md-content .rl-paper[data-key]")].map(read);
    // A long list lays out only the rows near the screen (reader.css): a filter change then
    // costs what the rows in view cost, not what all of them do.
    document.body.classList.toggle("rl-long-list", rows.length > LONG_LIST);
    toggles();
    if (form) {
      form.hidden = false;
      show();
      apply();
    }
  }

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (target.closest(".rl-mine")) {
      const key = target.closest("[data-key]").dataset.key;
      if (target.checked) marks.add(key);
      else marks.delete(key);
      save();
      toggles();
    } else if (target.type === "file" && target.closest(".rl-marks")) {
      importMarks(target);
    } else if (form && target.form === form) {
      go(chosen(), target.name === "q" && typing);
      typing = false;
    }
  });
  document.addEventListener("input", (event) => {
    if (form && event.target.form === form && event.target.name === "q") {
      go(chosen(), typing);
      typing = true;
    }
  });
  document.addEventListener("submit", (event) => {
    if (event.target === form) {
      event.preventDefault();
      go(chosen(), typing);
      typing = false;
    }
  });
  document.addEventListener("click", (event) => {
    if (!form || !form.contains(event.target)) return;
    if (event.target.closest(".rl-filters__clear")) {
      const params = new URLSearchParams(location.search);
      for (const name of PARAMS) params.delete(name);
      const search = params.size ? `?${params}` : "";
      go(`${location.pathname}${search}`, false);
      show(search);
    } else if (event.target.closest(".rl-marks__export")) {
      exportMarks();
    }
  });
  window.addEventListener("popstate", () => {
    if (form && location.pathname === path) {
      typing = false;
      show();
      apply();
    }
  });
  window.addEventListener("storage", (event) => {
    if (event.key === STORE) {
      marks = held();
      toggles();
    }
  });
  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else setUp();
})();
