'use strict';

/*
 * The operator console: orders and their timelines, anomalies, reconciliation and the audit log. Every API call
 * carries the admin key as a bearer token; a refused key (401) or a key that is not an admin's (403) signs out.
 * Everything the server sends is shown through textContent, never parsed as HTML.
 */
(() => {
  const i18n = window.AdminI18n;
  const t = i18n.text;
  const $ = id => document.getElementById(id);

  const KEY_STORAGE = 'scanpay.admin.key';
  const ORDERS_PAGE_SIZE = 20;
  const ANOMALIES_PAGE_SIZE = 50;
  const AUDIT_PAGE_SIZE = 50;
  const NOTE_MAX_LENGTH = 512;
  const TABS = ['orders', 'anomalies', 'reconciliation', 'audit'];

  const page = {
    key: null,
    name: null,
    tab: 'orders',
    /** Raised on every sign-out: answers to requests of an earlier session are dropped. */
    session: 0,
    /** The newest request of each view; older answers are dropped when they arrive late. */
    tickets: {},
    signInError: null,
    /** Failed loads by view, each a function that words the message in the current language. */
    errors: new Map(),
    /** The last action's outcome: { slot, state, message }. */
    result: null,
    orders: { filters: {}, page: 0, data: null },
    order: { id: null, data: null },
    anomalies: { state: 'open', page: 0, data: null },
    bills: { runs: null, run: null },
    pipeline: null,
    audit: { page: 0, data: null },
    confirm: null
  };

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && (problem.detail || problem.title) || `HTTP ${status}`);
      this.status = status;
      this.problem = problem;
      this.signedOut = false;
    }
  }

  // ---- API ----

  async function api(method, path, body) {
    const key = page.key;
    const headers = { Accept: 'application/json' };
    if (key) {
      headers.Authorization = `Bearer ${key}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, {
        method, headers, cache: 'no-store', credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body)
      });
    }
    catch (e) {
      throw new ApiError(0, null);
    }
    if (!response.ok) {
      throw await failure(response, key);
    }
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  async function failure(response, key) {
    let problem = null;
    try {
      problem = await response.json();
    }
    catch (e) {
      // not a problem document: the status says enough
    }
    const error = new ApiError(response.status, problem);
    if ((error.status === 401 || error.status === 403) && key && key === page.key) {
      error.signedOut = true;
      signOut(error.status === 401 ? 'signIn.refused' : 'signIn.notAdmin');
    }
    return error;
  }

  /** The server's own words for a failure (its ProblemDetail), else a general one. */
  function problemText(error) {
    if (error instanceof ApiError) {
      const problem = error.problem;
      if (problem && (problem.detail || problem.title)) {
        return String(problem.detail || problem.title);
      }
      return error.status === 0 ? t('error.network') : t('error.status', { status: error.status });
    }
    console.error(error);
    return String(error && error.message || error);
  }

  function path(...parts) {
    return '/api/admin/' + parts.map(part => encodeURIComponent(String(part))).join('/');
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== '') {
        search.set(name, String(value));
      }
    }
    return search.toString();
  }

  function takeTicket(view) {
    page.tickets[view] = (page.tickets[view] || 0) + 1;
    return { view, session: page.session, number: page.tickets[view] };
  }

  function isCurrent(ticket) {
    return ticket.session === page.session && page.tickets[ticket.view] === ticket.number;
  }

  // ---- formatting ----

  function yuan(fen) {
    if (fen === null || fen === undefined || fen === '') {
      return null;
    }
    const value = Number(fen);
    if (!Number.isFinite(value)) {
      return String(fen);
    }
    const sign = value < 0 ? '-' : '';
    const abs = Math.abs(Math.round(value));
    return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }

  /** An instant in the browser's time zone, to the second: 2026-11-28 14:03:05. */
  function localTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
      return String(iso);
    }
    const two = n => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} `
      + `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) {
      return null;
    }
    const value = Number(seconds);
    if (!Number.isFinite(value)) {
      return String(seconds);
    }
    if (value < 60) {
      return t('duration.seconds', { s: Math.round(value * 10) / 10 });
    }
    const whole = Math.floor(value);
    if (whole < 3600) {
      return t('duration.minutes', { m: Math.floor(whole / 60), s: whole % 60 });
    }
    return t('duration.hours', { h: Math.floor(whole / 3600), m: Math.floor(whole % 3600 / 60) });
  }

  /** A code's translation under a prefix (status.PAID), or the code itself when it has none. */
  function codeLabel(prefix, code) {
    if (code === null || code === undefined || code === '') {
      return null;
    }
    const key = `${prefix}.${code}`;
    return i18n.has(key) ? t(key) : String(code);
  }

  const GOOD = new Set(['OK', 'PAID', 'APPLIED', 'DELIVERED', 'ACCEPTED', 'CHECKED', 'SUCCEEDED', 'REFUNDED',
    'PARTIALLY_REFUNDED', 'REFUND_SUCCEEDED', 'QR_ISSUED', 'RESULT_APPLIED']);
  const BAD = new Set(['FAILED', 'REJECTED', 'UNREACHABLE', 'AMOUNT_MISMATCH', 'PAYMENT_FAILED', 'QR_FAILED',
    'REFUND_FAILED', 'ANOMALY', 'BILL_DISCREPANCY', 'CHANGED', 'NOT_AT_WECHAT']);
  const WARN = new Set(['UNPAID', 'OPEN', 'DUPLICATE', 'RUNNING', 'NO_BILL', 'EXPIRED', 'CANCELLED', 'REQUESTED',
    'PROCESSING']);

  function tone(code) {
    if (GOOD.has(code)) {
      return 'good';
    }
    if (BAD.has(code)) {
      return 'bad';
    }
    return WARN.has(code) ? 'warn' : 'plain';
  }

  // ---- building elements ----

  /** An element with its text (never HTML), data attributes and children. */
  function el(tag, { cls, text, testid, data, title } = {}, ...children) {
    const element = document.createElement(tag);
    if (cls) {
      element.className = cls;
    }
    if (testid) {
      element.dataset.testid = testid;
    }
    for (const [name, value] of Object.entries(data || {})) {
      element.dataset[name] = value === null || value === undefined ? '' : String(value);
    }
    if (title) {
      element.title = title;
    }
    if (text !== null && text !== undefined) {
      element.textContent = String(text);
    }
    element.append(...children.filter(child => child !== null && child !== undefined));
    return element;
  }

  function dash() {
    return el('span', { cls: 'muted', text: t('common.none') });
  }

  function orDash(content) {
    if (content === null || content === undefined || content === '') {
      return dash();
    }
    return content instanceof Node ? content : document.createTextNode(String(content));
  }

  function timeNode(iso) {
    if (!iso) {
      return dash();
    }
    const text = localTime(iso);
    const space = text.indexOf(' ');
    const time = el('time', { title: String(iso) });
    if (space > 0) {
      // the date and the clock each stay whole: a narrow column breaks the line between them, nowhere else
      time.append(el('span', { cls: 'day', text: text.slice(0, space) }), ' ',
        el('span', { cls: 'clock', text: text.slice(space + 1) }));
    }
    else {
      time.textContent = text;
    }
    time.dateTime = String(iso);
    return time;
  }

  function badge(prefix, code) {
    if (code === null || code === undefined || code === '') {
      return dash();
    }
    return el('span', { cls: `badge tone-${tone(code)}`, text: codeLabel(prefix, code), title: String(code) });
  }

  function codeText(value) {
    return value ? el('span', { cls: 'code', text: value }) : dash();
  }

  function amountNode(fen) {
    return orDash(yuan(fen));
  }

  /** A table cell labelled with its column's name, which narrow screens show in front of it. */
  function cell(labelKey, content, cls) {
    const td = el('td', { cls });
    td.dataset.label = t(labelKey);
    td.append(orDash(content));
    return td;
  }

  function button(labelKey, { testid, cls = 'secondary small', data, onClick } = {}) {
    const element = el('button', { cls, text: t(labelKey), testid, data });
    element.type = 'button';
    if (onClick) {
      element.addEventListener('click', onClick);
    }
    return element;
  }

  /** An order id that opens the order in the Orders tab. */
  function orderLink(orderId) {
    if (!orderId) {
      return dash();
    }
    const link = el('button', { cls: 'link code', text: orderId, data: { orderId } });
    link.type = 'button';
    link.addEventListener('click', () => goToOrder(orderId));
    return link;
  }

  function fact(labelKey, content) {
    return el('div', {}, el('dt', { text: t(labelKey) }), el('dd', {}, orDash(content)));
  }

  function yesNo(value) {
    if (value === null || value === undefined) {
      return null;
    }
    if (typeof value === 'boolean') {
      return t(value ? 'common.yes' : 'common.no');
    }
    return String(value);
  }

  function show(id, visible) {
    $(id).hidden = !visible;
  }

  // ---- errors and results ----

  function reportLoad(view, messageKey, error) {
    if (error.signedOut) {
      return;
    }
    page.errors.set(view, () => t(messageKey, { detail: problemText(error) }));
    renderErrors();
  }

  function clearError(view) {
    if (page.errors.delete(view)) {
      renderErrors();
    }
  }

  function renderErrors() {
    const area = $('error');
    const lines = [...page.errors.values()].map(message => message());
    area.textContent = lines.join('\n');
    area.hidden = lines.length === 0;
  }

  /** Moves the one result area into the section where the action happened and says how it went. */
  function showResult(slot, state, message) {
    page.result = { slot, state, message };
    renderResult();
  }

  function hideResult() {
    page.result = null;
    renderResult();
  }

  function renderResult() {
    const result = $('action-result');
    if (!page.result) {
      result.hidden = true;
      result.textContent = '';
      delete result.dataset.state;
      return;
    }
    const slot = $(page.result.slot);
    if (result.parentElement !== slot) {
      slot.append(result);
    }
    result.dataset.state = page.result.state;
    result.textContent = page.result.message();
    result.hidden = false;
  }

  /**
   * Runs a confirmed action: the result area shows its outcome once the views it changed are loaded again,
   * so what the result says and what the page shows agree.
   */
  async function runAction(slot, work, reload) {
    const session = page.session;
    hideResult();
    const slotElement = $(slot);
    slotElement.dataset.busy = 'true';
    slotElement.dataset.busyText = t('common.working');
    let outcome;
    try {
      outcome = { state: 'ok', message: await work() };
    }
    catch (error) {
      if (error.signedOut || session !== page.session) {
        delete slotElement.dataset.busy;
        return;
      }
      outcome = { state: 'error', message: () => t('result.failed', { detail: problemText(error) }) };
    }
    if (reload && session === page.session) {
      await reload();
    }
    delete slotElement.dataset.busy;
    if (session === page.session) {
      showResult(slot, outcome.state, outcome.message);
    }
  }

  // ---- confirmation dialog ----

  /**
   * Asks before an action; answers { note } on Confirm, null on Cancel. With note set, the dialog has a
   * required note whose text is in the answer.
   */
  function confirmAction({ titleKey, messageKey, values = {}, note = false, danger = false }) {
    if (page.confirm) {
      finishConfirm(null);
    }
    const dialog = $('confirm-dialog');
    $('confirm-title').textContent = t(titleKey);
    $('confirm-message').textContent = t(messageKey, values);
    $('confirm-yes').className = danger ? 'danger' : 'primary';
    const slot = $('confirm-note-slot');
    slot.replaceChildren();
    if (note) {
      slot.append(noteField());
    }
    return new Promise(resolve => {
      page.confirm = { resolve, note };
      updateConfirmButton();
      dialog.showModal();
      (note ? $('confirm-note') : $('confirm-no')).focus();
    });
  }

  function noteField() {
    const area = el('textarea', { cls: 'note', testid: 'confirm-note' });
    area.id = 'confirm-note';
    area.maxLength = NOTE_MAX_LENGTH;
    area.rows = 4;
    area.required = true;
    area.addEventListener('input', updateConfirmButton);
    const label = el('label', { text: t('confirm.noteLabel') });
    label.htmlFor = 'confirm-note';
    const count = el('p', { cls: 'hint note-count' });
    count.id = 'confirm-note-count';
    area.setAttribute('aria-describedby', 'confirm-note-count');
    return el('div', { cls: 'note-field' }, label, area, count);
  }

  function noteText() {
    const area = $('confirm-note');
    return area ? area.value.trim() : '';
  }

  function updateConfirmButton() {
    const area = $('confirm-note');
    if (area) {
      $('confirm-note-count').textContent = t('confirm.noteCount', { count: area.value.length, max: NOTE_MAX_LENGTH });
    }
    $('confirm-yes').disabled = Boolean(page.confirm && page.confirm.note && !noteText());
  }

  function finishConfirm(answer) {
    const pending = page.confirm;
    page.confirm = null;
    const dialog = $('confirm-dialog');
    if (dialog.open) {
      dialog.close();
    }
    $('confirm-note-slot').replaceChildren();
    if (pending) {
      pending.resolve(answer);
    }
  }

  $('confirm-yes').addEventListener('click', () => {
    if (!page.confirm || page.confirm.note && !noteText()) {
      return;
    }
    finishConfirm({ note: page.confirm.note ? noteText() : null });
  });
  $('confirm-no').addEventListener('click', () => finishConfirm(null));
  $('confirm-dialog').addEventListener('cancel', event => {
    event.preventDefault();
    finishConfirm(null);
  });
  $('confirm-dialog').addEventListener('close', () => {
    if (page.confirm && !$('confirm-dialog').open) {
      finishConfirm(null);
    }
  });
  $('confirm-form').addEventListener('submit', event => event.preventDefault());

  // ---- signing in and out ----

  function setSignInError(key, values) {
    page.signInError = key ? { key, values } : null;
    renderSignInError();
  }

  function renderSignInError() {
    const area = $('sign-in-error');
    if (!page.signInError) {
      area.hidden = true;
      area.textContent = '';
      return;
    }
    const { key, values } = page.signInError;
    area.textContent = typeof values === 'function' ? t(key, values()) : t(key, values);
    area.hidden = false;
  }

  function setSignInBusy(busy) {
    const submit = $('sign-in');
    submit.disabled = busy;
    submit.dataset.i18n = busy ? 'signIn.busy' : 'signIn.submit';
    submit.textContent = t(submit.dataset.i18n);
  }

  async function signIn(key, { stored = false } = {}) {
    page.key = key;
    setSignInError(null);
    setSignInBusy(true);
    try {
      const who = await api('GET', '/api/admin/whoami');
      if (page.key !== key) {
        return;
      }
      sessionStorage.setItem(KEY_STORAGE, key);
      openConsole(who && who.name ? String(who.name) : '');
    }
    catch (error) {
      if (!error.signedOut && page.key === key) {
        page.key = null;
        if (!stored) {
          sessionStorage.removeItem(KEY_STORAGE);
        }
        setSignInError('signIn.failed', () => ({ detail: problemText(error) }));
      }
    }
    finally {
      setSignInBusy(false);
    }
  }

  function signOut(reasonKey = null) {
    sessionStorage.removeItem(KEY_STORAGE);
    page.key = null;
    page.name = null;
    page.session += 1;
    finishConfirm(null);
    resetViews();
    $('console').hidden = true;
    $('who').hidden = true;
    $('sign-out').hidden = true;
    $('signed-in-as').textContent = '';
    $('sign-in-panel').hidden = false;
    $('key-input').value = '';
    setSignInError(reasonKey);
    $('key-input').focus();
  }

  function openConsole(name) {
    page.name = name;
    $('signed-in-as').textContent = name;
    $('who').hidden = false;
    $('sign-out').hidden = false;
    $('sign-in-panel').hidden = true;
    $('key-input').value = '';
    setSignInError(null);
    $('console').hidden = false;
    $('bill-date').value = yesterday();
    showTab('orders', { load: false });
    search();
  }

  /** Forgets everything a signed-in operator saw, so the next key starts afresh. */
  function resetViews() {
    page.errors.clear();
    renderErrors();
    hideResult();
    page.orders = { filters: {}, page: 0, data: null };
    page.order = { id: null, data: null };
    page.anomalies = { state: 'open', page: 0, data: null };
    page.bills = { runs: null, run: null };
    page.pipeline = null;
    page.audit = { page: 0, data: null };
    $('search-form').reset();
    $('order-detail').hidden = true;
    $('order-detail').removeAttribute('data-order-id');
    $('order-body').hidden = true;
    renderOrders();
    renderAnomalies();
    renderBills();
    renderPipeline();
    renderAudit();
  }

  $('sign-in-form').addEventListener('submit', event => {
    event.preventDefault();
    const key = $('key-input').value.trim();
    if (!key) {
      setSignInError('signIn.needed');
      $('key-input').focus();
      return;
    }
    signIn(key);
  });

  $('sign-out').addEventListener('click', () => signOut(null));

  // ---- tabs ----

  function showTab(name, { load = true } = {}) {
    page.tab = name;
    for (const tab of TABS) {
      const selected = tab === name;
      const control = $(`tab-${tab}`);
      control.setAttribute('aria-selected', String(selected));
      control.tabIndex = selected ? 0 : -1;
      $(`panel-${tab}`).hidden = !selected;
    }
    if (load) {
      loadTab(name);
    }
  }

  function loadTab(name) {
    switch (name) {
      case 'anomalies':
        loadAnomalies(page.anomalies.page);
        break;
      case 'reconciliation':
        loadBills();
        loadPipeline();
        break;
      case 'audit':
        loadAudit(0);
        break;
      default:
        break;
    }
  }

  for (const tab of TABS) {
    $(`tab-${tab}`).addEventListener('click', () => showTab(tab));
  }

  /** Arrow keys move between the tabs, as in any tab list. */
  document.querySelector('.tabs').addEventListener('keydown', event => {
    const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -TABS.length, End: TABS.length };
    if (!(event.key in moves)) {
      return;
    }
    event.preventDefault();
    const index = Math.min(TABS.length - 1, Math.max(0, TABS.indexOf(page.tab) + moves[event.key]));
    showTab(TABS[index]);
    $(`tab-${TABS[index]}`).focus();
  });

  // ---- orders ----

  /** Local midnight of a yyyy-mm-dd date, days later, as an ISO instant. */
  function localMidnight(value, daysLater = 0) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
    if (!match) {
      return null;
    }
    const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + daysLater);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }

  function yesterday() {
    const date = new Date();
    date.setDate(date.getDate() - 1);
    const two = n => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  }

  function readFilters() {
    return {
      orderId: $('search-order-id').value.trim(),
      transactionId: $('search-transaction-id').value.trim(),
      username: $('search-username').value.trim(),
      tenant: $('search-tenant').value.trim(),
      status: $('search-status').value,
      from: localMidnight($('search-from').value),
      to: localMidnight($('search-to').value, 1)
    };
  }

  function search() {
    page.orders.filters = readFilters();
    loadOrders(0);
  }

  async function loadOrders(number) {
    const ticket = takeTicket('orders');
    show('orders-loading', true);
    try {
      const data = await api('GET', `/api/admin/orders?${query({
        ...page.orders.filters, page: number, size: ORDERS_PAGE_SIZE
      })}`);
      if (!isCurrent(ticket)) {
        return;
      }
      page.orders.page = number;
      page.orders.data = data;
      clearError('orders');
      renderOrders();
    }
    catch (error) {
      if (isCurrent(ticket)) {
        reportLoad('orders', 'error.loadOrders', error);
      }
    }
    finally {
      if (isCurrent(ticket)) {
        show('orders-loading', false);
      }
    }
  }

  function renderOrders() {
    const data = page.orders.data;
    const orders = data && Array.isArray(data.orders) ? data.orders : [];
    $('orders-body').replaceChildren(...orders.map(orderRow));
    show('orders-empty', Boolean(data) && orders.length === 0);
    renderPager('orders-page', 'prev-page', 'next-page', data ? page.orders.page : null, data && data.hasMore);
  }

  function orderRow(order) {
    const row = el('tr', { cls: 'clickable', testid: 'order-row', data: { orderId: order.id } });
    if (order.id === page.order.id) {
      row.setAttribute('aria-current', 'true');
    }
    const id = el('button', { cls: 'link code', text: order.id });
    id.type = 'button';
    const closed = order.closedAt
      ? el('span', {}, timeNode(order.closedAt),
        order.closeReason ? el('span', { cls: 'sub', text: codeLabel('closeReason', order.closeReason) }) : null)
      : null;
    row.append(
      cell('col.order', id),
      cell('col.tenant', order.tenant),
      cell('col.username', order.username),
      cell('col.status', badge('status', order.status)),
      cell('col.total', amountNode(order.totalFee), 'num'),
      cell('col.refunded', order.refundedFen ? amountNode(order.refundedFen) : null, 'num'),
      cell('col.transaction', order.transactionId ? codeText(order.transactionId) : null),
      cell('col.placed', timeNode(order.placedAt)),
      cell('col.paid', order.paidAt ? timeNode(order.paidAt) : null),
      cell('col.closed', closed)
    );
    row.addEventListener('click', () => openOrder(order.id, { scroll: true }));
    return row;
  }

  function renderPager(labelId, prevId, nextId, number, hasMore) {
    $(labelId).textContent = number === null ? '' : t('common.page', { page: number + 1 });
    $(prevId).disabled = number === null || number <= 0;
    $(nextId).disabled = number === null || !hasMore;
  }

  $('search-form').addEventListener('submit', event => {
    event.preventDefault();
    search();
  });
  $('search-reset').addEventListener('click', () => {
    $('search-form').reset();
    search();
  });
  $('prev-page').addEventListener('click', () => loadOrders(Math.max(0, page.orders.page - 1)));
  $('next-page').addEventListener('click', () => loadOrders(page.orders.page + 1));

  // ---- one order ----

  function goToOrder(orderId) {
    showTab('orders', { load: false });
    openOrder(orderId, { scroll: true });
  }

  /** Opens an order (or loads the open one again): its fields, items, actions and timeline. */
  async function openOrder(orderId, { scroll = false } = {}) {
    const ticket = takeTicket('order');
    const detail = $('order-detail');
    if (page.order.id !== orderId) {
      page.order = { id: orderId, data: null };
      if (page.result && page.result.slot === 'result-order') {
        hideResult();
      }
      detail.removeAttribute('data-order-id');
      $('order-heading').textContent = t('detail.heading', { id: orderId });
      $('order-body').hidden = true;
      markCurrentOrderRow();
    }
    detail.hidden = false;
    show('order-loading', !page.order.data);
    if (scroll) {
      detail.scrollIntoView({ block: 'start' });
    }
    try {
      const data = await api('GET', path('orders', orderId));
      if (!isCurrent(ticket)) {
        return;
      }
      page.order.data = data;
      clearError('order');
      renderOrderDetail();
    }
    catch (error) {
      if (!isCurrent(ticket)) {
        return;
      }
      reportLoad('order', 'error.loadOrder', error);
      if (!page.order.data) {
        detail.hidden = true;
      }
    }
    finally {
      if (isCurrent(ticket)) {
        show('order-loading', false);
      }
    }
  }

  function markCurrentOrderRow() {
    document.querySelectorAll('#orders-body tr').forEach(row => {
      if (row.dataset.orderId === page.order.id) {
        row.setAttribute('aria-current', 'true');
      }
      else {
        row.removeAttribute('aria-current');
      }
    });
  }

  function renderOrderDetail() {
    const data = page.order.data;
    const detail = $('order-detail');
    if (!data || !data.order) {
      return;
    }
    const order = data.order;
    const actions = data.actions || {};
    detail.dataset.orderId = order.id;
    $('order-heading').textContent = t('detail.heading', { id: order.id });

    const status = $('order-status');
    status.textContent = order.status || '';
    status.dataset.status = order.status || '';
    const label = $('order-status-label');
    label.textContent = codeLabel('status', order.status) || '';
    label.className = `badge tone-${tone(order.status)}`;

    $('order-facts').replaceChildren(
      fact('detail.tenant', order.tenant),
      fact('detail.username', order.username),
      fact('detail.payType', order.payType ? codeText(order.payType) : null),
      fact('detail.total', yuan(order.totalFee)),
      fact('detail.refunded', yuan(order.refundedFen)),
      fact('detail.transaction', order.transactionId ? codeText(order.transactionId) : null),
      fact('detail.closeReason', order.closeReason ? badge('closeReason', order.closeReason) : null),
      fact('detail.placed', order.placedAt ? timeNode(order.placedAt) : null),
      fact('detail.expires', order.expiresAt ? timeNode(order.expiresAt) : null),
      fact('detail.paid', order.paidAt ? timeNode(order.paidAt) : null),
      fact('detail.closed', order.closedAt ? timeNode(order.closedAt) : null)
    );

    $('order-items').replaceChildren(...(order.items || []).map(itemRow));

    $('action-query').hidden = !actions.query;
    $('action-close').hidden = !actions.close;
    show('order-no-actions', !actions.query && !actions.close);

    const entries = Array.isArray(data.timeline) ? data.timeline : [];
    $('timeline').replaceChildren(...entries.map(timelineEntry));
    show('timeline-empty', entries.length === 0);
    $('order-body').hidden = false;
  }

  function itemRow(item) {
    return el('tr', {},
      cell('col.sku', item.skuId),
      cell('col.name', item.name),
      cell('col.unitPrice', amountNode(item.unitPrice), 'num'),
      cell('col.quantity', item.quantity, 'num'),
      cell('col.returned', item.returnedQuantity, 'num'),
      cell('col.lineTotal', amountNode(item.lineTotal), 'num'));
  }

  function timelineEntry(entry) {
    const item = el('li', {
      cls: `entry tone-${tone(entry.outcome || entry.kind)}`, testid: 'timeline-entry',
      data: { kind: entry.kind, outcome: entry.outcome }
    });
    const head = el('div', { cls: 'entry-head' },
      timeNode(entry.at),
      el('span', { cls: 'entry-kind', text: codeLabel('kind', entry.kind), title: entry.kind || '' }),
      entry.outcome ? badge('outcome', entry.outcome) : null);
    item.append(head);
    if (entry.detail) {
      item.append(el('p', { cls: 'entry-detail', text: entry.detail }));
    }
    const meta = [];
    if (entry.instance) {
      meta.push(el('span', { text: t('timeline.instance', { instance: entry.instance }) }));
    }
    if (entry.eventId) {
      meta.push(el('span', { cls: 'code', text: t('timeline.event', { eventId: entry.eventId }) }));
    }
    if (meta.length) {
      item.append(el('p', { cls: 'entry-meta' }, ...meta));
    }
    if (entry.eventId) {
      item.append(button('action.resend', {
        testid: 'resend-webhook', data: { eventId: entry.eventId },
        onClick: () => resendWebhook(entry.eventId)
      }));
    }
    return item;
  }

  async function queryOrder() {
    const id = page.order.id;
    const answer = await confirmAction({ titleKey: 'confirm.queryTitle', messageKey: 'confirm.query', values: { id } });
    if (!answer) {
      return;
    }
    await runAction('result-order', async () => {
      const reply = await api('POST', path('orders', id, 'query'));
      const code = reply && reply.answer;
      const status = reply && reply.order && reply.order.status;
      return () => t('result.query', {
        answer: codeLabel('outcome', code) || t('common.none'),
        status: codeLabel('status', status) || t('common.none')
      });
    }, () => reloadOrder(id));
  }

  async function closeOrder() {
    const id = page.order.id;
    const answer = await confirmAction({
      titleKey: 'confirm.closeTitle', messageKey: 'confirm.close', values: { id }, danger: true
    });
    if (!answer) {
      return;
    }
    await runAction('result-order', async () => {
      const reply = await api('POST', path('orders', id, 'close'));
      // the order, wrapped as { order } or as it is
      const closed = reply && (reply.order || reply);
      const status = closed && closed.status;
      return () => t('result.close', { id, status: codeLabel('status', status) || t('common.none') });
    }, () => reloadOrder(id));
  }

  async function resendWebhook(eventId) {
    const id = page.order.id;
    const answer = await confirmAction({
      titleKey: 'confirm.resendTitle', messageKey: 'confirm.resend', values: { id, eventId }
    });
    if (!answer) {
      return;
    }
    await runAction('result-order', async () => {
      const reply = await api('POST', path('webhooks', 'events', eventId, 'resend'));
      const queued = reply && reply.eventId || eventId;
      return () => t('result.resend', { eventId: queued });
    }, () => reloadOrder(id));
  }

  /** How long after an action the timeline is read once more: the server writes its trail a moment later. */
  const TRAIL_DELAY_MS = 1500;

  /**
   * After an action: the order (with its timeline) again, and the list, whose row may have changed; and the
   * timeline once more a moment later, for the steps the server had not written yet.
   */
  async function reloadOrder(id) {
    const reloads = [];
    if (page.order.id === id) {
      reloads.push(openOrder(id));
      const session = page.session;
      setTimeout(() => {
        if (session === page.session && page.order.id === id) {
          openOrder(id);
        }
      }, TRAIL_DELAY_MS);
    }
    if (page.orders.data) {
      reloads.push(loadOrders(page.orders.page));
    }
    await Promise.all(reloads);
  }

  $('action-query').addEventListener('click', queryOrder);
  $('action-close').addEventListener('click', closeOrder);
  $('order-hide').addEventListener('click', () => {
    takeTicket('order');
    page.order = { id: null, data: null };
    if (page.result && page.result.slot === 'result-order') {
      hideResult();
    }
    $('order-detail').hidden = true;
    $('order-detail').removeAttribute('data-order-id');
    markCurrentOrderRow();
  });

  // ---- anomalies ----

  async function loadAnomalies(number) {
    const ticket = takeTicket('anomalies');
    const state = page.anomalies.state;
    show('anomalies-loading', true);
    try {
      const data = await api('GET', `/api/admin/anomalies?${query({ state, page: number, size: ANOMALIES_PAGE_SIZE })}`);
      if (!isCurrent(ticket)) {
        return;
      }
      page.anomalies.page = number;
      page.anomalies.data = data;
      clearError('anomalies');
      renderAnomalies();
    }
    catch (error) {
      if (isCurrent(ticket)) {
        reportLoad('anomalies', 'error.loadAnomalies', error);
      }
    }
    finally {
      if (isCurrent(ticket)) {
        show('anomalies-loading', false);
      }
    }
  }

  function renderAnomalies() {
    const state = page.anomalies.state;
    $('anomalies-open').setAttribute('aria-pressed', String(state === 'open'));
    $('anomalies-resolved').setAttribute('aria-pressed', String(state === 'resolved'));
    $('anomalies-table').dataset.state = state;
    const data = page.anomalies.data;
    const anomalies = data && Array.isArray(data.anomalies) ? data.anomalies : [];
    $('anomalies-body').replaceChildren(...anomalies.map(anomalyRow));
    const empty = $('anomalies-empty');
    empty.textContent = t(state === 'open' ? 'anomalies.emptyOpen' : 'anomalies.emptyResolved');
    empty.hidden = !data || anomalies.length > 0;
    renderPager('anomalies-page', 'anomalies-prev-page', 'anomalies-next-page',
      data ? page.anomalies.page : null, data && data.hasMore);
  }

  function anomalyRow(anomaly) {
    const resolved = Boolean(anomaly.resolvedAt);
    const row = el('tr', {
      testid: 'anomaly-row', data: { anomalyId: anomaly.id, state: resolved ? 'resolved' : 'open' }
    });
    const transaction = anomaly.transactionId || anomaly.refundId
      ? el('span', {},
        anomaly.transactionId ? codeText(anomaly.transactionId) : null,
        anomaly.refundId ? el('span', { cls: 'sub', text: t('anomalies.refundId', { id: anomaly.refundId }) }) : null)
      : null;
    const order = orderLink(anomaly.orderId);
    const resolution = resolved
      ? el('span', {}, el('span', { cls: 'pre', text: anomaly.resolution || '' }),
        el('span', { cls: 'sub' }, timeNode(anomaly.resolvedAt)))
      : null;
    const actions = resolved ? null : el('div', { cls: 'row-actions' },
      button('anomaly.refund', { testid: 'anomaly-refund', onClick: () => refundAnomaly(anomaly) }),
      button('anomaly.resolve', { testid: 'anomaly-resolve', onClick: () => resolveAnomaly(anomaly) }));
    row.append(
      cell('col.anomaly', codeText(String(anomaly.id))),
      cell('col.kind', badge('anomalyKind', anomaly.kind)),
      cell('col.order', order),
      cell('col.transaction', transaction),
      cell('col.amount', amountNode(anomaly.totalFee), 'num'),
      cell('col.detail', anomaly.detail ? el('span', { cls: 'pre', text: anomaly.detail }) : null),
      cell('col.recorded', timeNode(anomaly.recordedAt)),
      cell('col.resolution', resolution, 'col-resolved'),
      cell('col.actions', actions, 'col-open'));
    return row;
  }

  async function refundAnomaly(anomaly) {
    const answer = await confirmAction({
      titleKey: 'confirm.refundTitle', messageKey: 'confirm.refund', danger: true,
      values: {
        id: anomaly.id, order: anomaly.orderId || t('common.none'),
        transaction: anomaly.transactionId || t('common.none'), amount: yuan(anomaly.totalFee) || t('common.none')
      }
    });
    if (!answer) {
      return;
    }
    await runAction('result-anomalies', async () => {
      const refund = await api('POST', path('anomalies', anomaly.id, 'refund'));
      return () => t('result.refund', {
        id: refund && (refund.id || refund.refundId) || t('common.none'),
        state: refund && codeLabel('refundState', refund.state) || t('common.none')
      });
    }, () => loadAnomalies(page.anomalies.page));
  }

  async function resolveAnomaly(anomaly) {
    const answer = await confirmAction({
      titleKey: 'confirm.resolveTitle', messageKey: 'confirm.resolve', note: true,
      values: { id: anomaly.id, order: anomaly.orderId || t('common.none') }
    });
    if (!answer) {
      return;
    }
    await runAction('result-anomalies', async () => {
      await api('POST', path('anomalies', anomaly.id, 'resolve'), { note: answer.note });
      return () => t('result.resolve', { id: anomaly.id });
    }, () => loadAnomalies(page.anomalies.page));
  }

  function showAnomalies(state) {
    if (page.anomalies.state !== state) {
      page.anomalies = { state, page: 0, data: null };
      renderAnomalies();
    }
    loadAnomalies(page.anomalies.page);
  }

  $('anomalies-open').addEventListener('click', () => showAnomalies('open'));
  $('anomalies-resolved').addEventListener('click', () => showAnomalies('resolved'));
  $('anomalies-prev-page').addEventListener('click', () => loadAnomalies(Math.max(0, page.anomalies.page - 1)));
  $('anomalies-next-page').addEventListener('click', () => loadAnomalies(page.anomalies.page + 1));

  // ---- reconciliation: bill runs ----

  async function loadBills() {
    const ticket = takeTicket('bills');
    show('bills-loading', true);
    try {
      const runs = await api('GET', '/api/admin/bills');
      if (!isCurrent(ticket)) {
        return;
      }
      page.bills.runs = Array.isArray(runs) ? runs : [];
      clearError('bills');
      renderBills();
    }
    catch (error) {
      if (isCurrent(ticket)) {
        reportLoad('bills', 'error.loadBills', error);
      }
    }
    finally {
      if (isCurrent(ticket)) {
        show('bills-loading', false);
      }
    }
  }

  function renderBills() {
    const runs = page.bills.runs || [];
    $('bills-body').replaceChildren(...runs.map(billRow));
    show('bills-empty', page.bills.runs !== null && runs.length === 0);
    renderBillRun();
  }

  function billRow(run) {
    const row = el('tr', { cls: 'clickable', testid: 'bill-run', data: { billDate: run.billDate, status: run.status } });
    const shown = page.bills.run && page.bills.run.run && page.bills.run.run.billDate === run.billDate;
    if (shown) {
      row.setAttribute('aria-current', 'true');
    }
    const date = el('button', { cls: 'link code', text: run.billDate });
    date.type = 'button';
    row.append(
      cell('col.billDate', date),
      cell('col.status', badge('billStatus', run.status)),
      cell('col.billType', run.billType ? codeText(run.billType) : null),
      cell('col.billTransactions', run.billTransactions, 'num'),
      cell('col.loggedPayments', run.loggedPayments, 'num'),
      cell('col.discrepancies', run.discrepancies, 'num'),
      cell('col.repaired', run.repaired, 'num'),
      cell('col.runs', run.runs, 'num'),
      cell('col.started', run.startedAt ? timeNode(run.startedAt) : null),
      cell('col.finished', run.finishedAt ? timeNode(run.finishedAt) : null),
      cell('col.error', run.error ? el('span', { cls: 'pre error-text', text: run.error }) : null));
    row.addEventListener('click', () => openBillRun(run.billDate, { scroll: true }));
    return row;
  }

  async function openBillRun(date, { scroll = false } = {}) {
    const ticket = takeTicket('bill');
    try {
      const data = await api('GET', path('bills', date));
      if (!isCurrent(ticket)) {
        return;
      }
      page.bills.run = data;
      clearError('bill');
      renderBills();
      if (scroll) {
        $('bill-run-detail').scrollIntoView({ block: 'start' });
      }
    }
    catch (error) {
      if (isCurrent(ticket)) {
        reportLoad('bill', 'error.loadBill', error);
      }
    }
  }

  function renderBillRun() {
    const detail = $('bill-run-detail');
    const data = page.bills.run;
    const run = data && data.run;
    if (!run) {
      detail.hidden = true;
      detail.removeAttribute('data-bill-date');
      detail.removeAttribute('data-status');
      return;
    }
    detail.dataset.billDate = run.billDate || '';
    detail.dataset.status = run.status || '';
    $('bill-run-heading').textContent = t('run.heading', { date: run.billDate });
    $('bill-run-facts').replaceChildren(
      fact('run.status', badge('billStatus', run.status)),
      fact('run.billType', run.billType ? codeText(run.billType) : null),
      fact('run.billTransactions', run.billTransactions),
      fact('run.loggedPayments', run.loggedPayments),
      fact('run.discrepancies', run.discrepancies),
      fact('run.repaired', run.repaired),
      fact('run.runs', run.runs),
      fact('run.started', run.startedAt ? timeNode(run.startedAt) : null),
      fact('run.finished', run.finishedAt ? timeNode(run.finishedAt) : null),
      fact('run.error', run.error ? el('span', { cls: 'pre error-text', text: run.error }) : null));
    const discrepancies = Array.isArray(data.discrepancies) ? data.discrepancies : [];
    $('discrepancies-body').replaceChildren(...discrepancies.map(discrepancyRow));
    show('discrepancies-empty', discrepancies.length === 0);
    detail.hidden = false;
  }

  function discrepancyRow(item) {
    const order = orderLink(item.orderId);
    return el('tr', { testid: 'discrepancy', data: { kind: item.kind } },
      cell('col.id', item.id),
      cell('col.kind', badge('discrepancyKind', item.kind)),
      cell('col.transaction', item.transactionId ? codeText(item.transactionId) : null),
      cell('col.order', order),
      cell('col.refund', item.refundId ? codeText(item.refundId) : null),
      cell('col.billFee', amountNode(item.billFee), 'num'),
      cell('col.loggedFee', amountNode(item.loggedFee), 'num'),
      cell('col.billStatus', item.billStatus ? codeText(item.billStatus) : null),
      cell('col.repaired', yesNo(item.repaired)),
      cell('col.detail', item.detail ? el('span', { cls: 'pre', text: item.detail }) : null),
      cell('col.found', item.foundAt ? timeNode(item.foundAt) : null),
      cell('col.lastSeen', item.lastSeenAt ? timeNode(item.lastSeenAt) : null));
  }

  async function checkBillDate() {
    const date = $('bill-date').value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      showResult('result-bills', 'error', () => t('bills.needDate'));
      $('bill-date').focus();
      return;
    }
    const answer = await confirmAction({ titleKey: 'confirm.checkTitle', messageKey: 'confirm.check', values: { date } });
    if (!answer) {
      return;
    }
    await runAction('result-bills', async () => {
      const data = await api('POST', path('bills', date, 'check'));
      takeTicket('bill');
      page.bills.run = data;
      renderBills();
      const run = data && data.run || {};
      return () => t('result.check', {
        date: run.billDate || date,
        status: codeLabel('billStatus', run.status) || t('common.none'),
        discrepancies: run.discrepancies ?? (Array.isArray(data && data.discrepancies) ? data.discrepancies.length : 0)
      });
    }, loadBills);
  }

  $('check-form').addEventListener('submit', event => {
    event.preventDefault();
    checkBillDate();
  });
  $('refresh-bills').addEventListener('click', loadBills);
  $('bill-run-hide').addEventListener('click', () => {
    takeTicket('bill');
    page.bills.run = null;
    renderBills();
  });

  // ---- reconciliation: pipeline health ----

  async function loadPipeline() {
    const ticket = takeTicket('pipeline');
    show('pipeline-loading', true);
    try {
      const data = await api('GET', '/api/admin/pipeline');
      if (!isCurrent(ticket)) {
        return;
      }
      page.pipeline = data || {};
      clearError('pipeline');
      renderPipeline();
    }
    catch (error) {
      if (isCurrent(ticket)) {
        reportLoad('pipeline', 'error.loadPipeline', error);
      }
    }
    finally {
      if (isCurrent(ticket)) {
        show('pipeline-loading', false);
      }
    }
  }

  function renderPipeline() {
    const data = page.pipeline;
    const pending = data && data.pendingQueue || {};
    const outbox = data && data.outbox || {};
    setMeasure('pending-depth', data ? pending.depth : null);
    setAge('pending-oldest', data ? secondsSince(pending.headPlacedAt) : null);
    setMeasure('outbox-messages', data ? outbox.messages : null);
    setAge('outbox-oldest', data ? secondsSince(outbox.oldestMessageAt) : null);

    const checks = Array.isArray(pending.nextChecks) ? pending.nextChecks : [];
    $('next-checks').replaceChildren(...checks.map(nextCheck));
    show('next-checks-empty', Boolean(data) && checks.length === 0);

    const queues = data && Array.isArray(data.deadLetters) ? data.deadLetters : [];
    $('dead-letters-body').replaceChildren(...queues.map(deadLetterRow));
    show('dead-letters-empty', Boolean(data) && queues.length === 0);

    const endpoints = data && Array.isArray(data.failingWebhookEndpoints) ? data.failingWebhookEndpoints : [];
    $('endpoints-body').replaceChildren(...endpoints.map(endpointRow));
    show('endpoints-empty', Boolean(data) && endpoints.length === 0);
  }

  function setMeasure(id, value) {
    $(id).replaceChildren(orDash(value === null || value === undefined ? null : String(value)));
  }

  /** Whole seconds from an ISO instant until now, or null without one. */
  function secondsSince(instant) {
    if (!instant) {
      return null;
    }
    return Math.max(0, Math.round((Date.now() - Date.parse(instant)) / 1000));
  }

  function setAge(id, seconds) {
    const element = $(id);
    element.replaceChildren(orDash(duration(seconds)));
    element.dataset.seconds = seconds === null || seconds === undefined ? '' : String(seconds);
  }

  function nextCheck(check) {
    const order = orderLink(check.orderId);
    return el('li', { testid: 'next-check', data: { orderId: check.orderId } },
      order, el('span', { cls: 'sub' }, check.dueAt ? timeNode(check.dueAt) : dash()));
  }

  function deadLetterRow(queue) {
    const messages = Number(queue.messages) || 0;
    const requeue = button('pipeline.requeue', { testid: 'requeue', onClick: () => requeueDeadLetters(queue) });
    requeue.disabled = messages <= 0;
    return el('tr', { testid: 'dead-letter', data: { queue: queue.queue, messages } },
      cell('col.queue', codeText(queue.queue)),
      cell('col.messages', String(messages), messages > 0 ? 'num alert' : 'num'),
      cell('col.actions', requeue));
  }

  function endpointRow(endpoint) {
    return el('tr', { testid: 'failing-endpoint', data: { endpointId: endpoint.id } },
      cell('col.id', endpoint.id),
      cell('col.tenant', endpoint.tenant),
      cell('col.url', endpoint.url ? el('span', { cls: 'code', text: endpoint.url }) : null),
      cell('col.failingSince', endpoint.failingSince ? timeNode(endpoint.failingSince) : null),
      cell('col.backlog', endpoint.backlog, 'num'));
  }

  async function requeueDeadLetters(queue) {
    const answer = await confirmAction({
      titleKey: 'confirm.requeueTitle', messageKey: 'confirm.requeue',
      values: { queue: queue.queue, count: queue.messages }
    });
    if (!answer) {
      return;
    }
    await runAction('result-pipeline', async () => {
      const reply = await api('POST', path('dead-letters', queue.queue, 'requeue'));
      const count = reply && reply.requeued !== undefined ? reply.requeued : 0;
      const name = reply && reply.queue || queue.queue;
      return () => t('result.requeue', { queue: name, count });
    }, loadPipeline);
  }

  $('refresh-pipeline').addEventListener('click', loadPipeline);

  // ---- audit log ----

  async function loadAudit(number) {
    const ticket = takeTicket('audit');
    show('audit-loading', true);
    try {
      const data = await api('GET', `/api/admin/audit?${query({ page: number, size: AUDIT_PAGE_SIZE })}`);
      if (!isCurrent(ticket)) {
        return;
      }
      page.audit = { page: number, data };
      clearError('audit');
      renderAudit();
    }
    catch (error) {
      if (isCurrent(ticket)) {
        reportLoad('audit', 'error.loadAudit', error);
      }
    }
    finally {
      if (isCurrent(ticket)) {
        show('audit-loading', false);
      }
    }
  }

  function renderAudit() {
    const data = page.audit.data;
    const entries = data && Array.isArray(data.entries) ? data.entries : [];
    $('audit-body').replaceChildren(...entries.map(auditRow));
    show('audit-empty', Boolean(data) && entries.length === 0);
    renderPager('audit-page', 'audit-prev-page', 'audit-next-page', data ? page.audit.page : null, data && data.hasMore);
  }

  function auditRow(entry) {
    const order = orderLink(entry.orderId);
    return el('tr', { testid: 'audit-row', data: { auditId: entry.id, action: entry.action, outcome: entry.outcome } },
      cell('col.at', timeNode(entry.at)),
      cell('col.key', entry.keyName),
      cell('col.action', entry.action ? codeText(entry.action) : null),
      cell('col.order', order),
      cell('col.target', entry.target ? el('span', { cls: 'code', text: entry.target }) : null),
      cell('col.outcome', entry.outcome ? badge('outcome', entry.outcome) : null),
      cell('col.detail', entry.detail ? el('span', { cls: 'pre', text: entry.detail }) : null));
  }

  $('audit-prev-page').addEventListener('click', () => loadAudit(Math.max(0, page.audit.page - 1)));
  $('audit-next-page').addEventListener('click', () => loadAudit(page.audit.page + 1));
  $('refresh-audit').addEventListener('click', () => loadAudit(page.audit.page));

  // ---- language ----

  /** Everything drawn from data is drawn again in the other language. */
  function renderAll() {
    renderSignInError();
    renderErrors();
    renderResult();
    renderOrders();
    renderOrderDetail();
    if (page.order.id && !page.order.data) {
      $('order-heading').textContent = t('detail.heading', { id: page.order.id });
    }
    renderAnomalies();
    renderBills();
    renderPipeline();
    renderAudit();
    setSignInBusy($('sign-in').disabled);
  }

  $('lang-switch').addEventListener('click', () => {
    i18n.toggle();
    renderAll();
  });

  // ---- start ----

  function start() {
    i18n.apply();
    renderAll();
    const stored = sessionStorage.getItem(KEY_STORAGE);
    if (stored) {
      signIn(stored, { stored: true });
    }
    else {
      $('key-input').focus();
    }
  }

  start();
})();
