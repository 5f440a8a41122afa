'use strict';

/**
 * The checkout page's words in Chinese and English. Elements carry data-i18n (their text),
 * data-i18n-label (aria-label) or data-i18n-placeholder; scripts call CheckoutI18n.text(key, values).
 */
window.CheckoutI18n = (() => {
  const messages = {
    en: {
      'page.title': 'scanpay checkout',
      'page.heading': 'Checkout',
      'language.switch': '中文',
      'language.label': 'Switch the page to Chinese',
      'key.heading': 'API key',
      'key.label': 'API key of this shop',
      'key.hint': 'Kept in this browser tab only.',
      'key.submit': 'Use this key',
      'key.needed': 'Enter an API key to continue.',
      'key.rejected': 'The API key was refused. Enter another one.',
      'key.forbidden': 'This API key may not do that.',
      'user.label': 'Your name',
      'catalogue.heading': 'Products',
      'catalogue.loading': 'Loading the products…',
      'catalogue.empty': 'No products yet.',
      'catalogue.stock': '{count} in stock',
      'catalogue.soldOut': 'Sold out',
      'catalogue.add': 'Add one {name}',
      'catalogue.remove': 'Remove one {name}',
      'catalogue.quantity': 'Quantity of {name}',
      'cart.total': 'Total',
      'cart.items': '{count} items',
      'cart.empty': 'Your cart is empty.',
      'cart.place': 'Place order',
      'cart.placing': 'Placing the order…',
      'order.heading': 'Pay with WeChat',
      'order.id': 'Order',
      'order.amount': 'Amount',
      'order.scan': 'Open WeChat, scan the code and pay.',
      'order.qrAlt': 'WeChat Pay QR code for {amount}',
      'order.timeLeft': 'Time left',
      'order.wallet': 'Pay with the sandbox wallet',
      'order.walletHint': 'Opens the WeChat Pay emulator’s payer page in a new tab.',
      'order.new': 'Buy something else',
      'status.preparing': 'Getting the QR code…',
      'status.waiting': 'Waiting for the payment…',
      'status.paid': 'Paid. Thank you!',
      'status.partiallyRefunded': 'Paid; {amount} of it has been refunded.',
      'status.refunded': 'Refunded: {amount} went back to the payer.',
      'status.expired': 'Expired: the order was not paid in time.',
      'status.expiredClosed': 'Expired: the order is closed and nothing was charged.',
      'status.cancelled': 'Cancelled: the order is closed.',
      'status.failed': 'The payment failed: the order is closed.',
      'error.network': 'The server cannot be reached. Trying again…',
      'error.unavailable': 'The service is unavailable right now. Trying again in {seconds} s.',
      'error.rateLimited': 'Too many requests. Waiting {seconds} s.',
      'error.outOfStock': 'Not enough stock for this order.',
      'error.wechatRefused': 'WeChat Pay refused the payment request.',
      'error.username': 'Enter your name first.',
      'error.other': 'Something went wrong ({status}).'
    },
    zh: {
      'page.title': 'scanpay 收银台',
      'page.heading': '收银台',
      'language.switch': 'English',
      'language.label': '切换为英文页面',
      'key.heading': 'API 密钥',
      'key.label': '本店的 API 密钥',
      'key.hint': '只保存在当前浏览器标签页中。',
      'key.submit': '使用此密钥',
      'key.needed': '请输入 API 密钥后继续。',
      'key.rejected': 'API 密钥被拒绝，请输入其他密钥。',
      'key.forbidden': '此 API 密钥无权执行该操作。',
      'user.label': '您的名字',
      'catalogue.heading': '商品',
      'catalogue.loading': '正在加载商品…',
      'catalogue.empty': '暂无商品。',
      'catalogue.stock': '库存 {count} 件',
      'catalogue.soldOut': '已售罄',
      'catalogue.add': '增加一件{name}',
      'catalogue.remove': '减少一件{name}',
      'catalogue.quantity': '{name}的数量',
      'cart.total': '合计',
      'cart.items': '共 {count} 件',
      'cart.empty': '购物车是空的。',
      'cart.place': '提交订单',
      'cart.placing': '正在提交订单…',
      'order.heading': '微信支付',
      'order.id': '订单号',
      'order.amount': '金额',
      'order.scan': '请打开微信扫一扫，扫码付款。',
      'order.qrAlt': '微信支付二维码，金额 {amount}',
      'order.timeLeft': '剩余时间',
      'order.wallet': '用沙箱钱包付款',
      'order.walletHint': '在新标签页中打开微信支付模拟器的付款页。',
      'order.new': '继续购物',
      'status.preparing': '正在获取二维码…',
      'status.waiting': '等待付款…',
      'status.paid': '已支付，谢谢！',
      'status.partiallyRefunded': '已支付，其中 {amount} 已退款。',
      'status.refunded': '已退款：{amount} 已退回付款人。',
      'status.expired': '已过期：订单未在规定时间内支付。',
      'status.expiredClosed': '已过期：订单已关闭，未扣款。',
      'status.cancelled': '已取消：订单已关闭。',
      'status.failed': '支付失败：订单已关闭。',
      'error.network': '无法连接服务器，正在重试…',
      'error.unavailable': '服务暂时不可用，{seconds} 秒后重试。',
      'error.rateLimited': '请求过于频繁，请等待 {seconds} 秒。',
      'error.outOfStock': '库存不足，无法下单。',
      'error.wechatRefused': '微信支付拒绝了支付请求。',
      'error.username': '请先输入您的名字。',
      'error.other': '出错了（{status}）。'
    }
  };

  const STORAGE_KEY = 'scanpay.language';
  let language = initialLanguage();

  function initialLanguage() {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored in messages) {
      return stored;
    }
    const preferred = navigator.languages && navigator.languages.length ? navigator.languages[0] : navigator.language;
    return (preferred || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }

  function text(key, values = {}) {
    const template = messages[language][key] ?? messages.en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  function apply(root = document) {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = text('page.title');
    root.querySelectorAll('[data-i18n]').forEach(element => { element.textContent = text(element.dataset.i18n); });
    root.querySelectorAll('[data-i18n-label]').forEach(element => {
      element.setAttribute('aria-label', text(element.dataset.i18nLabel));
    });
    root.querySelectorAll('[data-i18n-placeholder]').forEach(element => {
      element.placeholder = text(element.dataset.i18nPlaceholder);
    });
  }

  function toggle() {
    language = language === 'zh' ? 'en' : 'zh';
    localStorage.setItem(STORAGE_KEY, language);
    apply();
    return language;
  }

  return { text, apply, toggle, get language() { return language; } };
})();
