// Render the $...$ and $$...$$ that pymdownx.arithmatex marks, on every page load, including
// Material's instant navigation (document$ emits for each page). renderMath is also what the
// preview cards call on the text they show.
function renderMath(element) {
  renderMathInElement(element, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
    // Text inside the SVG figures stays text: KaTeX's HTML cannot live in SVG.
    ignoredClasses: ["rl-arcs", "rl-timeline"],
  });
}

document$.subscribe(({ body }) => renderMath(body));
