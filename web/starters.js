// askdocs chat page: questions to start an empty conversation with, as the server offers them
// (GET api/v1/starters: configured, or made from the titles and headings of the documents the
// caller may read; no model involved), and an honest word when there are no documents.
// Loaded after app.js, whose window.askdocsPage it uses. Text only through textContent.
'use strict';

(function () {
  const page = window.askdocsPage;
  if (!page) return;
  const MAX = 8;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** The questions the server offers for the collection: configured, or from titles and headings. */
  async function questions() {
    const name = page.collection();
    const address = 'api/v1/starters' + (name ? '?collection=' + encodeURIComponent(name) : '');
    try {
      const body = await page.requestJson(address);
      return (Array.isArray(body.questions) ? body.questions : [])
        .map((q) => String(q || '').trim()).filter((q) => q).slice(0, MAX);
    } catch (e) {
      return []; // starters are an offer: without them the page still works
    }
  }

  let shown = 0;

  async function show(total) {
    const intro = document.getElementById('intro');
    if (!intro) return;
    let box = document.getElementById('starters');
    if (!box) {
      box = el('div', 'starters');
      box.id = 'starters';
      intro.appendChild(box);
    }
    const mine = ++shown;
    box.replaceChildren();
    if (total === 0) {
      box.appendChild(el('p', 'starters-empty', 'No documents are indexed in this collection yet, so'
        + ' there is nothing to answer from. ' + (page.mayEdit()
        ? 'Open Documents to add some, or put files in the collection\u2019s folder.'
        : 'Ask whoever runs askdocs to add some.')));
      return;
    }
    const asks = await questions();
    // A later call (another collection picked meanwhile) owns the box now.
    if (mine !== shown || asks.length === 0) return;
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
