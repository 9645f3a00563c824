// askdocs chat page: questions to start an empty conversation with, made from the titles of the
// collection's documents (no model involved), and an honest word when there are no documents.
// Loaded after app.js, whose window.askdocsPage it uses. Text only through textContent.
'use strict';

(function () {
  const page = window.askdocsPage;
  if (!page) return;
  const MAX = 4;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** A title worth asking about: a few words, not a bare file name. */
  function usable(title) {
    const t = String(title || '').trim();
    const words = t.split(/\s+/).length;
    return t.length >= 4 && t.length <= 90 && words >= 2 && !/\.[a-z0-9]{2,4}$/i.test(t);
  }

  /** Up to four questions, from the documents with the most passages first. */
  function questions(documents) {
    const seen = new Set();
    const out = [];
    const ranked = documents.slice().sort((a, b) => (Number(b.chunks) || 0) - (Number(a.chunks) || 0));
    for (const d of ranked) {
      const title = String(d.title || '').trim().replace(/[.:;,]+$/, '');
      const key = title.toLowerCase();
      if (!usable(title) || seen.has(key)) continue;
      seen.add(key);
      out.push(out.length % 2 === 0 ? 'What does “' + title + '” say?' : 'Summarize “' + title + '”');
      if (out.length === MAX) break;
    }
    return out;
  }

  function show(total, documents) {
    const intro = document.getElementById('intro');
    if (!intro) return;
    let box = document.getElementById('starters');
    if (!box) {
      box = el('div', 'starters');
      box.id = 'starters';
      intro.appendChild(box);
    }
    box.replaceChildren();
    if (total === 0) {
      box.appendChild(el('p', 'starters-empty', 'No documents are indexed in this collection yet, so'
        + ' there is nothing to answer from. ' + (page.mayEdit()
        ? 'Open Documents to add some, or put files in the collection\u2019s folder.'
        : 'Ask whoever runs askdocs to add some.')));
      return;
    }
    const asks = questions(documents);
    if (asks.length === 0) return;
    box.appendChild(el('p', 'starters-lead', 'Try one of these:'));
    const ul = el('ul', 'starter-list');
    for (const text of asks) {
      const li = el('li');
      const button = el('button', 'starter', text);
      button.type = 'button';
      button.addEventListener('click', () => page.ask(text));
      li.appendChild(button);
      ul.appendChild(li);
    }
    box.appendChild(ul);
  }

  window.askdocsStarters = { show };
})();
