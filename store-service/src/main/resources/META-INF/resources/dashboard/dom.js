// DOM building without innerHTML: every string becomes a text node or an attribute value, so post text can never
// turn into markup or script, whatever it contains.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Whether an attribute value or child is shown: null, undefined and false stand for "none". */
const present = (value) => value !== null && value !== undefined && value !== false;

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (present(value)) {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  // Children may be nested arrays (lists of rows, each a pair of cells): all of them are appended, in order.
  for (const child of children.flat(Infinity).filter(present)) {
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** An HTML element; attributes and children that are null, undefined or false are left out. */
export function el(tag, attributes, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** An SVG element, same rules as {@link el}. */
export function svgEl(tag, attributes, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

/** Replaces an element's children, by the same rules as {@link el}. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter(present));
}

/**
 * A status line ("live", "connection lost, retrying…"): its data-state lets CSS colour it and tests read it, and
 * role="status" on the element makes screen readers announce changes.
 */
export class StatusLine {
  constructor(element) {
    this.element = element;
  }

  set(state, text) {
    this.element.dataset.state = state;
    this.element.textContent = text;
  }
}
