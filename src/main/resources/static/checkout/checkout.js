'use strict';

/*
 * The checkout page: catalogue and cart, an order, its WeChat Pay QR code with a countdown, and the payment's
 * outcome as the server reports it. Every API call carries the API key as a bearer token.
 */
(() => {
  const i18n = window.CheckoutI18n;
  const t = i18n.text;
  const $ = id => document.getElementById(id);

  const POLL_INTERVAL_MS = 2000;
  const SLOW_POLL_INTERVAL_MS = 5000;
  const DEFAULT_RETRY_SECONDS = 5;
  const QR_SIZE = 320;
  const KEY_STORAGE = 'scanpay.apiKey';
  const USERNAME_STORAGE = 'scanpay.username';
  const ORDER_STORAGE = 'scanpay.orderId';

  const page = {
    config: { apiKey: null, sandbox: false, payerUrl: null },
    apiKey: null,
    skus: [],
    cart: new Map(),
    placing: false,
    placeBlockedUntil: 0,
    attempt: null,
    clockSkewMs: 0,
    notice: null,
    status: null,
    order: null
  };

  class ApiError extends Error {
    constructor(status, problem, retryAfterSeconds) {
      super(problem && (problem.detail || problem.title) || `HTTP ${status}`);
      this.status = status;
      this.problem = problem;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    get type() {
      return this.problem && this.problem.type || '';
    }
  }

  // ---- API ----

  async function api(method, path, { body, headers = {}, as = 'json' } = {}) {
    const sent = { Accept: as === 'blob' ? 'image/png' : 'application/json', ...headers };
    if (page.apiKey) {
      sent.Authorization = `Bearer ${page.apiKey}`;
    }
    if (body !== undefined) {
      sent['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, {
        method, headers: sent, cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body)
      });
    }
    catch (e) {
      throw new ApiError(0, null, null);
    }
    noteServerTime(response);
    if (!response.ok) {
      let problem = null;
      try {
        problem = await response.json();
      }
      catch (e) {
        // not a problem document: the status says enough
      }
      throw new ApiError(response.status, problem, retryAfter(response));
    }
    return as === 'blob' ? response.blob() : response.json();
  }

  function retryAfter(response) {
    const value = response.headers.get('Retry-After');
    if (!value) {
      return null;
    }
    const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
    return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : null;
  }

  /** A phone's clock can be minutes off; the countdown follows the server's clock when it is clearly apart. */
  function noteServerTime(response) {
    const date = Date.parse(response.headers.get('Date') || '');
    if (Number.isFinite(date)) {
      const skew = date - Date.now();
      page.clockSkewMs = Math.abs(skew) > 3000 ? skew : 0;
    }
  }

  function serverNow() {
    return Date.now() + page.clockSkewMs;
  }

  /** An Idempotency-Key; crypto.randomUUID exists only on https or localhost, getRandomValues everywhere. */
  function newIdempotencyKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return 'checkout-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  // ---- notices and errors ----

  function showNotice(key, values = {}, detail = null) {
    page.notice = { key, values, detail };
    renderNotice();
  }

  function clearNotice() {
    page.notice = null;
    renderNotice();
  }

  function renderNotice() {
    const notice = $('notice');
    if (!page.notice) {
      notice.hidden = true;
      notice.textContent = '';
      delete notice.dataset.kind;
      return;
    }
    const { key, values, detail } = page.notice;
    notice.textContent = detail ? `${t(key, values)} ${detail}` : t(key, values);
    notice.dataset.kind = key;
    notice.hidden = false;
  }

  /**
   * Shows what went wrong; answers how many seconds to wait before trying again, or null when trying again
   * makes no sense until the user does something.
   */
  function report(error) {
    if (!(error instanceof ApiError)) {
      console.error(error);
      showNotice('error.other', { status: '?' });
      return null;
    }
    switch (error.status) {
      case 0:
        showNotice('error.network');
        return DEFAULT_RETRY_SECONDS;
      case 401:
        askForKey('key.rejected');
        return null;
      case 403:
        showNotice('key.forbidden');
        return null;
      case 429: {
        const seconds = error.retryAfterSeconds || DEFAULT_RETRY_SECONDS;
        showNotice('error.rateLimited', { seconds });
        return seconds;
      }
      case 502:
      case 503:
      case 504: {
        const seconds = error.retryAfterSeconds || DEFAULT_RETRY_SECONDS;
        showNotice(error.status === 502 ? 'error.wechatRefused' : 'error.unavailable', { seconds },
          error.status === 502 ? error.problem && error.problem.detail : null);
        return error.status === 502 ? null : seconds;
      }
      default:
        if (error.type.endsWith(':out-of-stock')) {
          showNotice('error.outOfStock', {}, error.problem.detail);
        }
        else {
          showNotice('error.other', { status: error.status },
            error.problem && (error.problem.detail || error.problem.title));
        }
        return null;
    }
  }

  /** A GET that failed on the server's side is worth asking again a little later; one it refused is not. */
  function retryableGet(error, wait) {
    if (wait === null && error instanceof ApiError && error.status >= 500) {
      return DEFAULT_RETRY_SECONDS;
    }
    return wait;
  }

  // ---- formatting ----

  function yuan(fen) {
    const sign = fen < 0 ? '-' : '';
    const abs = Math.abs(fen);
    return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }

  function clock(milliseconds) {
    const total = Math.max(0, Math.ceil(milliseconds / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor(total % 3600 / 60);
    const seconds = String(total % 60).padStart(2, '0');
    return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${String(minutes).padStart(2, '0')}:${seconds}`;
  }

  // ---- API key ----

  function askForKey(reason) {
    if (page.apiKey && page.apiKey === sessionStorage.getItem(KEY_STORAGE)) {
      sessionStorage.removeItem(KEY_STORAGE);
    }
    page.apiKey = null;
    $('key-panel').hidden = false;
    $('shop').hidden = true;
    showNotice(reason);
    $('api-key').focus();
  }

  $('key-form').addEventListener('submit', event => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (!key) {
      return;
    }
    page.apiKey = key;
    sessionStorage.setItem(KEY_STORAGE, key);
    $('api-key').value = '';
    $('key-panel').hidden = true;
    clearNotice();
    if (page.order) {
      resumeOrder(page.order.id);
    }
    else {
      openShop();
    }
  });

  // ---- username ----

  function initialUsername() {
    const stored = localStorage.getItem(USERNAME_STORAGE);
    if (stored) {
      return stored;
    }
    const suffix = Array.from(crypto.getRandomValues(new Uint8Array(3)), b => b.toString(36).padStart(2, '0')).join('');
    const name = `guest-${suffix}`;
    localStorage.setItem(USERNAME_STORAGE, name);
    return name;
  }

  $('username').addEventListener('change', () => {
    const name = $('username').value.trim();
    if (name) {
      localStorage.setItem(USERNAME_STORAGE, name);
    }
  });

  // ---- catalogue and cart ----

  async function openShop() {
    $('checkout').hidden = true;
    $('shop').hidden = false;
    await loadCatalogue();
  }

  async function loadCatalogue() {
    $('catalogue-status').hidden = false;
    $('catalogue-status').dataset.i18n = 'catalogue.loading';
    $('catalogue-status').textContent = t('catalogue.loading');
    try {
      page.skus = await api('GET', '/api/skus');
      clearNoticeOf('error.network', 'error.unavailable', 'error.rateLimited');
    }
    catch (error) {
      const wait = retryableGet(error, report(error));
      if (wait !== null) {
        setTimeout(loadCatalogue, wait * 1000);
      }
      return;
    }
    for (const [skuId, quantity] of page.cart) {
      const sku = page.skus.find(s => s.id === skuId);
      if (!sku || sku.stock === 0) {
        page.cart.delete(skuId);
      }
      else if (quantity > sku.stock) {
        page.cart.set(skuId, sku.stock);
      }
    }
    renderCatalogue();
  }

  function clearNoticeOf(...keys) {
    if (page.notice && keys.includes(page.notice.key)) {
      clearNotice();
    }
  }

  function renderCatalogue() {
    const list = $('catalogue');
    const status = $('catalogue-status');
    list.replaceChildren();
    if (page.skus.length === 0) {
      status.dataset.i18n = 'catalogue.empty';
      status.textContent = t('catalogue.empty');
      status.hidden = false;
    }
    else {
      status.hidden = true;
    }
    for (const sku of page.skus) {
      list.append(skuItem(sku));
    }
    renderCart();
  }

  function skuItem(sku) {
    const quantity = page.cart.get(sku.id) || 0;
    const item = document.createElement('li');
    item.className = 'sku';
    item.dataset.testid = `sku-${sku.id}`;

    const about = document.createElement('div');
    about.className = 'sku-about';
    const name = document.createElement('span');
    name.className = 'sku-name';
    name.textContent = sku.name;
    const price = document.createElement('span');
    price.className = 'sku-price';
    price.textContent = yuan(sku.priceFen);
    const stock = document.createElement('span');
    stock.className = 'sku-stock';
    stock.textContent = sku.stock > 0 ? t('catalogue.stock', { count: sku.stock }) : t('catalogue.soldOut');
    about.append(name, price, stock);

    const stepper = document.createElement('div');
    stepper.className = 'stepper';
    const remove = stepButton('−', t('catalogue.remove', { name: sku.name }), `remove-${sku.id}`, quantity === 0,
      () => changeQuantity(sku, -1));
    const count = document.createElement('output');
    count.className = 'quantity';
    count.dataset.testid = `quantity-${sku.id}`;
    count.setAttribute('aria-label', t('catalogue.quantity', { name: sku.name }));
    count.textContent = String(quantity);
    const add = stepButton('+', t('catalogue.add', { name: sku.name }), `add-${sku.id}`, quantity >= sku.stock,
      () => changeQuantity(sku, 1));
    stepper.append(remove, count, add);

    item.append(about, stepper);
    return item;
  }

  function stepButton(symbol, label, testId, disabled, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'step';
    button.textContent = symbol;
    button.setAttribute('aria-label', label);
    button.dataset.testid = testId;
    button.disabled = disabled;
    button.addEventListener('click', onClick);
    return button;
  }

  function changeQuantity(sku, delta) {
    const quantity = Math.min(sku.stock, Math.max(0, (page.cart.get(sku.id) || 0) + delta));
    if (quantity === 0) {
      page.cart.delete(sku.id);
    }
    else {
      page.cart.set(sku.id, quantity);
    }
    const item = $('catalogue').querySelector(`[data-testid="sku-${sku.id}"]`);
    const replacement = skuItem(sku);
    item.replaceWith(replacement);
    replacement.querySelector(`[data-testid="${delta > 0 ? 'add' : 'remove'}-${sku.id}"]`).focus();
    renderCart();
  }

  function cartLines() {
    return [...page.cart].map(([skuId, quantity]) => ({ sku: page.skus.find(s => s.id === skuId), quantity }))
      .filter(line => line.sku);
  }

  function renderCart() {
    const lines = cartLines();
    const count = lines.reduce((sum, line) => sum + line.quantity, 0);
    const total = lines.reduce((sum, line) => sum + line.quantity * line.sku.priceFen, 0);
    $('cart-summary').textContent = count === 0 ? t('cart.empty') : t('cart.items', { count });
    $('cart-total').textContent = yuan(total);
    renderPlaceButton();
  }

  function renderPlaceButton() {
    const button = $('place-order');
    button.disabled = page.placing || page.cart.size === 0 || Date.now() < page.placeBlockedUntil;
    button.dataset.i18n = page.placing ? 'cart.placing' : 'cart.place';
    button.textContent = t(button.dataset.i18n);
  }

  // ---- placing an order ----

  $('place-order').addEventListener('click', placeOrder);

  async function placeOrder() {
    if (page.placing || page.cart.size === 0) {
      return;
    }
    const username = $('username').value.trim();
    if (!username) {
      showNotice('error.username');
      $('username').focus();
      return;
    }
    localStorage.setItem(USERNAME_STORAGE, username);
    const request = {
      username,
      items: [...page.cart].sort(([a], [b]) => a - b).map(([skuId, quantity]) => ({ skuId, quantity })),
      payType: 'WECHAT_NATIVE'
    };
    // One key per attempt: a retry of the same cart after a lost answer returns the order already placed.
    const fingerprint = JSON.stringify(request);
    if (!page.attempt || page.attempt.fingerprint !== fingerprint) {
      page.attempt = { fingerprint, key: newIdempotencyKey() };
    }
    page.placing = true;
    renderPlaceButton();
    try {
      const order = await api('POST', '/api/orders', { body: request, headers: { 'Idempotency-Key': page.attempt.key } });
      page.attempt = null;
      page.cart.clear();
      clearNotice();
      startCheckout(order);
    }
    catch (error) {
      const wait = report(error);
      if (error instanceof ApiError && error.status === 429) {
        page.placeBlockedUntil = Date.now() + wait * 1000;
        setTimeout(renderPlaceButton, wait * 1000 + 50);
      }
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
        page.attempt = null;
        loadCatalogue();
      }
    }
    finally {
      page.placing = false;
      renderPlaceButton();
    }
  }

  // ---- paying an order ----

  /**
   * The order on screen: its deadline (the order's expiry, or the QR code's if sooner), its outcome once
   * known, and the timers that follow it.
   */
  function newCheckout(order) {
    return {
      id: order.id,
      totalFee: order.totalFee,
      deadline: Date.parse(order.expiresAt),
      codeUrl: null,
      outcome: null,
      pollTimer: null,
      prepayTimer: null,
      tickTimer: null,
      qrObjectUrl: null
    };
  }

  function startCheckout(order) {
    stopCheckout();
    page.order = newCheckout(order);
    sessionStorage.setItem(ORDER_STORAGE, order.id);
    $('shop').hidden = true;
    $('checkout').hidden = false;
    $('amount').textContent = yuan(order.totalFee);
    $('order-id').textContent = order.id;
    $('qr-box').hidden = true;
    $('wallet').hidden = true;
    $('wallet-hint').hidden = true;
    $('countdown-line').hidden = false;
    setStatus('preparing');
    tick();
    page.order.tickTimer = setInterval(tick, 250);
    if (order.status === 'UNPAID' && Date.parse(order.expiresAt) > serverNow()) {
      prepay(page.order);
    }
    poll(page.order);
    $('checkout-heading').focus();
  }

  async function resumeOrder(orderId) {
    try {
      startCheckout(await api('GET', `/api/orders/${encodeURIComponent(orderId)}`));
    }
    catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        sessionStorage.removeItem(ORDER_STORAGE);
        openShop();
        return;
      }
      const wait = retryableGet(error, report(error));
      if (wait !== null) {
        setTimeout(() => resumeOrder(orderId), wait * 1000);
      }
    }
  }

  function stopCheckout() {
    const order = page.order;
    if (!order) {
      return;
    }
    clearTimeout(order.pollTimer);
    clearTimeout(order.prepayTimer);
    clearInterval(order.tickTimer);
    if (order.qrObjectUrl) {
      URL.revokeObjectURL(order.qrObjectUrl);
    }
    $('qr').removeAttribute('src');
    page.order = null;
  }

  async function prepay(order) {
    if (order !== page.order || order.outcome) {
      return;
    }
    try {
      const prepayment = await api('POST', `/api/orders/${encodeURIComponent(order.id)}/payment`);
      if (order !== page.order || order.outcome) {
        return;
      }
      order.codeUrl = prepayment.codeUrl;
      order.deadline = Math.min(order.deadline, Date.parse(prepayment.expiresAt));
      const png = await api('GET', `${prepayment.qrCodeUrl}?size=${QR_SIZE}`, { as: 'blob' });
      if (order !== page.order || order.outcome) {
        return;
      }
      order.qrObjectUrl = URL.createObjectURL(png);
      $('qr').src = order.qrObjectUrl;
      $('qr').dataset.codeUrl = order.codeUrl;
      clearNoticeOf('error.network', 'error.unavailable', 'error.rateLimited');
      showPayable(order);
    }
    catch (error) {
      if (order !== page.order) {
        return;
      }
      // 409: paid or closed meanwhile, which the status poll reports.
      if (error instanceof ApiError && error.status === 409) {
        return;
      }
      const wait = report(error);
      if (wait !== null && serverNow() < order.deadline) {
        order.prepayTimer = setTimeout(() => prepay(order), wait * 1000);
      }
    }
  }

  function showPayable(order) {
    if (order.outcome || serverNow() >= order.deadline) {
      return;
    }
    $('qr-box').hidden = false;
    renderQrAlt();
    if (page.config.sandbox && page.config.payerUrl) {
      const wallet = $('wallet');
      wallet.href = `${page.config.payerUrl}?codeUrl=${encodeURIComponent(order.codeUrl)}`;
      wallet.hidden = false;
      $('wallet-hint').hidden = false;
    }
    setStatus('waiting');
  }

  function renderQrAlt() {
    if (page.order) {
      $('qr').alt = t('order.qrAlt', { amount: yuan(page.order.totalFee) });
    }
  }

  async function poll(order) {
    if (order !== page.order || order.outcome && order.outcome.final) {
      return;
    }
    let wait = serverNow() < order.deadline ? POLL_INTERVAL_MS : SLOW_POLL_INTERVAL_MS;
    try {
      const payment = await api('GET', `/api/orders/${encodeURIComponent(order.id)}/payment`);
      if (order !== page.order) {
        return;
      }
      clearNoticeOf('error.network', 'error.unavailable', 'error.rateLimited');
      if (payment.orderStatus === 'PARTIALLY_REFUNDED' || payment.orderStatus === 'REFUNDED') {
        const refunded = await api('GET', `/api/orders/${encodeURIComponent(order.id)}`);
        finish(order, refunded.status === 'REFUNDED' ? 'refunded' : 'partiallyRefunded',
          { amount: yuan(refunded.refundedFen) });
      }
      else if (payment.state === 'PAID' || payment.orderStatus === 'PAID') {
        finish(order, 'paid');
      }
      else if (payment.orderStatus === 'CLOSED') {
        const closed = await api('GET', `/api/orders/${encodeURIComponent(order.id)}`);
        finish(order, closeOutcome(closed.closeReason));
      }
      else if (payment.state === 'FAILED') {
        finish(order, 'failed');
      }
    }
    catch (error) {
      if (order !== page.order) {
        return;
      }
      const retry = retryableGet(error, report(error));
      if (retry === null) {
        return;
      }
      wait = Math.max(wait, retry * 1000);
    }
    if (!(order.outcome && order.outcome.final)) {
      order.pollTimer = setTimeout(() => poll(order), wait);
    }
  }

  function closeOutcome(reason) {
    switch (reason) {
      case 'EXPIRED': return 'expiredClosed';
      case 'CANCELLED': return 'cancelled';
      default: return 'failed';
    }
  }

  function finish(order, state, values = {}) {
    order.outcome = { state, final: true };
    clearTimeout(order.prepayTimer);
    clearInterval(order.tickTimer);
    sessionStorage.removeItem(ORDER_STORAGE);
    hidePayable();
    if (['paid', 'partiallyRefunded', 'refunded'].includes(state)) {
      $('countdown-line').hidden = true;
    }
    else {
      $('countdown').textContent = clock(0);
    }
    setStatus(state, values);
  }

  function hidePayable() {
    $('qr-box').hidden = true;
    $('wallet').hidden = true;
    $('wallet-hint').hidden = true;
  }

  /** The countdown; at zero the page says expired and keeps asking the server until it closes the order. */
  function tick() {
    const order = page.order;
    if (!order || order.outcome && order.outcome.final) {
      return;
    }
    const left = order.deadline - serverNow();
    $('countdown').textContent = clock(left);
    $('countdown').dataset.secondsLeft = String(Math.max(0, Math.ceil(left / 1000)));
    if (left <= 0 && !order.outcome) {
      order.outcome = { state: 'expired', final: false };
      clearTimeout(order.prepayTimer);
      hidePayable();
      setStatus('expired');
    }
  }

  /** The outcome line; values fill its text's placeholders (a refunded amount), again when the language changes. */
  function setStatus(state, values = {}) {
    const status = $('status');
    page.status = { state, values };
    status.dataset.state = state;
    status.dataset.final = String(['paid', 'partiallyRefunded', 'refunded', 'expiredClosed', 'cancelled', 'failed']
      .includes(state));
    status.dataset.i18n = `status.${state}`;
    status.textContent = t(status.dataset.i18n, values);
    status.className = `status status-${state}`;
  }

  $('new-order').addEventListener('click', () => {
    stopCheckout();
    sessionStorage.removeItem(ORDER_STORAGE);
    clearNotice();
    openShop();
  });

  // ---- language ----

  $('language').addEventListener('click', () => {
    i18n.toggle();
    renderNotice();
    if (page.skus.length) {
      renderCatalogue();
    }
    renderQrAlt();
    if (page.status) {
      setStatus(page.status.state, page.status.values);
    }
  });

  // ---- start ----

  async function loadConfig() {
    try {
      const response = await fetch('/checkout/config', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) {
        throw new ApiError(response.status, null, retryAfter(response));
      }
      return await response.json();
    }
    catch (error) {
      const wait = report(error instanceof ApiError ? error : new ApiError(0, null, null)) || DEFAULT_RETRY_SECONDS;
      await new Promise(resolve => setTimeout(resolve, wait * 1000));
      return loadConfig();
    }
  }

  async function start() {
    i18n.apply();
    $('username').value = initialUsername();
    page.config = await loadConfig();
    clearNotice();
    page.apiKey = sessionStorage.getItem(KEY_STORAGE) || page.config.apiKey;
    const orderId = sessionStorage.getItem(ORDER_STORAGE);
    if (!page.apiKey) {
      if (orderId) {
        page.order = { id: orderId };
      }
      askForKey('key.needed');
      return;
    }
    if (orderId) {
      resumeOrder(orderId);
    }
    else {
      openShop();
    }
  }

  start();
})();
