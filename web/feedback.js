// askdocs chat page: the feedback review for admins (every collection): readers' thumbs-down (or
// up) answers with question, answer, citations and comment, filtered, and exported as CSV. The
// button shows only when the server lets the caller read feedback. Text only through textContent.
'use strict';

(function () {
  const page = window.askdocsPage;
  if (!page) return;
  const $ = (id) => document.getElementById(id);
  let view = null;
  let timer = null;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function address(format) {
    const params = new URLSearchParams();
    const rating = $('feedback-rating').value;
    if (rating) params.set('rating', rating);
    const q = $('feedback-search').value.trim();
    if (q) params.set('q', q);
    if (format) params.set('format', format);
    return 'api/v1/admin/feedback?' + params.toString();
  }

  function build() {
    view = el('section', 'feedback-view');
    view.id = 'feedback-view';
    view.hidden = true;
    view.setAttribute('aria-labelledby', 'feedback-title');
    view.tabIndex = -1;
    const head = el('header', 'feedback-header');
    head.appendChild(el('h2', 'feedback-title', 'Feedback'));
    head.firstChild.id = 'feedback-title';
    const close = el('button', 'doc-close', '✕');
    close.type = 'button';
    close.id = 'feedback-close';
    close.setAttribute('aria-label', 'Close feedback');
    close.addEventListener('click', hide);
    head.appendChild(close);
    const filters = el('div', 'feedback-filters');
    const ratingLabel = el('label', 'feedback-label', 'Rating ');
    const rating = el('select', 'top-select');
    rating.id = 'feedback-rating';
    for (const [value, text] of [['down', 'Thumbs down'], ['up', 'Thumbs up'], ['', 'All']]) {
      const o = el('option', null, text);
      o.value = value;
      rating.appendChild(o);
    }
    ratingLabel.appendChild(rating);
    const searchLabel = el('label', 'visually-hidden', 'Search feedback');
    searchLabel.htmlFor = 'feedback-search';
    const search = el('input', 'doc-search');
    search.id = 'feedback-search';
    search.type = 'search';
    search.placeholder = 'Search questions, answers, comments';
    const csv = el('button', 'nav-button', 'Export CSV');
    csv.type = 'button';
    csv.id = 'feedback-csv';
    csv.addEventListener('click', exportCsv);
    filters.append(ratingLabel, searchLabel, search, csv);
    const count = el('p', 'library-count');
    count.id = 'feedback-count';
    count.setAttribute('aria-live', 'polite');
    const items = el('ol', 'feedback-list');
    items.id = 'feedback-list';
    view.append(head, filters, count, items);
    document.body.appendChild(view);
    rating.addEventListener('change', load);
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    view.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        hide();
      }
    });
  }

  async function load() {
    const count = $('feedback-count');
    const items = $('feedback-list');
    try {
      const body = await page.requestJson(address());
      const list = Array.isArray(body.feedback) ? body.feedback : [];
      const total = Number(body.total) || 0;
      count.textContent = total + (total === 1 ? ' answer' : ' answers')
        + (list.length < total ? ' · showing the newest ' + list.length : '');
      items.replaceChildren();
      for (const f of list) items.appendChild(item(f));
    } catch (e) {
      count.textContent = 'Could not read the feedback: ' + e.message;
    }
  }

  function item(f) {
    const li = el('li', 'feedback-item');
    const when = new Date(Date.parse(String(f.at)));
    li.appendChild(el('p', 'feedback-meta', (f.rating === 'down' ? 'Thumbs down' : 'Thumbs up')
      + (Number.isFinite(when.getTime()) ? ' · ' + when.toLocaleString() : '')
      + (f.abstained ? ' · abstained' : '')));
    li.appendChild(el('p', 'feedback-question', String(f.question || '')));
    li.appendChild(el('p', 'feedback-answer', String(f.answer || '')));
    const cites = Array.isArray(f.citations) ? f.citations : [];
    if (cites.length > 0) {
      const ul = el('ul', 'feedback-citations');
      for (const c of cites) {
        ul.appendChild(el('li', null, '[' + c.n + '] ' + String(c.title || c.source || '')
          + (c.quote ? ': “' + String(c.quote) + '”' : '')));
      }
      li.appendChild(ul);
    }
    if (f.comment) li.appendChild(el('p', 'feedback-comment', 'Comment: ' + String(f.comment)));
    return li;
  }

  async function exportCsv() {
    try {
      const response = await fetch(address('csv'), { headers: page.headers({ Accept: 'text/csv' }) });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const url = URL.createObjectURL(await response.blob());
      const a = el('a');
      a.href = url;
      a.download = 'askdocs-feedback.csv';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      $('feedback-count').textContent = 'Could not export: ' + e.message;
    }
  }

  let opener = null;

  function show() {
    if (!view) build();
    opener = document.activeElement;
    view.hidden = false;
    document.body.classList.add('feedback-open');
    $('feedback-rating').focus();
    load();
  }

  function hide() {
    view.hidden = true;
    document.body.classList.remove('feedback-open');
    if (opener && opener.isConnected) opener.focus();
  }

  /** The Feedback button, for a caller the server lets read feedback. */
  async function offer() {
    try {
      await page.requestJson('api/v1/admin/feedback?limit=1');
    } catch (e) {
      return; // not an admin of every collection (or no server): no button
    }
    if ($('feedback-button')) return;
    const button = el('button', 'top-button', 'Feedback');
    button.type = 'button';
    button.id = 'feedback-button';
    button.addEventListener('click', show);
    const actions = document.querySelector('.top-actions');
    actions.insertBefore(button, $('new-conversation'));
  }

  window.askdocsFeedback = { offer };
})();
