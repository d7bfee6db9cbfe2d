// The dashboard (DESIGN §6): live bulletins from the read API and its event stream, pipeline throughput and lag.

import { getPost, listPosts } from './api.js';
import { StatusLine } from './dom.js';
import { plural } from './format.js';
import { BulletinList } from './bulletins.js';
import { followPosts } from './stream.js';
import { watchPipeline } from './pipeline.js';
import { routePostLinks } from './postDialog.js';

const RECENT = 20;
const RETRY_MS = 3000;

const $ = (id) => document.getElementById(id);

/**
 * Loads the recent posts with their paragraphs, retrying until the API answers.
 *
 * @returns the posts and the newest event id among them: the stream resumes after it, so that nothing stored
 *          between the listing and the stream's start is missed. With no post stored yet that is 0: all to come.
 */
async function loadRecent(status) {
  for (;;) {
    try {
      const page = await listPosts(RECENT);
      const posts = await Promise.all(page.items.map((summary) => getPost(summary.postId)));
      const newest = Math.max(0, ...page.items.map((summary) => summary.eventId));
      return { posts, newest };
    } catch (error) {
      status.set('retrying', `Connection lost, retrying… (${error.message})`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

async function showBulletins() {
  const status = new StatusLine($('stream-status'));
  const list = new BulletinList($('bulletin-list'));
  const { posts, newest } = await loadRecent(status);
  list.showInitial(posts);
  status.set('connecting', 'Connecting to the live stream…');
  let arrived = 0;
  const live = () => (arrived === 0 ? 'Live' : `Live · ${plural(arrived, 'new bulletin')} since the page loaded`);
  followPosts({
    afterEventId: newest,
    onPost: (post) => {
      if (list.upsert(post) === 'added') {
        arrived += 1;
        status.set('open', live());
      }
    },
    onState: (state, text) => status.set(state, state === 'open' ? live() : text),
  });
}

routePostLinks({ dialog: $('post-dialog'), heading: $('post-dialog-heading'), body: $('post-dialog-body') });
watchPipeline({
  chart: $('rate-chart'),
  ratesBody: $('topic-rates').tBodies[0],
  lagsBody: $('group-lags').tBodies[0],
  status: new StatusLine($('pipeline-status')),
});
showBulletins();
