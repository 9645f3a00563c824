// askdocs chat page. Plain script, no framework, no build step.
//
// Security rule for this file: text that comes from documents, the server or the user is only
// ever inserted with textContent / createTextNode. Never innerHTML, never insertAdjacentHTML.
'use strict';

(function () {
  const TOP_K = 5;
  const HEALTH_POLL_MS = 2000;

  const form = document.getElementById('ask-form');
  const question = document.getElementById('question');
  const send = document.getElementById('send');
  const messages = document.getElementById('messages');
  const status = document.getElementById('status');
  const docView = document.getElementById('doc-view');
  const docTitle = document.getElementById('doc-title');
  const docMeta = document.getElementById('doc-meta');
  const docText = document.getElementById('doc-text');
  const docClose = document.getElementById('doc-close');

  const documentCache = new Map();
  let conversationId = null; // the server remembers this page's questions, for follow-ups
  let pending = false;
  let docRequest = 0;
  let docOpener = null;

  // ---------- small DOM helpers ----------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function str(value) {
    return value === undefined || value === null ? '' : String(value);
  }

  function list(value) {
    return Array.isArray(value) ? value : [];
  }

  function scrollToBottom() {
    messages.scrollTop = messages.scrollHeight;
  }

  // ---------- HTTP ----------

  class ApiError extends Error {
    constructor(message, status, field) {
      super(message);
      this.status = status;
      this.field = field || null;
    }
  }

  function fallbackMessage(httpStatus) {
    if (httpStatus === 503) return 'askdocs is still indexing the documents. Try again in a moment.';
    if (httpStatus === 429) return 'Too many questions at once. Wait a moment and try again.';
    if (httpStatus >= 500) return 'The server failed to answer (HTTP ' + httpStatus + ').';
    return 'The request was refused (HTTP ' + httpStatus + ').';
  }

  async function requestJson(url, options) {
    let response;
    try {
      response = await fetch(url, Object.assign({ headers: { Accept: 'application/json' } }, options));
    } catch (e) {
      throw new ApiError('Could not reach the askdocs server. Is it running?', 0, null);
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      // Not JSON (a proxy error page, an empty body): the status code alone tells what happened.
      body = null;
    }
    if (!response.ok) {
      const error = body && typeof body === 'object' ? body.error : null;
      const message = error && str(error.message).trim() ? str(error.message) : fallbackMessage(response.status);
      throw new ApiError(message, response.status, error ? error.field : null);
    }
    if (!body || typeof body !== 'object') {
      throw new ApiError('The server sent a response this page does not understand.', response.status, null);
    }
    return body;
  }

  // POST api/v1/chat and read its Server-Sent Events as they arrive (EventSource can't POST).
  // Calls handlers.retrieval(event) once, handlers.token(text) per piece, and resolves with the
  // final answer of the "done" event.
  async function streamChat(body, handlers) {
    let response;
    try {
      response = await fetch('api/v1/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError('Could not reach the askdocs server. Is it running?', 0, null);
    }
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
      let parsed = null;
      try {
        parsed = await response.json();
      } catch (e) {
        // Not JSON: the status code alone tells what happened.
        parsed = null;
      }
      if (response.ok && parsed && typeof parsed === 'object' && 'answer' in parsed) return parsed;
      const error = parsed && typeof parsed === 'object' ? parsed.error : null;
      const message = error && str(error.message).trim() ? str(error.message) : fallbackMessage(response.status);
      throw new ApiError(message, response.status, error ? error.field : null);
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new ApiError('The connection to the server broke off before the answer was complete.', 0, null);
      }
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = parseEvent(block);
        if (!event) continue;
        if (event.name === 'retrieval' && handlers.retrieval) handlers.retrieval(event.data);
        else if (event.name === 'token' && handlers.token) handlers.token(str(event.data.text));
        else if (event.name === 'done') return event.data;
        else if (event.name === 'error') {
          const error = event.data && event.data.error;
          throw new ApiError(error && str(error.message) ? str(error.message) : 'The server failed to answer.', 500, null);
        }
      }
    }
    throw new ApiError('The answer was cut off before it was complete.', 0, null);
  }

  // One event block: "event: name" and "data: json" lines; comments (":") and unknown lines skipped.
  function parseEvent(block) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length === 0) return null;
    try {
      return { name, data: JSON.parse(data.join('\n')) };
    } catch (e) {
      return null; // not ours to show: skip the event rather than the whole answer
    }
  }

  // ---------- health line ----------

  async function checkHealth() {
    let next = true;
    try {
      const health = await requestJson('health');
      if (health.status === 'ready') {
        next = false;
        showStatus('Ready', 'ready');
        await showDocumentCount();
      } else {
        showStatus('Indexing documents…', 'starting');
      }
    } catch (e) {
      showStatus(e.status === 503 ? 'Indexing documents…' : 'Server unreachable', e.status === 503 ? 'starting' : 'down');
    }
    if (next) setTimeout(checkHealth, HEALTH_POLL_MS);
  }

  async function showDocumentCount() {
    try {
      const body = await requestJson('api/v1/documents');
      const count = list(body.documents).length;
      showStatus('Ready · ' + count + (count === 1 ? ' document' : ' documents'), 'ready');
    } catch (e) {
      // The count is decoration: health already said the server is ready, so keep "Ready".
      showStatus('Ready', 'ready');
    }
  }

  function showStatus(text, state) {
    if (status.textContent !== text) status.textContent = text;
    status.dataset.state = state;
  }

  // ---------- asking ----------

  function setPending(value) {
    pending = value;
    send.disabled = value;
    messages.setAttribute('aria-busy', value ? 'true' : 'false');
  }

  async function ask(text) {
    removeIntro();
    question.removeAttribute('aria-invalid');
    const asked = el('div', 'message user', text);
    messages.appendChild(asked);
    const thinking = el('div', 'message thinking');
    thinking.setAttribute('role', 'status');
    const dots = el('span', 'thinking-dots');
    dots.setAttribute('aria-hidden', 'true');
    dots.append(el('span'), el('span'), el('span'));
    thinking.appendChild(dots);
    thinking.appendChild(el('span', 'thinking-text', 'Searching the documents…'));
    messages.appendChild(thinking);
    scrollToBottom();
    setPending(true);
    let live = null;
    let liveText = null;
    let reply;
    try {
      const answer = await streamChat(
        { question: text, topK: TOP_K, conversationId: conversationId },
        {
          retrieval(event) {
            if (event && event.conversationId) conversationId = str(event.conversationId);
            const note = thinking.querySelector('.thinking-text');
            if (note) note.textContent = 'Writing the answer…';
          },
          // Text as it is written; the final answer (with its checked citations) replaces it.
          token(piece) {
            if (!live) {
              live = el('article', 'message assistant streaming');
              live.setAttribute('aria-label', 'Answer being written');
              live.setAttribute('aria-busy', 'true');
              liveText = el('p', 'stream-text');
              live.appendChild(liveText);
              thinking.replaceWith(live);
            }
            liveText.appendChild(document.createTextNode(piece));
            scrollToBottom();
          },
        });
      if (answer.conversationId) conversationId = str(answer.conversationId);
      reply = renderAnswer(answer);
    } catch (e) {
      reply = renderError(e);
      if (!question.value) question.value = text;
      if (e.field === 'question') question.setAttribute('aria-invalid', 'true');
    } finally {
      setPending(false);
    }
    (live || thinking).replaceWith(reply);
    revealReply(asked, reply);
  }

  // Shows the whole reply when it fits; otherwise keeps the question and the reply's start in view.
  function revealReply(asked, reply) {
    scrollToBottom();
    if (reply.getBoundingClientRect().top < messages.getBoundingClientRect().top) {
      asked.scrollIntoView({ block: 'start' });
    }
  }

  function removeIntro() {
    const intro = document.getElementById('intro');
    if (intro) intro.remove();
  }

  function submit() {
    const text = question.value.trim();
    if (pending) return;
    if (!text) {
      question.focus();
      return;
    }
    question.value = '';
    ask(text);
  }

  // ---------- rendering answers ----------

  function renderError(error) {
    const box = el('div', 'message error');
    box.setAttribute('role', 'alert');
    box.appendChild(el('span', 'error-label', 'Error: '));
    box.appendChild(el('span', 'error-text', error && error.message ? error.message : 'Something went wrong.'));
    return box;
  }

  function renderAnswer(answer) {
    const abstained = answer.abstained === true;
    const box = el('article', abstained ? 'message assistant abstained' : 'message assistant');
    if (abstained) {
      box.setAttribute('aria-label', 'No answer found in the documents');
      box.appendChild(el('p', 'abstain-label', 'Not found in your documents'));
    } else {
      box.setAttribute('aria-label', 'Answer');
    }

    const citations = new Map();
    for (const c of list(answer.citations)) citations.set(Number(c.n), c);

    const searched = str(answer.searchedQuestion);
    if (searched && searched !== str(answer.question)) box.appendChild(el('p', 'searched', 'Searched for: ' + searched));

    const textEl = el('p', 'answer-text');
    appendWithMarkers(textEl, str(answer.answer), abstained ? new Map() : citations);
    box.appendChild(textEl);

    if (str(answer.notice)) {
      const notice = el('p', 'notice', answer.notice);
      notice.setAttribute('role', 'note');
      box.appendChild(notice);
    }
    const unsupported = list(answer.unsupportedClaims);
    if (!abstained && unsupported.length > 0) box.appendChild(renderUnsupported(unsupported));

    if (!abstained && citations.size > 0) box.appendChild(renderSources(list(answer.citations)));
    const seeAlso = list(answer.seeAlso);
    if (abstained && seeAlso.length > 0) box.appendChild(renderSeeAlso(seeAlso));

    const total = answer.timingsMs && Number(answer.timingsMs.total);
    const by = answer.answeredBy === 'llm' ? 'written by a language model from the sources' : '';
    if (Number.isFinite(total)) box.appendChild(el('p', 'meta', [Math.round(total) + ' ms', by].filter(Boolean).join(' · ')));
    return box;
  }

  function renderUnsupported(claims) {
    const section = el('section', 'unsupported-block');
    section.setAttribute('aria-label', 'Statements the sources do not support');
    section.appendChild(el('h3', 'block-heading', 'Not supported by the cited sources'));
    const ul = el('ul', 'unsupported-claims');
    for (const claim of claims) ul.appendChild(el('li', null, claim));
    section.appendChild(ul);
    return section;
  }

  // Splits the answer on [n] (and [n, m]) markers; markers that name a known citation become buttons.
  function appendWithMarkers(parent, text, citations) {
    const pattern = /\[(\d+(?:\s*,\s*\d+)*)\]/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      const numbers = match[1].split(',').map((s) => Number(s.trim()));
      if (!numbers.every((n) => citations.has(n))) continue;
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      for (const n of numbers) parent.appendChild(citeButton(citations.get(n)));
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function citeButton(citation) {
    const button = el('button', 'cite', '[' + citation.n + ']');
    button.type = 'button';
    button.dataset.n = str(citation.n);
    button.setAttribute('aria-label', 'Source ' + citation.n + ': ' + titleOf(citation));
    button.title = titleOf(citation);
    button.addEventListener('click', () => openCitation(citation, button));
    return button;
  }

  function renderSources(citations) {
    const section = el('section', 'sources-block');
    section.setAttribute('aria-label', 'Sources');
    section.appendChild(el('h3', 'block-heading', 'Sources'));
    const ol = el('ol', 'sources');
    for (const citation of citations) {
      const li = el('li');
      const button = el('button', citation.supported === false ? 'source unsupported' : 'source');
      button.type = 'button';
      button.dataset.n = str(citation.n);
      button.appendChild(el('span', 'source-n', '[' + citation.n + ']'));
      button.appendChild(el('span', 'source-title', titleOf(citation)));
      if (citation.supported === false) button.appendChild(el('span', 'source-warning', 'does not support every statement citing it'));
      button.appendChild(el('span', 'source-file', whereOf(citation.source, citation.page)));
      if (str(citation.quote)) button.appendChild(el('q', 'source-quote', citation.quote));
      button.addEventListener('click', () => openCitation(citation, button));
      li.appendChild(button);
      ol.appendChild(li);
    }
    section.appendChild(ol);
    return section;
  }

  function renderSeeAlso(passages) {
    const section = el('section', 'see-also-block');
    section.setAttribute('aria-label', 'Closest passages');
    section.appendChild(el('h3', 'block-heading', 'Closest passages'));
    section.appendChild(el('p', 'see-also-note', 'These passages were the nearest matches. They do not answer the question.'));
    const ol = el('ol', 'see-also');
    for (const passage of passages) {
      const li = el('li');
      const button = el('button', 'passage');
      button.type = 'button';
      button.appendChild(el('span', 'source-title', titleOf(passage)));
      button.appendChild(el('span', 'source-file', whereOf(passage.source, null)));
      if (str(passage.text)) button.appendChild(el('span', 'passage-text', passage.text));
      button.addEventListener('click', () => openPassage(passage, button));
      li.appendChild(button);
      ol.appendChild(li);
    }
    section.appendChild(ol);
    return section;
  }

  function titleOf(item) {
    return str(item.title) || str(item.source) || str(item.documentId) || 'Untitled document';
  }

  function whereOf(source, page) {
    const parts = [];
    if (str(source)) parts.push(str(source));
    if (page !== null && page !== undefined) parts.push('page ' + page);
    return parts.join(' · ');
  }

  // ---------- document view ----------

  function openCitation(citation, opener) {
    openDocument(str(citation.documentId), opener, (doc) => ({
      range: locate(doc.text, citation.start, citation.end, str(citation.quote)),
      page: citation.page,
    }));
  }

  function openPassage(passage, opener) {
    openDocument(str(passage.documentId), opener, (doc) => ({
      range: locate(doc.text, passage.start, passage.end, str(passage.text)),
      page: null,
    }));
  }

  // Offsets from the server are UTF-16 indexes into the document text (Java and JS agree);
  // when they are missing or out of range, fall back to finding the quoted text itself.
  function locate(text, start, end, quote) {
    if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= text.length) {
      return { start, end };
    }
    // Passages may be cut short with an ellipsis and have their line breaks collapsed, so drop
    // the ellipsis and match any run of whitespace; failing that, show where the passage starts.
    const words = quote.replace(/^(\u2026|\.\.\.)|(\u2026|\.\.\.)$/g, '').split(/\s+/).filter(Boolean);
    return find(text, words) || (words.length > 12 ? find(text, words.slice(0, 12)) : null);
  }

  function find(text, words) {
    if (words.length === 0) return null;
    const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const match = new RegExp(escaped.join('\\s+')).exec(text);
    return match ? { start: match.index, end: match.index + match[0].length } : null;
  }

  // A link such as ?doc=<id>&start=<n>&end=<n> (from Slack or Mattermost) opens that document at
  // that passage; without usable offsets it opens the document at its start.
  function openFromAddress() {
    const params = new URLSearchParams(window.location.search);
    const id = params.get('doc');
    if (!id) return;
    const start = Number(params.get('start'));
    const end = Number(params.get('end'));
    openDocument(id, null, (doc) => ({ range: locate(str(doc.text), start, end, ''), page: null }));
  }

  function pageAt(pageStarts, offset) {
    let page = null;
    pageStarts.forEach((startOfPage, i) => {
      if (startOfPage <= offset) page = i + 1;
    });
    return page;
  }

  async function openDocument(id, opener, where) {
    const request = ++docRequest;
    docOpener = opener;
    showPanel();
    docTitle.textContent = 'Loading…';
    docMeta.textContent = '';
    docText.replaceChildren();
    try {
      let doc = documentCache.get(id);
      if (!doc) {
        doc = await requestJson('api/v1/documents/' + encodeURIComponent(id));
        documentCache.set(id, doc);
      }
      if (request !== docRequest) return; // a later click won
      renderDocument(doc, where(doc));
    } catch (e) {
      if (request !== docRequest) return;
      docTitle.textContent = 'Document unavailable';
      docText.replaceChildren(el('p', 'error-text', e.message));
    }
  }

  function renderDocument(doc, spot) {
    const text = str(doc.text);
    docTitle.textContent = str(doc.title) || str(doc.source) || 'Untitled document';
    const range = spot.range;
    let page = spot.page;
    if ((page === null || page === undefined) && range) page = pageAt(list(doc.pageStarts), range.start);
    docMeta.textContent = whereOf(doc.source, page);

    if (!range) {
      docText.replaceChildren(document.createTextNode(text));
      docText.scrollTop = 0;
      return;
    }
    const mark = el('mark', 'quote', text.slice(range.start, range.end));
    docText.replaceChildren(document.createTextNode(text.slice(0, range.start)), mark,
      document.createTextNode(text.slice(range.end)));
    mark.scrollIntoView({ block: 'center' });
  }

  function showPanel() {
    docView.hidden = false;
    document.body.classList.add('doc-open');
    docView.focus();
  }

  function closePanel() {
    if (docView.hidden) return;
    docRequest++;
    docView.hidden = true;
    document.body.classList.remove('doc-open');
    if (docOpener && docOpener.isConnected) docOpener.focus();
    else question.focus();
    docOpener = null;
  }

  // ---------- events ----------

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });

  question.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });

  question.addEventListener('input', () => question.removeAttribute('aria-invalid'));
  docClose.addEventListener('click', closePanel);

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !docView.hidden) {
      event.preventDefault();
      closePanel();
    }
  });

  checkHealth();
  question.focus();
  openFromAddress();
})();
