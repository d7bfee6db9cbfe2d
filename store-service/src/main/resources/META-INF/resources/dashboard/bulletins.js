// The bulletin list: the recent posts shown at load, then the stream's posts, each post once, at its latest stored
// version, grouped by story (issue 12): the posts of one story (storyId, contracts StoryClusters) stand together in
// one group, newest published first, so that a story reposted across channels is shown once. A group's place in the
// list is that of its latest arrival: a new post of a story brings its group to the top.

import { el, replaceChildren } from './dom.js';
import { renderPost } from './card.js';
import { plural } from './format.js';

/** Beyond this many cards the oldest go, so that a page left open for days stays light. */
const MAX_CARDS = 200;

/** A post's story; a post from before stories existed (no storyId) is a story of its own. */
const storyOf = (post) => post.storyId ?? post.postId;

export class BulletinList {
  constructor(container) {
    this.container = container;
    /** postId → the card's article element. */
    this.cards = new Map();
    /** storyId → the story's group element (section.story). */
    this.stories = new Map();
  }

  /** Shows the posts loaded at start, in the API's order (newest first), grouped by story. */
  showInitial(posts) {
    this.cards.clear();
    this.stories.clear();
    replaceChildren(this.container);
    for (const post of posts) {
      this.#place(this.#card(post), post, 'bottom');
    }
    if (posts.length === 0) {
      this.container.append(this.#emptyNote());
    }
    this.container.setAttribute('aria-busy', 'false');
  }

  /**
   * A post from the stream: a new post goes into its story's group, which moves to the top (a new group when the
   * story is new here); a later store event of a post replaces its card in its group, or moves it to another group
   * when its story changed; an event already shown (the stream may repeat events after a reconnect) changes nothing.
   * Event ids, not revisions, say which is later: dedup counts revisions from 1 again when it decides a post it had
   * forgotten.
   *
   * A post's story can change without an event of that post (a late earlier post joins two stories, a revision
   * splits one): such a card stays in its group until its post's next event or a reload.
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
      if (existing.dataset.storyId === storyOf(post)) {
        existing.replaceWith(card);
        this.#refresh(this.stories.get(storyOf(post)));
      } else {
        // a story new to the page takes the place of the group the card leaves
        const marker = el('div', { hidden: true });
        existing.closest('section.story').before(marker);
        this.#detach(existing);
        this.#place(card, post, marker);
        marker.remove();
      }
      return 'revised';
    }
    this.container.querySelector('.empty-note')?.remove();
    const card = this.#card(post);
    card.classList.add('just-arrived');
    this.#place(card, post, 'top');
    this.#trim();
    return 'added';
  }

  /**
   * Puts a card into its story's group, among the group's cards by publication time (newest first, then postId).
   * {@code where} the group goes: 'top' (a new post: its story's group moves there), 'bottom' (a new group of the
   * initial listing, newest first), or an element a new group goes before (an existing group stays where it is).
   */
  #place(card, post, where) {
    const storyId = storyOf(post);
    let group = this.stories.get(storyId);
    if (!group) {
      group = el('section', { class: 'story', 'data-story-id': storyId },
        el('p', { class: 'story-meta', hidden: true }),
        el('div', { class: 'story-posts' }));
      this.stories.set(storyId, group);
      if (where instanceof Element) {
        where.before(group);
      } else {
        this.container.append(group);
      }
    }
    const posts = group.querySelector('.story-posts');
    const later = [...posts.children].find((other) => comesBefore(card, other));
    posts.insertBefore(card, later ?? null);
    if (where === 'top') {
      this.container.prepend(group);
    }
    this.#refresh(group);
  }

  /** Takes a card out of its group; a group left empty goes. */
  #detach(card) {
    const group = card.closest('section.story');
    card.remove();
    if (group.querySelector('.story-posts').children.length === 0) {
      this.stories.delete(group.dataset.storyId);
      group.remove();
    } else {
      this.#refresh(group);
    }
  }

  /** The group's line: how many posts and from which sources; shown only for a story of two posts or more. */
  #refresh(group) {
    const cards = [...group.querySelector('.story-posts').children];
    const meta = group.querySelector('.story-meta');
    group.classList.toggle('story-of-several', cards.length > 1);
    if (cards.length < 2) {
      meta.hidden = true;
      replaceChildren(meta);
      return;
    }
    const sources = [...new Set(cards.map((card) => card.dataset.source))].sort();
    meta.hidden = false;
    replaceChildren(meta, `Story · ${plural(cards.length, 'post')} · ${plural(sources.length, 'source')}: `,
      el('span', { class: 'story-sources' }, sources.join(', ')));
  }

  #card(post) {
    const card = renderPost(post);
    card.dataset.storyId = storyOf(post);
    card.dataset.source = post.source ?? '';
    card.dataset.publishedAt = post.publishedAt ?? '';
    this.cards.set(post.postId, card);
    return card;
  }

  /** Drops the oldest cards: the last group's last card first. */
  #trim() {
    while (this.cards.size > MAX_CARDS) {
      const group = this.container.lastElementChild;
      const last = group.querySelector('.story-posts').lastElementChild;
      this.cards.delete(last.dataset.postId);
      this.#detach(last);
    }
  }

  #emptyNote() {
    return el('p', { class: 'empty-note' }, 'No bulletins stored yet; they appear here as they arrive.');
  }
}

/** Whether card a goes above card b in a group: published later, or at the same time with the smaller postId. */
function comesBefore(a, b) {
  const at = Date.parse(a.dataset.publishedAt);
  const bt = Date.parse(b.dataset.publishedAt);
  if (at !== bt) {
    return at > bt;
  }
  return a.dataset.postId < b.dataset.postId;
}
