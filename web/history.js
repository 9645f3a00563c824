// askdocs chat page: the conversation history sidebar and the controls on questions and answers
// (stop, regenerate, edit, copy is app.js's). Plain script, loaded before app.js, which it talks to
// through window.askdocsPage. Text from the server is only ever inserted with textContent.
'use strict';

(function () {
  const BROWSER_KEY = 'askdocs.browserId';

  // Whose conversations these are when nobody signs in: a random id this browser keeps.
  function browserId() {
    try {
      let id = window.localStorage.getItem(BROWSER_KEY);
      if (!id || !/^[A-Za-z0-9-]{8,64}$/.test(id)) {
        id = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID()
          : 'b' + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
        window.localStorage.setItem(BROWSER_KEY, id);
      }
      return id;
    } catch (e) {
      return null; // storage blocked: the server's own caller identity is used
    }
  }

  window.askdocsHistory = { browserId: browserId() };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text, label) {
    const b = el('button', className, text);
    b.type = 'button';
    if (label) b.setAttribute('aria-label', label);
    return b;
  }

  async function api(path, options) {
    const page = window.askdocsPage;
    const opts = Object.assign({}, options);
    opts.headers = page.headers(Object.assign({ Accept: 'application/json' }, opts.headers));
    const response = await fetch(path, opts);
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const type = response.headers.get('Content-Type') || '';
    return type.startsWith('application/json') ? response.json() : response.text();
  }

  function start() {
    const page = window.askdocsPage;
    const layout = document.querySelector('.layout');
    const messages = document.getElementById('messages');
    if (!page || !layout || !messages) return;

    // ---------- the sidebar ----------
    const side = el('nav', 'history');
    side.id = 'history';
    side.setAttribute('aria-label', 'Conversations');
    const box = el('details', 'history-box');
    box.open = !window.matchMedia('(max-width: 760px)').matches;
    const heading = el('summary', 'history-title', 'Conversations');
    const search = el('input', 'history-search');
    search.type = 'search';
    search.id = 'history-search';
    search.setAttribute('aria-label', 'Search conversations');
    search.placeholder = 'Search conversations';
    const items = el('ul', 'history-list');
    items.id = 'history-list';
    const tools = el('div', 'history-tools');
    const exportMd = el('a', 'history-link', 'Export all (Markdown)');
    const exportJson = el('a', 'history-link', 'Export all (JSON)');
    const deleteAll = button('history-delete-all', 'Delete all', 'Delete all conversations');
    tools.append(exportMd, exportJson, deleteAll);
    box.append(heading, search, items, tools);
    side.appendChild(box);
    layout.insertBefore(side, layout.firstChild);
    layout.classList.add('has-history');

    async function download(path, name) {
      const text = await api(path, { headers: { Accept: '*/*' } });
      const blob = new Blob([typeof text === 'string' ? text : JSON.stringify(text, null, 2)],
        { type: name.endsWith('.md') ? 'text/markdown' : 'application/json' });
      const a = el('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
    }
    exportMd.href = '#';
    exportJson.href = '#';
    exportMd.addEventListener('click', (e) => { e.preventDefault(); download('api/v1/conversations/export?format=md', 'conversations.md'); });
    exportJson.addEventListener('click', (e) => { e.preventDefault(); download('api/v1/conversations/export?format=json', 'conversations.json'); });
    deleteAll.addEventListener('click', async () => {
      if (!window.confirm('Delete all your conversations?')) return;
      await api('api/v1/conversations', { method: 'DELETE' });
      page.newConversation();
      refresh();
    });

    function row(c) {
      const li = el('li', 'history-item');
      li.dataset.id = c.id;
      if (c.id === page.conversationId()) li.classList.add('current');
      const open = button('history-open', c.title, null);
      open.addEventListener('click', async () => {
        page.show(await api('api/v1/conversations/' + encodeURIComponent(c.id)));
        refresh();
      });
      const rename = button('history-rename', 'Rename', 'Rename “' + c.title + '”');
      rename.addEventListener('click', () => renameIn(li, c));
      const md = button('history-export', 'Export', 'Export “' + c.title + '” as Markdown');
      md.addEventListener('click', () => download('api/v1/conversations/' + encodeURIComponent(c.id) + '/export?format=md', 'conversation.md'));
      const del = button('history-delete', 'Delete', 'Delete “' + c.title + '”');
      del.addEventListener('click', async () => {
        await api('api/v1/conversations/' + encodeURIComponent(c.id), { method: 'DELETE' });
        if (c.id === page.conversationId()) page.newConversation();
        refresh();
      });
      const actions = el('div', 'history-actions');
      actions.append(rename, md, del);
      li.append(open, actions);
      return li;
    }

    function renameIn(li, c) {
      const f = el('form', 'history-rename-form');
      const input = el('input', 'history-title-input');
      input.value = c.title;
      input.maxLength = 200;
      input.setAttribute('aria-label', 'New title');
      const save = el('button', 'history-save', 'Save');
      save.type = 'submit';
      f.append(input, save);
      li.replaceChildren(f);
      input.focus();
      f.addEventListener('submit', async (e) => {
        e.preventDefault();
        if (input.value.trim()) {
          await api('api/v1/conversations/' + encodeURIComponent(c.id), {
            method: 'PATCH', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ title: input.value.trim() }),
          });
        }
        refresh();
      });
    }

    let searchTimer = null;
    async function refresh() {
      const q = search.value.trim();
      let body;
      try {
        body = await api('api/v1/conversations?limit=50' + (q ? '&q=' + encodeURIComponent(q) : ''));
      } catch (e) {
        return; // not ready or not allowed yet: the list stays as it was
      }
      items.replaceChildren(...(body.conversations || []).map(row));
      if (!items.children.length) items.appendChild(el('li', 'history-empty', q ? 'No conversation matches.' : 'No conversations yet.'));
    }
    search.addEventListener('input', () => {
      window.clearTimeout(searchTimer);
      searchTimer = window.setTimeout(refresh, 250);
    });

    // ---------- stop, regenerate, edit ----------
    const send = document.getElementById('send');
    const stop = button('stop', 'Stop', 'Stop the answer');
    stop.id = 'stop';
    stop.hidden = true;
    send.insertAdjacentElement('afterend', stop);
    stop.addEventListener('click', () => page.stop());

    function turnIndex(userMessage) {
      return Array.from(messages.querySelectorAll('.message.user')).indexOf(userMessage);
    }

    // Each question gets Edit, the last answer Regenerate; after an answer the list is refreshed.
    function decorate() {
      const busy = page.pending();
      stop.hidden = !busy;
      for (const q of messages.querySelectorAll('.message.user:not([data-decorated])')) {
        q.dataset.decorated = '1';
        const edit = button('edit-question', 'Edit', 'Edit this question and ask again');
        edit.addEventListener('click', () => editQuestion(q, edit));
        q.insertAdjacentElement('afterend', edit);
      }
      for (const old of messages.querySelectorAll('.regenerate')) old.remove();
      const answers = messages.querySelectorAll('.message.assistant:not(.streaming)');
      const last = answers[answers.length - 1];
      if (!busy && last && last === messages.lastElementChild) {
        const users = messages.querySelectorAll('.message.user');
        const q = users[users.length - 1];
        const again = button('regenerate', 'Regenerate', 'Regenerate the last answer');
        again.addEventListener('click', () => ask(q, questionText(q)));
        (last.querySelector('.answer-actions') || last).appendChild(again);
      }
    }

    function questionText(q) {
      return q.textContent;
    }

    // Asking from turn n cuts the conversation there: the page drops what followed, as the server does.
    function ask(q, text) {
      const n = turnIndex(q);
      let node = q;
      while (node) {
        const next = node.nextElementSibling;
        node.remove();
        node = next;
      }
      page.ask(text, n);
    }

    function editQuestion(q, edit) {
      const f = el('form', 'edit-form');
      const area = el('textarea', 'edit-text');
      area.value = questionText(q);
      area.rows = 2;
      area.setAttribute('aria-label', 'Edited question');
      const resend = el('button', 'edit-send', 'Send');
      resend.type = 'submit';
      const cancel = button('edit-cancel', 'Cancel', null);
      f.append(area, resend, cancel);
      q.hidden = true;
      edit.hidden = true;
      edit.insertAdjacentElement('afterend', f);
      area.focus();
      cancel.addEventListener('click', () => { f.remove(); q.hidden = false; edit.hidden = false; });
      f.addEventListener('submit', (e) => {
        e.preventDefault();
        const text = area.value.trim();
        if (!text) return;
        f.remove();
        ask(q, text);
      });
    }

    let wasBusy = false;
    new MutationObserver(() => {
      decorate();
      const busy = page.pending();
      if (wasBusy && !busy) refresh();
      wasBusy = busy;
    }).observe(messages, { childList: true, attributes: true, attributeFilter: ['aria-busy'] });
    document.getElementById('new-conversation').addEventListener('click', () => window.setTimeout(refresh, 0));
    decorate();
    refresh();
  }

  document.addEventListener('DOMContentLoaded', start);
})();
