// Every element the app builds from data goes through h(): strings become text nodes or attribute
// values, never markup, so nothing a user typed is ever parsed as HTML.

/**
 * h('li', {class: 'msg', dataset: {id}}, 'text', childNode) — a small createElement wrapper.
 * Props: class, text, dataset, on<event> (functions only), anything else as an attribute.
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) element.dataset[k] = String(v);
    }
    else if (name.startsWith('on')) {
      // an attribute such as onclick="…" would be code: only real functions are accepted
      if (typeof value !== 'function') throw new TypeError(`${name} must be a function`);
      element.addEventListener(name.slice(2), value);
    } else element.setAttribute(name, value === true ? '' : String(value));
  }
  appendChildren(element, children);
  return element;
}

export function appendChildren(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const byId = (id) => document.getElementById(id);

/** Shows or hides an element through the hidden attribute (CSS keeps [hidden] hidden). */
export function show(element, visible) {
  element.hidden = !visible;
}
