// A round badge with a person's initial, in a colour derived from the name so a person keeps theirs.
import { h } from '../../shared/dom.js';

export function hueOf(name) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}

export function avatar(name, className = 'avatar') {
  const element = h('span', { class: className, 'aria-hidden': 'true' }, [...name][0]?.toUpperCase() ?? '?');
  element.style.setProperty('--hue', String(hueOf(name)));
  return element;
}
