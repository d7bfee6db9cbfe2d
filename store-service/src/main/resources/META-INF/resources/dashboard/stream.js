// Follows GET /api/posts/stream (Server-Sent Events, one `post` event per stored or revised post).

import { STREAM_PATH } from './api.js';

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30000;

/**
 * Opens the stream after event `afterEventId` and calls `onPost(post)` for each post, `onState(state, text)` when
 * the connection changes ('open', 'retrying', 'error').
 *
 * The browser reconnects a dropped EventSource by itself, sending the last event id it received (Last-Event-ID
 * wins over the lastEventId parameter on the server), so nothing is missed. It gives up only when the server
 * answers with an error or not an event stream; then we open a new one, from the last event we saw, with back-off.
 */
export function followPosts({ afterEventId, onPost, onState }) {
  let lastEventId = afterEventId;
  let retryMs = RETRY_MIN_MS;

  function open() {
    const source = new EventSource(`${STREAM_PATH}?lastEventId=${encodeURIComponent(lastEventId)}`);
    source.addEventListener('open', () => {
      retryMs = RETRY_MIN_MS;
      onState('open', 'Live');
    });
    source.addEventListener('post', (event) => {
      let post;
      try {
        post = JSON.parse(event.data);
      } catch (error) {
        onState('error', `Unreadable event ${event.lastEventId}: ${error.message}`);
        throw error;
      }
      lastEventId = Math.max(lastEventId, Number(event.lastEventId) || 0);
      onPost(post);
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        onState('retrying', `Connection lost, retrying in ${Math.round(retryMs / 1000)} s…`);
        setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      } else {
        onState('retrying', 'Connection lost, retrying…');
      }
    });
  }

  open();
}
