import type { Language, Strings } from './strings.js';

type TextKey = { [K in keyof Strings]: Strings[K] extends string ? K : never }[keyof Strings];

/**
 * Words the page's fixed elements in `language`: `data-text="key"` sets an element's text and `data-label="key"`
 * its accessible name, both from strings.ts; the page's HTML holds no words of its own.
 */
export function showStaticTexts(language: Language, strings: Strings): void {
  document.documentElement.lang = language;
  document.title = `${strings.title} · voiceprep`;
  for (const node of document.querySelectorAll<HTMLElement>('[data-text]')) {
    node.textContent = strings[node.dataset.text as TextKey];
  }
  for (const node of document.querySelectorAll<HTMLElement>('[data-aria]')) {
    node.setAttribute('aria-label', strings[node.dataset.aria as TextKey]);
  }
}
