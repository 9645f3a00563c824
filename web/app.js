// askdocs chat page. Plain script, no framework, no build step.
//
// Security rule for this file: text that comes from documents, the server or the user is only
// ever inserted with textContent / createTextNode. Never innerHTML, never insertAdjacentHTML.
'use strict';

(function () {
  // No topK: the server's ASKDOCS_TOP_K decides how many passages an answer draws on.
  const HEALTH_POLL_MS = 2000;
  const HISTORY_KEY = 'askdocs.history';
  const API_KEY = 'askdocs.apiKey';
  const MAX_TURNS_KEPT = 30;
  const SVG = 'http://www.w3.org/2000/svg';
  // Material Design "thumb up" (Apache 2.0); "thumb down" is the same shape turned over.
  const THUMB = 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06'
    + 'L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05'
    + 'c.09-.23.14-.47.14-.73v-2z';

  const $ = (id) => document.getElementById(id);
  const form = $('ask-form');
  const question = $('question');
  const send = $('send');
  const messages = $('messages');
  const picker = $('collection');
  const pickerLabel = $('collection-picker');
  // The collection questions and the documents list use: the caller's default until it picks one.
  let collection = null;
  const announcer = $('announcer');
  const status = $('status');
  const docView = $('doc-view');
  const docTitle = $('doc-title');
  const docMeta = $('doc-meta');
  const docText = $('doc-text');
  const docNav = $('doc-nav');
  const docBack = $('doc-back');
  const citePrev = $('cite-prev');
  const citeNext = $('cite-next');
  const citePosition = $('cite-position');
  const library = $('library');
  const docSearch = $('doc-search');
  const docList = $('doc-list');
  const libraryCount = $('library-count');
  const docsButton = $('docs-button');
  const keyForm = $('key-form');
  const keyInput = $('api-key');
  const keyReason = $('key-reason');
  const tip = $('cite-tip');

  const documentCache = new Map();
  let history = loadHistory(); // { conversationId, turns: [{ question, answer, rating }] }
  let pending = false;
  let stopper = null; // aborts the answer being streamed (the Stop button, history.js)
  let healthTimer = null;
  let docRequest = 0;
  let docOpener = null;
  let cited = null; // { citations, index } while the panel shows an answer's sources
  let documents = null; // the documents listed so far (a page or more), once loaded
  let documentsTotal = 0; // how many match the search, as the server counted them
  let documentsNext = null; // the cursor of the next page, null on the last
  let searchTimer = null;
  let roles = new Map(); // the caller's role in each collection it may read
  let runningIngest = null; // the server's running ingest, as the documents list last said
  const afterKey = new Map(); // what to do again once an API key is entered, by what it is
  const who = $('who');
  const signIn = $('sign-in');
  const signOut = $('sign-out');
  let csrfToken = null; // the signed-in session's token, sent with requests that change something
  let signInOffered = false; // the server signs people in (OpenID Connect)

  // ---------- small helpers ----------

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

  function icon(path, className) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', className);
    const p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', path);
    svg.appendChild(p);
    return svg;
  }

  function scrollToBottom() {
    messages.scrollTop = messages.scrollHeight;
  }

  function announce(text) {
    announcer.textContent = '';
    // A new text node after clearing makes screen readers read it even when it repeats.
    window.setTimeout(() => { announcer.textContent = text; }, 50);
  }

  // ---------- session history (this browser tab only) ----------

  function loadHistory() {
    try {
      const saved = JSON.parse(window.sessionStorage.getItem(HISTORY_KEY) || 'null');
      if (saved && Array.isArray(saved.turns)) return saved;
    } catch (e) {
      // Unreadable or blocked storage: start a fresh conversation rather than fail the page.
    }
    return { conversationId: null, turns: [] };
  }

  function saveHistory() {
    history.turns = history.turns.slice(-MAX_TURNS_KEPT);
    try {
      window.sessionStorage.setItem(HISTORY_KEY, JSON.stringify(history));
    } catch (e) {
      // Storage full or blocked: the conversation still works, it just won't survive a reload.
    }
  }

  // ---------- HTTP ----------

  class ApiError extends Error {
    constructor(message, status, field, code, retryAfter) {
      super(message);
      this.status = status;
      this.field = field || null;
      this.code = code || null;
      this.retryAfter = retryAfter || null; // seconds, when the server said when to retry
    }
  }

  function apiKey() {
    try {
      return window.sessionStorage.getItem(API_KEY) || '';
    } catch (e) {
      return '';
    }
  }

  function headers(extra) {
    const h = Object.assign({}, extra);
    const key = apiKey();
    if (key) h.Authorization = 'Bearer ' + key;
    if (csrfToken) h['X-CSRF-Token'] = csrfToken;
    // history.js: whose conversations these are when nobody signs in (this browser's own id).
    if (window.askdocsHistory && window.askdocsHistory.browserId) h['X-Askdocs-Browser'] = window.askdocsHistory.browserId;
    return h;
  }

  function retryAfterSeconds(response) {
    const raw = str(response.headers.get('Retry-After')).trim();
    if (!raw) return null;
    if (/^\d+$/.test(raw)) return Math.max(1, Number(raw));
    const at = Date.parse(raw);
    return Number.isFinite(at) ? Math.max(1, Math.ceil((at - Date.now()) / 1000)) : null;
  }

  function fallbackMessage(httpStatus) {
    if (httpStatus === 401) return 'This askdocs server needs an API key.';
    if (httpStatus === 403) return 'The API key was not accepted.';
    if (httpStatus === 429) return 'Too many questions right now.';
    if (httpStatus === 503) return 'askdocs is busy or still indexing the documents.';
    if (httpStatus >= 500) return 'The server failed to answer (HTTP ' + httpStatus + ').';
    return 'The request was refused (HTTP ' + httpStatus + ').';
  }

  function unreachable() {
    return new ApiError('Could not reach the askdocs server. Is it running?', 0, null, 'unreachable');
  }

  async function errorFrom(response) {
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null; // Not JSON (a proxy error page, an empty body): the status code tells enough.
    }
    const error = body && typeof body === 'object' ? body.error : null;
    const message = error && str(error.message).trim() ? str(error.message) : fallbackMessage(response.status);
    return new ApiError(message, response.status, error ? error.field : null, error ? str(error.code) : null,
      retryAfterSeconds(response));
  }

  async function requestJson(url, options) {
    let response;
    try {
      const opts = Object.assign({}, options);
      opts.headers = headers(Object.assign({ Accept: 'application/json' }, opts.headers));
      response = await fetch(url, opts);
    } catch (e) {
      throw unreachable();
    }
    if (!response.ok) throw await errorFrom(response);
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!body || typeof body !== 'object') {
      throw new ApiError('The server sent a response this page does not understand.', response.status);
    }
    return body;
  }

  // POST api/v1/chat and read its Server-Sent Events as they arrive (EventSource can't POST).
  // Calls handlers.retrieval(event) once, handlers.token(text) per piece, and resolves with the
  // final answer of the "done" event.
  async function streamChat(body, handlers) {
    let response;
    stopper = new AbortController();
    try {
      response = await fetch('api/v1/chat', {
        signal: stopper.signal,
        method: 'POST',
        headers: headers({ 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw unreachable();
    }
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok) throw await errorFrom(response);
    if (!type.startsWith('text/event-stream') || !response.body) {
      let parsed = null;
      try {
        parsed = await response.json();
      } catch (e) {
        parsed = null;
      }
      if (parsed && typeof parsed === 'object' && 'answer' in parsed) return parsed;
      throw new ApiError('The server sent a response this page does not understand.', response.status);
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new ApiError('The connection to the server broke off before the answer was complete.', 0,
          null, 'unreachable');
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
          throw new ApiError(error && str(error.message) ? str(error.message) : 'The server failed to answer.', 500);
        }
      }
    }
    throw new ApiError('The answer was cut off before it was complete.', 0, null, 'unreachable');
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

  // ---------- status line ----------

  function pollHealth(delay) {
    window.clearTimeout(healthTimer);
    healthTimer = window.setTimeout(checkHealth, delay || 0);
  }

  async function checkHealth() {
    let again = true;
    try {
      const health = await requestJson('health');
      if (typeof health.version === 'string') $('version').textContent = 'askdocs ' + health.version;
      if (health.status === 'ready') {
        again = false;
        showStatus('Ready', 'ready');
        await loadCollections();
        await showDocumentCount();
        if (window.askdocsFeedback) window.askdocsFeedback.offer();
      } else {
        showStatus('Indexing documents…', 'starting');
      }
    } catch (e) {
      if (e.status === 503) showStatus(e.code === 'failed' ? 'Start-up failed' : 'Indexing documents…', 'starting');
      else showStatus('Server unreachable', 'down');
    }
    if (again) pollHealth(HEALTH_POLL_MS);
  }

  function documentsAddress(query, cursor) {
    const params = new URLSearchParams();
    if (collection) params.set('collection', collection);
    if (query) params.set('q', query);
    if (cursor) params.set('cursor', cursor);
    const text = params.toString();
    return 'api/v1/documents' + (text ? '?' + text : '');
  }

  /** The collections the caller may read; the picker shows when there is more than one. */
  async function loadCollections() {
    let body;
    try {
      body = await requestJson('api/v1/collections');
    } catch (e) {
      return; // the document count says why the API refused
    }
    const names = list(body.collections).map((c) => str(c && c.name)).filter((n) => n);
    roles = new Map(list(body.collections).map((c) => [str(c && c.name), str(c && c.role)]));
    picker.replaceChildren();
    for (const name of names) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      picker.appendChild(option);
    }
    if (!collection || names.indexOf(collection) < 0) collection = str(body.default) || names[0] || null;
    if (collection) picker.value = collection;
    pickerLabel.hidden = names.length < 2;
  }

  picker.addEventListener('change', () => {
    collection = picker.value;
    documents = null;
    newConversation();
    showDocumentCount();
  });

  async function showDocumentCount() {
    try {
      const body = await requestJson(documentsAddress());
      const count = Number(body.total) || 0;
      if (window.askdocsStarters) window.askdocsStarters.show(count);
      showStatus('Ready · ' + count + (count === 1 ? ' document' : ' documents'), 'ready');
    } catch (e) {
      if (e.status === 401 || e.status === 403) {
        showStatus('API key needed', 'key');
        needKey(e, 'count', showDocumentCount);
      } else {
        // The count is decoration: health already said the server is ready, so keep "Ready".
        showStatus('Ready', 'ready');
      }
    }
  }

  function showStatus(text, state) {
    if (status.textContent !== text) status.textContent = text;
    status.dataset.state = state;
  }

  // ---------- API key ----------

  function needKey(error, what, retry) {
    if (error.status === 401 && (signInOffered || error.code === 'sign_in_required')) {
      // People sign in here: no key to paste, the Sign in button is the way in.
      showSignIn();
      return;
    }
    afterKey.set(what, retry);
    keyReason.textContent = error.status === 403
      ? 'The API key was not accepted. Enter a valid key for this askdocs server.'
      : 'This askdocs server needs an API key.';
    keyForm.hidden = false;
    keyInput.value = '';
    keyInput.focus();
  }

  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = keyInput.value.trim();
    if (!key) {
      keyInput.focus();
      return;
    }
    try {
      window.sessionStorage.setItem(API_KEY, key);
    } catch (e) {
      // Without storage the key cannot be kept; say so instead of failing silently.
      keyReason.textContent = 'This browser does not allow storing the key for this tab.';
      return;
    }
    keyForm.hidden = true;
    keyInput.value = '';
    const retries = Array.from(afterKey.values());
    afterKey.clear();
    question.focus();
    for (const retry of retries) retry();
  });

  // ---------- sign-in (OpenID Connect) ----------

  function loginAddress() {
    return 'auth/login?returnTo=' + encodeURIComponent(window.location.pathname + window.location.search);
  }

  function showSignIn() {
    signInOffered = true;
    signIn.hidden = false;
    signOut.hidden = true;
    who.hidden = true;
    showStatus('Sign in to ask', 'key');
  }

  async function whoAmI() {
    let response;
    try {
      response = await fetch('api/v1/me', { headers: headers({ Accept: 'application/json' }) });
    } catch (e) {
      return; // the health check says the server is unreachable
    }
    if (response.ok) {
      let me = null;
      try {
        me = await response.json();
      } catch (e) {
        me = null;
      }
      if (!me || typeof me !== 'object') return;
      signInOffered = me.signIn === true;
      if (me.kind === 'PERSON') {
        csrfToken = str(me.csrfToken) || null;
        who.textContent = str(me.name);
        who.hidden = false;
        signOut.hidden = false;
        signIn.hidden = true;
      }
      return;
    }
    const error = await errorFrom(response);
    if (error.status === 401 && error.code === 'sign_in_required') {
      showSignIn();
      // A document link (from Slack, say) signs in first, then opens the document.
      if (new URLSearchParams(window.location.search).has('doc')) window.location.assign(loginAddress());
    }
  }

  signIn.addEventListener('click', () => window.location.assign(loginAddress()));

  signOut.addEventListener('click', async () => {
    signOut.disabled = true;
    try {
      const body = await requestJson('auth/logout', { method: 'POST' });
      csrfToken = null;
      window.location.assign(str(body.location) || './');
    } catch (e) {
      signOut.disabled = false;
      showStatus(e.message, 'down');
    }
  });

  // ---------- asking ----------

  function setPending(value) {
    pending = value;
    send.disabled = value;
    messages.setAttribute('aria-busy', value ? 'true' : 'false');
  }

  function thinkingBox() {
    const thinking = el('div', 'message thinking');
    const dots = el('span', 'thinking-dots');
    dots.setAttribute('aria-hidden', 'true');
    dots.append(el('span'), el('span'), el('span'));
    thinking.appendChild(dots);
    thinking.appendChild(el('span', 'thinking-text', 'Searching the documents…'));
    return thinking;
  }

  async function ask(text, fromTurn) {
    removeIntro();
    question.removeAttribute('aria-invalid');
    const asked = el('div', 'message user', text);
    messages.appendChild(asked);
    const thinking = thinkingBox();
    messages.appendChild(thinking);
    scrollToBottom();
    announce('Searching the documents…');
    setPending(true);
    let live = null;
    let liveText = null;
    let reply;
    try {
      const answer = await streamChat(
        { question: text, conversationId: history.conversationId, collection: collection || undefined,
          fromTurn: fromTurn === undefined ? undefined : fromTurn },
        {
          retrieval(event) {
            if (event && event.conversationId) history.conversationId = str(event.conversationId);
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
              live.appendChild(el('span', 'caret'));
              thinking.replaceWith(live);
            }
            liveText.appendChild(document.createTextNode(piece));
            scrollToBottom();
          },
        });
      if (answer.conversationId) history.conversationId = str(answer.conversationId);
      const turn = { question: text, answer: answer, rating: null };
      if (fromTurn !== undefined) history.turns = history.turns.slice(0, fromTurn);
      history.turns.push(turn);
      saveHistory();
      reply = renderAnswer(answer, turn);
      announce((answer.abstained ? 'Not found in your documents. ' : 'Answer: ') + str(answer.answer));
    } catch (e) {
      if (stopper && stopper.signal.aborted) {
        reply = el('div', 'message error stopped', 'Stopped. The answer was not kept.');
        announce('Stopped');
        setPending(false);
        (live || thinking).replaceWith(reply);
        return;
      }
      reply = renderError(e, text, asked);
      announce('Error: ' + e.message);
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
    const intro = $('intro');
    if (intro) intro.hidden = true;
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

  // What history.js uses: show a stored conversation, ask from a turn on, stop, start afresh.
  window.askdocsPage = {
    headers: headers,
    conversationId: () => history.conversationId,
    pending: () => pending,
    ask: (text, fromTurn) => { if (!pending) ask(text, fromTurn); },
    stop: () => { if (pending && stopper) stopper.abort(); },
    newConversation: () => newConversation(),
    show(conversation) {
      if (pending) return;
      newConversation();
      removeIntro();
      history = { conversationId: str(conversation.id), turns: [] };
      for (const t of list(conversation.turns)) {
        const answer = { answer: t.answer, citations: t.citations, question: t.question,
          searchedQuestion: t.searchedQuestion, conversationId: conversation.id };
        const turn = { question: str(t.question), answer: answer, rating: null };
        history.turns.push(turn);
        messages.appendChild(el('div', 'message user', t.question));
        messages.appendChild(renderAnswer(answer, turn));
      }
      saveHistory();
      scrollToBottom();
    },
  };

  function newConversation() {
    if (pending) return;
    history = { conversationId: null, turns: [] };
    saveHistory();
    for (const node of Array.from(messages.children)) {
      if (node.id !== 'intro') node.remove();
    }
    $('intro').hidden = false;
    closePanel();
    question.value = '';
    question.focus();
    announce('New conversation');
  }

  // ---------- errors: unreachable, rate-limited, key needed, refused ----------

  function renderError(error, text, asked) {
    const kind = error.status === 0 ? 'unreachable'
      : error.status === 401 || error.status === 403 ? 'key-needed'
        : error.retryAfter && (error.status === 429 || error.status === 503) ? 'rate-limited'
          : 'failed';
    const box = el('div', 'message error ' + kind);
    box.setAttribute('role', 'alert');
    box.dataset.kind = kind;
    const heading = {
      unreachable: 'Server unreachable',
      'key-needed': 'API key needed',
      'rate-limited': error.status === 429 ? 'Too many questions' : 'askdocs is busy',
      failed: 'Error',
    }[kind];
    box.appendChild(el('p', 'error-label', heading));
    box.appendChild(el('p', 'error-text', error.message || 'Something went wrong.'));
    const again = () => {
      box.remove();
      asked.remove();
      ask(text);
    };
    if (kind === 'key-needed') {
      needKey(error, 'ask', again);
      return box;
    }
    if (kind === 'unreachable') {
      showStatus('Server unreachable', 'down');
      pollHealth(HEALTH_POLL_MS);
    }
    if (kind === 'failed' && error.status >= 400 && error.status < 500) {
      if (!question.value) question.value = text; // let them fix the question and send it again
      return box;
    }
    const retry = el('button', 'retry', 'Try again');
    retry.type = 'button';
    retry.addEventListener('click', () => {
      if (!pending) again();
    });
    if (kind === 'rate-limited') {
      const when = el('p', 'retry-when');
      box.appendChild(when);
      let left = error.retryAfter;
      const tick = () => {
        if (left <= 0) {
          when.textContent = 'You can try again now.';
          retry.disabled = false;
          return;
        }
        when.textContent = 'You can try again in ' + left + (left === 1 ? ' second.' : ' seconds.');
        left -= 1;
        window.setTimeout(() => {
          if (box.isConnected) tick(); // a removed box (new conversation, retried) stops counting
        }, 1000);
      };
      retry.disabled = true;
      tick();
    }
    box.appendChild(retry);
    return box;
  }

  // ---------- rendering answers ----------

  function renderAnswer(answer, turn) {
    const abstained = answer.abstained === true;
    const box = el('article', abstained ? 'message assistant abstained' : 'message assistant');
    if (abstained) {
      box.setAttribute('aria-label', 'Not found in your documents');
      const label = el('p', 'abstain-label', 'Not found in your documents');
      box.appendChild(label);
    } else {
      box.setAttribute('aria-label', 'Answer');
    }

    const citations = list(answer.citations);
    const byNumber = new Map();
    for (const c of citations) byNumber.set(Number(c.n), c);

    const searched = str(answer.searchedQuestion);
    if (searched && searched !== str(answer.question)) box.appendChild(el('p', 'searched', 'Searched for: ' + searched));

    let textEl;
    if (!abstained && str(answer.answerHtml) && window.askdocsMarkdown) {
      textEl = el('div', 'answer-text markdown');
      window.askdocsMarkdown.render(textEl, answer.answerHtml,
        (parent, text) => appendWithMarkers(parent, text, byNumber, citations));
    } else {
      textEl = el('p', 'answer-text');
      appendWithMarkers(textEl, str(answer.answer), abstained ? new Map() : byNumber, citations);
    }
    box.appendChild(textEl);

    if (str(answer.notice)) {
      const notice = el('p', 'notice', answer.notice);
      notice.setAttribute('role', 'note');
      box.appendChild(notice);
    }
    const unsupported = list(answer.unsupportedClaims);
    if (!abstained && unsupported.length > 0) box.appendChild(renderUnsupported(unsupported));

    if (!abstained && citations.length > 0) box.appendChild(renderSources(citations));
    const seeAlso = list(answer.seeAlso);
    if (abstained && seeAlso.length > 0) box.appendChild(renderSeeAlso(seeAlso));

    box.appendChild(renderFooter(answer, turn));
    return box;
  }

  function renderFooter(answer, turn) {
    const footer = el('div', 'answer-footer');
    const actions = el('div', 'answer-actions');
    const copy = el('button', 'copy', 'Copy');
    copy.type = 'button';
    copy.setAttribute('aria-label', 'Copy the answer with its sources');
    copy.addEventListener('click', () => copyAnswer(answer, copy));
    actions.appendChild(copy);

    const up = voteButton('up', 'Good answer', answer, turn);
    const down = voteButton('down', 'Bad answer', answer, turn);
    actions.append(up, down);
    const thanks = el('span', 'vote-note');
    thanks.setAttribute('role', 'status');
    actions.appendChild(thanks);
    footer.appendChild(actions);

    const total = answer.timingsMs && Number(answer.timingsMs.total);
    const by = answer.answeredBy === 'llm' ? 'written by a language model from the sources' : '';
    const meta = [Number.isFinite(total) ? Math.round(total) + ' ms' : '', by].filter(Boolean).join(' · ');
    if (meta) footer.appendChild(el('p', 'meta', meta));
    return footer;
  }

  function voteButton(rating, label, answer, turn) {
    const button = el('button', 'vote vote-' + rating);
    button.type = 'button';
    button.dataset.rating = rating;
    button.setAttribute('aria-label', label);
    button.title = label;
    button.setAttribute('aria-pressed', turn && turn.rating === rating ? 'true' : 'false');
    button.appendChild(icon(THUMB, 'thumb'));
    button.addEventListener('click', () => vote(rating, answer, turn, button));
    return button;
  }

  async function vote(rating, answer, turn, button) {
    const actions = button.parentElement;
    const note = actions.querySelector('.vote-note');
    if (button.getAttribute('aria-pressed') === 'true') return;
    for (const b of actions.querySelectorAll('.vote')) b.disabled = true;
    note.textContent = 'Sending…';
    const body = {
      rating: rating,
      conversationId: str(answer.conversationId) || null,
      question: str(answer.question) || (turn ? turn.question : ''),
      answer: str(answer.answer),
      abstained: answer.abstained === true,
      citations: list(answer.citations).map((c) => ({
        n: Number(c.n), documentId: str(c.documentId), title: str(c.title), source: str(c.source),
        quote: str(c.quote), page: Number.isInteger(c.page) ? c.page : null,
      })),
    };
    try {
      await requestJson('api/v1/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      for (const b of actions.querySelectorAll('.vote')) b.setAttribute('aria-pressed', String(b === button));
      note.textContent = 'Thanks, feedback saved.';
      if (turn) {
        turn.rating = rating;
        saveHistory();
      }
    } catch (e) {
      note.textContent = 'Feedback not saved: ' + e.message;
      if (e.status === 401 || e.status === 403) needKey(e, 'vote', () => vote(rating, answer, turn, button));
    } finally {
      for (const b of actions.querySelectorAll('.vote')) b.disabled = false;
    }
  }

  // The answer as plain text, its sources listed after it, for pasting into mail or a ticket.
  function answerAsText(answer) {
    const lines = [str(answer.answer)];
    const citations = list(answer.citations);
    if (citations.length > 0 && answer.abstained !== true) {
      lines.push('', 'Sources:');
      for (const c of citations) {
        const where = webUrl(c.url) || whereOf(c.source, c.page, c.location);
        lines.push('[' + c.n + '] ' + titleOf(c) + (where ? ' (' + where + ')' : '')
          + (str(c.quote) ? ': "' + str(c.quote) + '"' : ''));
      }
    }
    return lines.join('\n');
  }

  async function copyAnswer(answer, button) {
    const text = answerAsText(answer);
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        copied = true;
      }
    } catch (e) {
      copied = false; // denied or unfocused: fall back to the selection below
    }
    if (!copied) {
      const area = el('textarea', 'copy-buffer');
      area.value = text;
      area.setAttribute('aria-hidden', 'true');
      area.tabIndex = -1;
      document.body.appendChild(area);
      area.select();
      try {
        copied = document.execCommand('copy');
      } catch (e) {
        copied = false;
      }
      area.remove();
      button.focus();
    }
    button.textContent = copied ? 'Copied' : 'Copy failed';
    announce(copied ? 'Answer copied with its sources' : 'Could not copy the answer');
    window.setTimeout(() => { button.textContent = 'Copy'; }, 2000);
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

  // Splits the answer on [n] (and [n, m]) markers; markers that name a known citation become chips.
  function appendWithMarkers(parent, text, byNumber, citations) {
    const pattern = /\[(\d+(?:\s*,\s*\d+)*)\]/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      const numbers = match[1].split(',').map((s) => Number(s.trim()));
      if (!numbers.every((n) => byNumber.has(n))) continue;
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      for (const n of numbers) parent.appendChild(citeChip(byNumber.get(n), citations));
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function citeChip(citation, citations) {
    const button = el('button', 'cite', str(citation.n));
    button.type = 'button';
    button.dataset.n = str(citation.n);
    button.setAttribute('aria-label', 'Source ' + citation.n + ': ' + titleOf(citation));
    button.addEventListener('click', () => openCitation(citations, citations.indexOf(citation), button));
    button.addEventListener('mouseenter', () => showTip(citation, button));
    button.addEventListener('focus', () => showTip(citation, button));
    button.addEventListener('mouseleave', hideTip);
    button.addEventListener('blur', hideTip);
    return button;
  }

  function renderSources(citations) {
    const section = el('section', 'sources-block');
    section.setAttribute('aria-label', 'Sources');
    section.appendChild(el('h3', 'block-heading', 'Sources'));
    const ol = el('ol', 'sources');
    citations.forEach((citation, i) => {
      const li = el('li');
      const button = el('button', citation.supported === false ? 'source unsupported' : 'source');
      button.type = 'button';
      button.dataset.n = str(citation.n);
      button.appendChild(el('span', 'source-n', str(citation.n)));
      button.appendChild(el('span', 'source-title', titleOf(citation)));
      if (citation.supported === false) button.appendChild(el('span', 'source-warning', 'does not support every statement citing it'));
      button.appendChild(el('span', 'source-file', whereOf(citation.source, citation.page, citation.location)));
      if (str(citation.quote)) button.appendChild(el('q', 'source-quote', citation.quote));
      button.addEventListener('click', () => openCitation(citations, i, button));
      li.appendChild(button);
      const page = pageLink(citation.url, 'Open the page');
      if (page) li.appendChild(page);
      ol.appendChild(li);
    });
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

  // A crawled page's address, only when it is an http or https URL; '' for anything else.
  function webUrl(value) {
    try {
      const url = new URL(str(value));
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
    } catch (e) {
      return '';
    }
  }

  // A link to a crawled page, opened in a new tab without handing it this page; null for a file.
  function pageLink(value, label) {
    const href = webUrl(value);
    if (!href) return null;
    const a = el('a', 'source-link', label + ' ↗');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.title = href;
    return a;
  }

  function titleOf(item) {
    return str(item.title) || str(item.source) || str(item.documentId) || 'Untitled document';
  }

  // "deck.pptx · slide 4", "handbook.docx · Leave › Parental leave", "report.pdf · p. 3": the
  // location the server gives, else the page (a server or index from before locations).
  function whereOf(source, page, location) {
    const parts = [];
    if (str(source)) parts.push(str(source));
    if (str(location)) parts.push(str(location));
    else if (page !== null && page !== undefined) parts.push('page ' + page);
    return parts.join(' · ');
  }

  // ---------- citation preview ----------

  function showTip(citation, chip) {
    $('tip-title').textContent = titleOf(citation);
    $('tip-quote').textContent = str(citation.quote);
    $('tip-where').textContent = webUrl(citation.url) || whereOf(citation.source, citation.page, citation.location);
    tip.hidden = false;
    chip.setAttribute('aria-describedby', 'cite-tip');
    // Below the chip, kept inside the window; flipped above it near the bottom edge.
    const r = chip.getBoundingClientRect();
    const width = Math.min(360, window.innerWidth - 16);
    tip.style.width = width + 'px';
    tip.style.left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8)) + 'px';
    const below = r.bottom + 6;
    const height = tip.offsetHeight;
    tip.style.top = (below + height > window.innerHeight - 8 ? Math.max(8, r.top - height - 6) : below) + 'px';
  }

  function hideTip() {
    tip.hidden = true;
    for (const chip of document.querySelectorAll('[aria-describedby="cite-tip"]')) chip.removeAttribute('aria-describedby');
  }

  // ---------- the side panel: a document, or the list of documents ----------

  function openCitation(citations, index, opener) {
    hideTip();
    cited = { citations: citations, index: index };
    showCited(opener);
  }

  function showCited(opener) {
    const citation = cited.citations[cited.index];
    const many = cited.citations.length > 1;
    setNav('cited');
    citePosition.textContent = 'Source ' + citation.n
      + (many ? ' · ' + (cited.index + 1) + ' of ' + cited.citations.length : '');
    citePrev.hidden = !many;
    citeNext.hidden = !many;
    citePrev.disabled = cited.index === 0;
    citeNext.disabled = cited.index === cited.citations.length - 1;
    openDocument(str(citation.documentId), opener, (doc) => ({
      range: locate(str(doc.text), citation.start, citation.end, str(citation.quote)),
      page: citation.page,
      location: citation.location,
    }));
  }

  function stepCitation(delta) {
    if (!cited) return;
    const next = cited.index + delta;
    if (next < 0 || next >= cited.citations.length) return;
    cited.index = next;
    showCited(docOpener);
  }

  function openPassage(passage, opener) {
    cited = null;
    setNav('none');
    openDocument(str(passage.documentId), opener, (doc) => ({
      range: locate(str(doc.text), passage.start, passage.end, str(passage.text)),
      page: null,
    }));
  }

  function setNav(mode) {
    docNav.hidden = mode === 'none';
    docBack.hidden = mode !== 'library';
    citePrev.hidden = mode !== 'cited';
    citeNext.hidden = mode !== 'cited';
    citePosition.hidden = mode !== 'cited';
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
    cited = null;
    setNav('none');
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
    if (opener) docOpener = opener;
    library.hidden = true;
    docText.hidden = false;
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
      if (e.status === 401 || e.status === 403) needKey(e, 'document', () => openDocument(id, opener, where));
    }
  }

  function renderDocument(doc, spot) {
    const text = str(doc.text);
    docTitle.textContent = str(doc.title) || str(doc.source) || 'Untitled document';
    const range = spot.range;
    let page = spot.page;
    if ((page === null || page === undefined) && range) page = pageAt(list(doc.pageStarts), range.start);
    docMeta.textContent = whereOf(doc.source, page, spot.location);
    const link = pageLink(doc.url, 'Open the page');
    if (link) docMeta.append(' · ', link);
    if (window.askdocsDocuments) {
      window.askdocsDocuments.pageView(doc, page, range ? text.slice(range.start, range.end) : '');
    }

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

  async function openLibrary() {
    const request = ++docRequest;
    cited = null;
    docOpener = docsButton;
    setNav('none');
    docTitle.textContent = 'Documents';
    docMeta.textContent = '';
    docText.hidden = true;
    docText.replaceChildren();
    library.hidden = false;
    showPanel();
    docsButton.setAttribute('aria-expanded', 'true');
    docSearch.focus();
    if (!documents) libraryCount.textContent = 'Loading…';
    else renderLibrary();
    await loadDocuments(request, false);
  }

  /** The first page of the documents matching the search box, or (more) the next one. */
  async function loadDocuments(request, more) {
    try {
      const query = docSearch.value.trim();
      const body = await requestJson(documentsAddress(query, more ? documentsNext : null));
      if (request !== docRequest) return;
      documents = (more ? list(documents) : []).concat(list(body.documents));
      documentsTotal = Number(body.total) || 0;
      documentsNext = typeof body.next === 'string' ? body.next : null;
      runningIngest = body.ingest && typeof body.ingest === 'object' ? body.ingest : null;
      renderLibrary();
      if (window.askdocsDocuments) window.askdocsDocuments.listed(body);
    } catch (e) {
      if (request !== docRequest) return;
      libraryCount.textContent = 'Could not list the documents: ' + e.message;
      if (e.status === 401 || e.status === 403) needKey(e, 'library', openLibrary);
    }
  }

  function renderLibrary() {
    // Searched and paged by the server, in source order: the list shows what it sent.
    const shown = list(documents);
    const total = documentsTotal;
    libraryCount.textContent = docSearch.value.trim() === ''
      ? total + (total === 1 ? ' document indexed' : ' documents indexed')
      : total + (total === 1 ? ' document matches' : ' documents match');
    if (shown.length < total) libraryCount.textContent += ' · showing ' + shown.length;
    if (runningIngest) {
      libraryCount.textContent += ' · indexing: ' + Number(runningIngest.filesDone) + ' of ' +
        Number(runningIngest.filesTotal) + ' files';
    }
    docList.replaceChildren();
    for (const d of shown) {
      const li = el('li');
      const button = el('button', 'doc-item');
      button.type = 'button';
      button.appendChild(el('span', 'doc-item-title', titleOf(d)));
      button.appendChild(el('span', 'doc-item-source', str(d.source)));
      const chunks = Number(d.chunks);
      const when = indexedAt(d.indexedAt);
      button.appendChild(el('span', 'doc-item-meta',
        [Number.isFinite(chunks) ? chunks + (chunks === 1 ? ' chunk' : ' chunks') : '', when ? 'indexed ' + when : '']
          .filter(Boolean).join(' · ')));
      button.addEventListener('click', () => {
        cited = null;
        setNav('library');
        openDocument(str(d.id), docsButton, () => ({ range: null, page: null }));
        docBack.focus();
      });
      li.appendChild(button);
      if (window.askdocsDocuments) window.askdocsDocuments.decorate(li, d, openLibrary);
      docList.appendChild(li);
    }
    if (documentsNext) {
      const li = el('li');
      const more = el('button', 'nav-button doc-more', 'Show more documents');
      more.type = 'button';
      more.id = 'doc-more';
      more.addEventListener('click', () => loadDocuments(docRequest, true));
      li.appendChild(more);
      docList.appendChild(li);
    }
  }

  function indexedAt(value) {
    const t = Date.parse(str(value));
    if (!Number.isFinite(t)) return '';
    return new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function showPanel() {
    docView.hidden = false;
    document.body.classList.add('doc-open');
    if (!docView.contains(document.activeElement)) docView.focus();
  }

  function closePanel() {
    if (docView.hidden) return;
    docRequest++;
    docView.hidden = true;
    document.body.classList.remove('doc-open');
    docsButton.setAttribute('aria-expanded', 'false');
    if (docOpener && docOpener.isConnected && !docView.contains(docOpener)) docOpener.focus();
    else question.focus();
    docOpener = null;
    cited = null;
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
  $('doc-close').addEventListener('click', closePanel);
  $('new-conversation').addEventListener('click', newConversation);
  docsButton.addEventListener('click', () => {
    if (!docView.hidden && !library.hidden) closePanel();
    else openLibrary();
  });
  docSearch.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => loadDocuments(docRequest, false), 250);
  });
  docBack.addEventListener('click', openLibrary);
  citePrev.addEventListener('click', () => stepCitation(-1));
  citeNext.addEventListener('click', () => stepCitation(1));
  window.addEventListener('resize', hideTip);
  messages.addEventListener('scroll', hideTip);

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (!tip.hidden) {
      hideTip();
      event.preventDefault();
    } else if (!docView.hidden) {
      event.preventDefault();
      closePanel();
    }
  });

  // ---------- hooks for documents.js (upload, delete) ----------

  // The same object history.js uses (above); starters.js asks through its ask().
  Object.assign(window.askdocsPage, {
    requestJson,
    collection: () => collection,
    mayEdit: () => ['editor', 'admin'].indexOf(roles.get(str(collection))) >= 0,
    documentsChanged: () => {
      documents = null;
      showDocumentCount();
      if (!docView.hidden && !library.hidden) openLibrary();
    },
  });


  // ---------- start ----------

  function restore() {
    if (history.turns.length === 0) return;
    removeIntro();
    for (const turn of history.turns) {
      messages.appendChild(el('div', 'message user', turn.question));
      messages.appendChild(renderAnswer(turn.answer, turn));
    }
    scrollToBottom();
  }

  restore();
  question.focus();
  // Who is asking first, so that a refusal shows Sign in (or the key form) the first time.
  whoAmI().finally(() => {
    checkHealth();
    openFromAddress();
  });
})();
