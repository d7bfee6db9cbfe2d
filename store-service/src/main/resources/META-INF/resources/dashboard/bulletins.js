// The bulletin list: the recent posts shown at load, then the stream's posts on top, each post once, at its
// latest stored version.

import { el, replaceChildren } from './dom.js';
import { renderPost } from './card.js';

/** Beyond this many cards the oldest go, so that a page left open for days stays light. */
const MAX_CARDS = 200;

export class BulletinList {
  constructor(container) {
    this.container = container;
    /** postId → the card's article element. */
    this.cards = new Map();
  }

  /** Shows the posts loaded at start, in the API's order (newest first). */
  showInitial(posts) {
    this.cards.clear();
    const cards = posts.map((post) => this.#card(post));
    replaceChildren(this.container, cards.length > 0 ? cards : this.#emptyNote());
    this.container.setAttribute('aria-busy', 'false');
  }

  /**
   * A post from the stream: a new post goes on top; a later store event of a post replaces its card where it is;
   * an event already shown (the stream may repeat events after a reconnect) changes nothing. Event ids, not
   * revisions, say which is later: dedup counts revisions from 1 again when it decides a post it had forgotten.
   *
   * @returns 'added', 'revised' or 'unchanged'
   */
  upsert(post) {
    const existing = this.cards.get(post.postId);
    if (existing) {
      if (Number(existing.dataset.eventId) >= post.eventId) {
        return 'unchanged';
      }
      const card = this.#card(post);
      card.classList.add('just-revised');
      existing.replaceWith(card);
      return 'revised';
    }
    this.container.querySelector('.empty-note')?.remove();
    const card = this.#card(post);
    card.classList.add('just-arrived');
    this.container.prepend(card);
    this.#trim();
    return 'added';
  }

  #card(post) {
    const card = renderPost(post);
    this.cards.set(post.postId, card);
    return card;
  }

  #trim() {
    while (this.cards.size > MAX_CARDS) {
      const last = this.container.lastElementChild;
      this.cards.delete(last.dataset.postId);
      last.remove();
    }
  }

  #emptyNote() {
    return el('p', { class: 'empty-note' }, 'No bulletins stored yet; they appear here as they arrive.');
  }
}
