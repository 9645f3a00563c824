// askdocs chat page: an answer's Markdown, as the server rendered it (answerHtml: raw HTML escaped,
// unsafe addresses removed), copied into the page element by element. Only the elements below are
// made, with createElement; text goes in through the caller's addText (which makes the citation
// chips) as text nodes; no attribute but a checked http(s) link address is copied. The HTML is
// parsed by DOMParser into an inert document: nothing in it runs or loads.
'use strict';

(function () {
  const BLOCKS = new Set(['P', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'PRE', 'TABLE', 'THEAD', 'TBODY',
    'TR', 'TH', 'TD', 'HR']);
  const INLINE = new Set(['STRONG', 'EM', 'CODE', 'DEL', 'BR']);
  const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

  function copy(from, to, addText) {
    for (const node of Array.from(from.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE) {
        addText(to, node.nodeValue);
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        const tag = node.tagName;
        if (BLOCKS.has(tag) || INLINE.has(tag)) {
          const made = document.createElement(tag.toLowerCase());
          if (tag === 'TH' || tag === 'TD') {
            const align = node.getAttribute('align');
            if (align === 'left' || align === 'right' || align === 'center') made.className = 'align-' + align;
          }
          to.appendChild(made);
          copy(node, made, addText);
        } else if (HEADINGS.has(tag)) {
          // An answer's heading is emphasis, not a heading of the page's outline.
          const made = document.createElement('p');
          made.className = 'md-heading';
          to.appendChild(made);
          copy(node, made, addText);
        } else if (tag === 'A') {
          const href = String(node.getAttribute('href') || '');
          if (/^https?:\/\//i.test(href)) {
            const a = document.createElement('a');
            a.href = href;
            a.rel = 'noopener noreferrer nofollow';
            a.target = '_blank';
            to.appendChild(a);
            copy(node, a, addText);
          } else {
            copy(node, to, addText);
          }
        } else if (tag === 'IMG') {
          // No image is loaded from an answer: its description stands in its place.
          const alt = String(node.getAttribute('alt') || '');
          if (alt) addText(to, alt);
        } else {
          copy(node, to, addText);
        }
      }
    }
  }

  window.askdocsMarkdown = {
    render(target, html, addText) {
      const parsed = new DOMParser().parseFromString(String(html), 'text/html');
      copy(parsed.body, target, addText);
    },
  };
})();
