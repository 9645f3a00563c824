// askdocs chat page: adding and deleting documents from the documents panel, for callers who may
// edit the collection. Loaded after app.js, whose window.askdocsPage it uses.
//
// Security rule, as in app.js: text from documents, the server or the user is only ever inserted
// with textContent. Never innerHTML.
'use strict';

(function () {
  const page = window.askdocsPage;
  if (!page) return;
  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function uploadAddress() {
    const c = page.collection();
    return 'api/v1/documents' + (c ? '?collection=' + encodeURIComponent(c) : '');
  }

  /** The drop zone and file picker, once, above the list; hidden for readers. */
  function uploader() {
    const pageFigure = $('page-view');
    if (pageFigure) pageFigure.remove();
    let box = $('doc-upload-box');
    if (!box) {
      box = el('div', 'doc-upload');
      box.id = 'doc-upload-box';
      const label = el('label', 'doc-upload-label');
      label.htmlFor = 'doc-upload';
      label.appendChild(el('span', 'doc-upload-title', 'Add documents'));
      label.appendChild(el('span', 'doc-upload-hint', 'Drop files here or choose them'));
      const input = el('input', 'doc-upload-input');
      input.type = 'file';
      input.id = 'doc-upload';
      input.multiple = true;
      input.addEventListener('change', () => {
        uploadAll(Array.from(input.files || []));
        input.value = '';
      });
      const results = el('ul', 'upload-results');
      results.id = 'upload-results';
      results.setAttribute('aria-live', 'polite');
      box.append(label, input, results);
      box.addEventListener('dragover', (event) => {
        event.preventDefault();
        box.classList.add('dragging');
      });
      box.addEventListener('dragleave', () => box.classList.remove('dragging'));
      box.addEventListener('drop', (event) => {
        event.preventDefault();
        box.classList.remove('dragging');
        uploadAll(Array.from((event.dataTransfer && event.dataTransfer.files) || []));
      });
      const library = $('library');
      library.insertBefore(box, $('doc-list'));
    }
    box.hidden = !page.mayEdit();
  }

  /** Each file on its own request, so one bad file is reported and the others still go in. */
  async function uploadAll(files) {
    const results = $('upload-results');
    let added = 0;
    for (const file of files) {
      const row = el('li', 'upload-row');
      const name = el('span', 'upload-name', file.name);
      const bar = el('progress', 'upload-progress');
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute('aria-label', 'Uploading ' + file.name);
      const state = el('span', 'upload-state', 'Uploading…');
      row.append(name, bar, state);
      results.appendChild(row);
      try {
        await upload(file, bar);
        state.textContent = 'Added';
        row.classList.add('done');
        added++;
      } catch (message) {
        state.textContent = String(message);
        row.classList.add('failed');
      }
      bar.remove();
    }
    if (added > 0) page.documentsChanged();
  }

  // XMLHttpRequest, not fetch: it reports upload progress.
  function upload(file, bar) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', uploadAddress());
      const headers = page.headers({ Accept: 'application/json' });
      for (const name of Object.keys(headers)) xhr.setRequestHeader(name, headers[name]);
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) bar.value = Math.round((100 * event.loaded) / event.total);
      });
      xhr.addEventListener('load', () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve();
          return;
        }
        let message = 'refused (HTTP ' + xhr.status + ')';
        try {
          const body = JSON.parse(xhr.responseText);
          if (body && body.error && body.error.message) message = String(body.error.message);
        } catch (e) {
          // Not JSON (a proxy's page): the status code says enough.
        }
        reject(message);
      });
      xhr.addEventListener('error', () => reject('could not reach the server'));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  }

  /** A delete button beside a listed document, asking before it deletes. */
  function decorate(li, doc) {
    if (!page.mayEdit()) return;
    const title = String(doc.title || doc.source || 'this document');
    const del = el('button', 'doc-delete', 'Delete');
    del.type = 'button';
    del.setAttribute('aria-label', 'Delete ' + title);
    del.addEventListener('click', () => {
      const ask = el('div', 'doc-confirm');
      ask.setAttribute('role', 'alertdialog');
      ask.setAttribute('aria-label', 'Delete ' + title + '?');
      ask.appendChild(el('span', 'doc-confirm-text', 'Delete “' + title + '” from the index?'));
      const yes = el('button', 'doc-confirm-yes', 'Delete');
      yes.type = 'button';
      const no = el('button', 'doc-confirm-no', 'Cancel');
      no.type = 'button';
      ask.append(yes, no);
      del.replaceWith(ask);
      no.focus();
      no.addEventListener('click', () => {
        ask.replaceWith(del);
        del.focus();
      });
      yes.addEventListener('click', async () => {
        yes.disabled = true;
        try {
          await page.requestJson('api/v1/documents/' + encodeURIComponent(String(doc.id)), {
            method: 'DELETE',
          });
          page.documentsChanged();
        } catch (e) {
          ask.replaceChildren(el('span', 'doc-confirm-text', 'Not deleted: ' + e.message));
        }
      });
    });
    li.classList.add('doc-row');
    li.appendChild(del);
  }

  /**
   * For a PDF at a known page: a button in the panel's header that shows the page as the server
   * rendered it, the quote highlighted. The image is fetched with the page's credentials and shown
   * as a data: address (the only kind the page's policy allows besides its own files).
   */
  function pageView(doc, pageNumber, quote) {
    const old = $('page-view');
    if (old) old.remove();
    const oldButton = $('page-toggle');
    if (oldButton) oldButton.remove();
    const source = String(doc.source || '');
    if (!/\.pdf$/i.test(source) || !Number.isInteger(Number(pageNumber)) || Number(pageNumber) < 1) return;
    const n = Number(pageNumber);
    const toggle = el('button', 'nav-button page-toggle', 'Show page ' + n);
    toggle.type = 'button';
    toggle.id = 'page-toggle';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', 'page-view');
    const figure = el('figure', 'page-view');
    figure.id = 'page-view';
    figure.hidden = true;
    const text = $('doc-text');
    text.parentNode.insertBefore(figure, text);
    $('doc-meta').append(' ', toggle);
    toggle.addEventListener('click', async () => {
      const open = figure.hidden;
      figure.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = (open ? 'Hide page ' : 'Show page ') + n;
      if (!open || figure.childNodes.length > 0) return;
      figure.appendChild(el('figcaption', 'page-caption', 'Loading page ' + n + '…'));
      const address = 'api/v1/documents/' + encodeURIComponent(String(doc.id)) + '/pages/' + n + '.png'
        + (quote ? '?quote=' + encodeURIComponent(quote.slice(0, 2000)) : '');
      try {
        const response = await fetch(address, { headers: page.headers({ Accept: 'image/png' }) });
        if (!response.ok) throw new Error('HTTP ' + response.status);
        const marked = Number(response.headers.get('X-Highlighted-Runs')) > 0;
        const data = await new Promise((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(reader.result);
          reader.onerror = () => reject(reader.error);
          response.blob().then((b) => reader.readAsDataURL(b), reject);
        });
        const img = el('img', 'page-image');
        img.alt = 'Page ' + n + ' of ' + String(doc.title || source)
          + (marked ? ', the quoted passage highlighted' : '');
        img.src = String(data);
        figure.replaceChildren(img, el('figcaption', 'page-caption',
          'Page ' + n + (marked ? ' · the quoted passage is highlighted' : '')));
      } catch (e) {
        figure.replaceChildren(el('figcaption', 'page-caption error-text',
          'The page could not be shown: ' + e.message));
      }
    });
  }

  window.askdocsDocuments = { listed: uploader, decorate, pageView };
})();
