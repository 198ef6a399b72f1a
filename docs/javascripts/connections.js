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
})();
