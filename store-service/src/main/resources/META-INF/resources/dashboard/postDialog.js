// Opens a post, fetched from GET /api/posts/{postId}, in a modal dialog whenever the address is #post/<postId>:
// links to a post are plain fragment links, so they work with the keyboard, open in a new tab and survive a reload.

import { getPost } from './api.js';
import { el, replaceChildren } from './dom.js';
import { renderPost } from './card.js';

const PREFIX = '#post/';

export function routePostLinks({ dialog, heading, body }) {
  let shownFor = null;

  async function show() {
    if (!location.hash.startsWith(PREFIX)) {
      if (dialog.open) {
        dialog.close();
      }
      return;
    }
    const postId = decodeURIComponent(location.hash.slice(PREFIX.length));
    shownFor = postId;
    heading.textContent = postId;
    replaceChildren(body, el('p', { class: 'loading' }, 'Loading…'));
    dialog.dataset.postId = postId;
    dialog.dataset.state = 'loading';
    if (!dialog.open) {
      dialog.showModal();
    }
    let post;
    try {
      post = await getPost(postId);
    } catch (error) {
      if (shownFor === postId) {
        dialog.dataset.state = 'error';
        replaceChildren(body, el('p', { class: 'error', role: 'alert' }, `Could not load ${postId}: ${error.message}`));
      }
      return;
    }
    // A later link may have been followed while this one loaded: only the latest one is shown.
    if (shownFor === postId) {
      replaceChildren(body, renderPost(post, { headingLevel: 'h3' }));
      dialog.dataset.state = 'loaded';
    }
  }

  // Closing (button, Escape) leaves the post's address, so that the same link opens it again.
  dialog.addEventListener('close', () => {
    shownFor = null;
    if (location.hash.startsWith(PREFIX)) {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });
  window.addEventListener('hashchange', show);
  show();
}
