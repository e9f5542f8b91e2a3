// Message text as DOM text nodes, with http(s) links made clickable. Nothing in a message is ever
// parsed as markup: the text goes in through text nodes, and a link's href is set only after the URL
// parser confirms it is http: or https: (no javascript:, data:, or other schemes).
import { h } from '../../shared/dom.js';

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/gi;
// "see https://example.com." — the final dot belongs to the sentence, not the link
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}]+$/;

export function safeHref(candidate) {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function textWithLinks(text) {
  const fragment = document.createDocumentFragment();
  let shownUpTo = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const linkText = match[0].replace(TRAILING_PUNCTUATION, '');
    const href = safeHref(linkText);
    if (!href) continue;
    fragment.append(document.createTextNode(text.slice(shownUpTo, match.index)));
    fragment.append(h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, linkText));
    shownUpTo = match.index + linkText.length;
  }
  fragment.append(document.createTextNode(text.slice(shownUpTo)));
  return fragment;
}
