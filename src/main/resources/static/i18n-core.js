'use strict';

/**
 * What the checkout page's and the console's words share: the language (remembered in localStorage, else the
 * browser's, Chinese for any zh-*), and filling in elements that carry data-i18n (their text), data-i18n-label
 * (aria-label), data-i18n-title (title) or data-i18n-placeholder. Each page passes its own messages, by language.
 */
window.ScanpayI18n = {
  create(messages) {
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

    function has(key) {
      return key in messages[language] || key in messages.en;
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
      root.querySelectorAll('[data-i18n-title]').forEach(element => { element.title = text(element.dataset.i18nTitle); });
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

    return { text, has, apply, toggle, get language() { return language; } };
  }
};
