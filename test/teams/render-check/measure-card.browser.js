// Loaded into the render check's page (see card-browser.ts): renders a card and measures what a reader would notice.
/*
 * Runs in the page. Words are whitespace-separated runs of a text node; one whose glyphs sit on
 * two lines was broken mid-word (an id or header a reader can no longer read or copy). Text
 * cut off (scrollWidth past clientWidth), markdown structure that no bot text asks for
 * (blockquote, heading, list: vendor text read as markup) and text below 4.5:1 contrast
 * against what is behind it are problems too.
 */
window.measureCard = ({ card, width, hostConfig, page }) => {
  const AC = window.AC;
  const pane = document.getElementById('pane');
  pane.style.width = `${width}px`;
  pane.style.background = page;
  pane.replaceChildren();
  const adaptive = new AC.AdaptiveCard();
  adaptive.hostConfig = new AC.HostConfig(hostConfig);
  adaptive.parse(card);
  const rendered = adaptive.render();
  pane.appendChild(rendered);
  const problems = [];
  const texts = [];
  const blocks = Array.from(rendered.querySelectorAll('.ac-textBlock, .ac-pushButton'));
  const lineOf = (r) => Math.round(r.top + r.height / 2);
  for (const block of blocks) {
    const shown = block.textContent.trim();
    if (shown) texts.push(shown);
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue ?? '';
      for (const m of value.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(
          Array.from(range.getClientRects())
            .filter((r) => r.width > 0.5)
            .map(lineOf),
        );
        if (lines.size > 1) problems.push(`word "${m[0]}" broken across ${lines.size} lines`);
      }
    }
    if (block.scrollWidth > block.clientWidth + 1) problems.push(`text cut off (${block.scrollWidth}px in ${block.clientWidth}px): "${shown.slice(0, 60)}"`);
    for (const tag of ['blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'a', 'code'])
      for (const el of Array.from(block.querySelectorAll(tag))) problems.push(`<${tag}> from text: "${el.textContent.slice(0, 60)}"`);
    if (block.classList.contains('ac-pushButton')) continue;
    const ratio = contrast(getComputedStyle(block).color, backgroundOf(block));
    if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(1)}:1 for "${shown.slice(0, 60)}"`);
  }
  if (rendered.scrollWidth > rendered.clientWidth + 1) problems.push(`card wider than the pane (${rendered.scrollWidth}px in ${rendered.clientWidth}px)`);
  return { problems: [...new Set(problems)], texts, height: rendered.getBoundingClientRect().height };

  function backgroundOf(el) {
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg && !/rgba\(.*, 0\)$/.test(bg) && bg !== 'transparent') return bg;
    }
    return page;
  }
  function contrast(a, b) {
    const [la, lb] = [luminance(a), luminance(b)];
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function luminance(color) {
    const probe = document.createElement('canvas').getContext('2d');
    probe.fillStyle = color;
    const hex = probe.fillStyle;
    const rgb = hex.startsWith('#')
      ? [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16))
      : (hex.match(/\d+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
};
