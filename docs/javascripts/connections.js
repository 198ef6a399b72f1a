// Connection figures: while a paper (or topic) is hovered or focused, light up its arcs, the
// ones it starts (what its note cites) apart from the ones it ends (the notes citing it).
// Delegated to the document, so it keeps working across Material's instant navigation.
(() => {
  const mark = (node, on) => {
    const figure = node.closest("svg.rl-arcs");
    const key = CSS.escape(node.dataset.key);
    figure.classList.toggle("rl-arcs--active", on);
    node.classList.toggle("rl-node--active", on);
    for (const arc of figure.querySelectorAll(`.rl-arc[data-from="${key}"]`)) {
      arc.classList.toggle("rl-arc--out", on);
    }
    for (const arc of figure.querySelectorAll(`.rl-arc[data-to="${key}"]`)) {
      arc.classList.toggle("rl-arc--in", on);
    }
  };
  const events = { mouseover: true, focusin: true, mouseout: false, focusout: false };
  for (const [type, on] of Object.entries(events)) {
    document.addEventListener(type, (event) => {
      const node = event.target instanceof Element && event.target.closest("svg.rl-arcs .rl-node");
      if (node) mark(node, on);
    });
  }

  // A figure's link to a heading of its own page (a frontier point to its topic) scrolls here,
  // not through Material's instant navigation: on a busy machine its handler ran after the
  // browser had scrolled to the heading and restored a stale position, 200 px past it.
  // On window, in the capture phase: before any listener of the document's.
  const XLINK = "http://www.w3.org/1999/xlink";
  window.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("svg a");
    const href = link && (link.getAttributeNS(XLINK, "href") || link.getAttribute("href"));
    if (!href || !href.startsWith("#") || event.button !== 0 || event.metaKey ||
        event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    if (!target) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    history.pushState(history.state, "", href);
    // Below Material's fixed header, as the browser's own jump to an anchor leaves it.
    const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0;
    const top = target.getBoundingClientRect().top + window.scrollY - header - 12;
    window.scrollTo({ top: Math.max(0, top), behavior: "instant" });
  }, true);
})();
