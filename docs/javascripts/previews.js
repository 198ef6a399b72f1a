// Preview cards. Hovering or keyboard-focusing any link to a paper page shows a small card: the
// title, the first three authors, venue and year, the reading status and the note's one-line
// sentence. The rule is generic: every <a> in the content whose address is a page under papers/
// gets a card, whatever page it is on and whoever wrote it (rows, citations, tags, figures).
//
// The data is previews.json, written with the site, fetched at most once per visit (on the
// first hover or focus) and kept for the visit, across Material's instant navigation. Its text
// is set as text, never parsed as HTML; KaTeX (renderMath, katex.js) renders the math.
//
// The card never covers its link and takes no click: it sits beside the link, closes on Escape,
// on leaving the link and the card, and on navigation. Touch is left alone: a tap follows the
// link as it always did.
(() => {
  // The site's root: this file is javascripts/previews.js (or, were it ever loaded deferred,
  // Material's own record of the base).
  const root = document.currentScript
    ? new URL("..", document.currentScript.src)
    : new URL(`${JSON.parse(document.getElementById("__config").textContent).base}/`, location.href);
  const PAPER_PAGE = /^papers\/([^/]+?)(?:\/(?:index\.html)?|\.html)$/;
  const XLINK = "http://www.w3.org/1999/xlink";
  const SHOW_AFTER = 150;   // ms: a pointer only passing over a link shows nothing
  const GRACE = 250;        // ms to move from the link onto the card before it closes
  const GAP = 6;            // px between the link and the card, and the card and the window
  const ID = "rl-preview";

  let papers = null;        // the promise of previews.json's papers, made once
  let card = null;
  let link = null;          // the link the card is shown or about to be shown for
  let dismissed = null;     // the link whose card Escape closed, until it is left
  let showTimer = 0;
  let hideTimer = 0;
  const bodies = new Map();     // key -> the card's content, built and typeset once
  const saved = new WeakMap();  // link -> its title and aria-describedby, put back on close

  function paperKey(anchor) {
    const href = anchor.getAttribute("href") ?? anchor.getAttributeNS(XLINK, "href");
    if (!href || href.startsWith("#")) return null;
    try {
      const url = new URL(href, document.baseURI);
      if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
      const match = PAPER_PAGE.exec(decodeURIComponent(url.pathname.slice(root.pathname.length)));
      return match ? match[1] : null;
    } catch {
      return null;   // an address that does not parse is no paper page
    }
  }

  function paperLink(target) {
    const anchor = target instanceof Element ? target.closest("a") : null;
    return anchor && anchor.closest(".md-content") && paperKey(anchor) ? anchor : null;
  }

  function load() {
    papers ??= fetch(new URL("previews.json", root))
      .then((response) => (response.ok ? response.json() : {}))
      .then((data) => data.papers ?? {})
      .catch(() => ({}));
    return papers;
  }

  function paragraph(className, text) {
    const element = document.createElement("p");
    element.className = className;
    element.textContent = text;
    return element;
  }

  function body(key, [title, authors, venue, status, oneline]) {
    if (!bodies.has(key)) {
      const content = document.createElement("div");
      const where = paragraph("rl-preview__meta", venue ? `${venue} · ` : "");
      const chip = document.createElement("span");
      chip.className = "rl-preview__status";
      chip.textContent = status;
      where.append(chip);
      content.append(paragraph("rl-preview__title", title),
                     paragraph("rl-preview__meta", authors), where);
      if (oneline) content.append(paragraph("rl-preview__oneline", oneline));
      if (typeof renderMath === "function") renderMath(content);
      bodies.set(key, content);
    }
    return bodies.get(key);
  }

  function theCard() {
    if (!card || !card.isConnected) {
      card = document.createElement("div");
      card.id = ID;
      card.className = "rl-preview";
      card.setAttribute("role", "tooltip");
      card.hidden = true;
      card.addEventListener("pointerenter", () => clearTimeout(hideTimer));
      card.addEventListener("pointerleave", (event) => {
        if (!link || !link.contains(event.relatedTarget)) hideSoon();
      });
      document.body.append(card);
    }
    return card;
  }

  function place(anchor) {
    const box = anchor.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    card.style.maxHeight = "";
    const height = card.offsetHeight;
    const below = window.innerHeight - box.bottom - 2 * GAP;
    const above = box.top - 2 * GAP;
    const under = height <= below || below >= above;
    const room = Math.max(under ? below : above, 0);
    card.style.maxHeight = `${room}px`;     // taller than the room: it scrolls, never overlaps
    card.style.top = `${under ? box.bottom + GAP : box.top - GAP - Math.min(height, room)}px`;
    card.style.left = `${Math.max(GAP, Math.min(box.left, width - card.offsetWidth - GAP))}px`;
  }

  function open(anchor, key, entry) {
    const shown = theCard();
    shown.replaceChildren(body(key, entry));
    shown.hidden = false;
    place(anchor);
    saved.set(anchor, { title: anchor.getAttribute("title"),
                        describedby: anchor.getAttribute("aria-describedby") });
    anchor.removeAttribute("title");   // the card says more, and two tooltips would overlap
    const describedby = saved.get(anchor).describedby;
    anchor.setAttribute("aria-describedby", describedby ? `${describedby} ${ID}` : ID);
  }

  function show(anchor) {
    if (anchor === dismissed) return;
    clearTimeout(hideTimer);
    if (anchor === link) return;
    hide();
    link = anchor;
    const key = paperKey(anchor);
    const ready = load();
    showTimer = setTimeout(() => ready.then((data) => {
      if (link === anchor && data[key]) open(anchor, key, data[key]);
    }), SHOW_AFTER);
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (link && saved.has(link)) {
      const { title, describedby } = saved.get(link);
      if (title !== null) link.setAttribute("title", title);
      if (describedby) link.setAttribute("aria-describedby", describedby);
      else link.removeAttribute("aria-describedby");
      saved.delete(link);
    }
    link = null;
    if (card) card.hidden = true;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, GRACE);
  }

  document.addEventListener("pointerover", (event) => {
    if (event.pointerType === "touch") return;    // a tap follows the link, nothing more
    const anchor = paperLink(event.target);
    if (anchor) show(anchor);
  });
  document.addEventListener("pointerout", (event) => {
    const anchor = event.target instanceof Element ? event.target.closest("a") : null;
    if (!anchor || anchor.contains(event.relatedTarget)) return;
    if (anchor === dismissed) dismissed = null;
    if (anchor === link && !(card && card.contains(event.relatedTarget))) hideSoon();
  });
  document.addEventListener("focusin", (event) => {
    const anchor = paperLink(event.target);
    if (anchor && anchor.matches(":focus-visible")) show(anchor);
  });
  document.addEventListener("focusout", (event) => {
    if (event.target === dismissed) dismissed = null;
    if (event.target === link) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && link) {
      dismissed = link;
      hide();
    }
  });
  document.addEventListener("click", (event) => {
    if (link && link.contains(event.target)) hide();   // on its way to the paper's page
  });
  window.addEventListener("scroll", () => {
    if (link && card && !card.hidden) place(link);
  }, { capture: true, passive: true });
  window.addEventListener("resize", hide);
  if (typeof document$ !== "undefined") document$.subscribe(hide);   // a new page
})();
