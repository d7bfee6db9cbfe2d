// One post as a card: heading and facts, kept paragraphs in order, removed paragraphs with why and where their
// kept copy is. Used for the bulletin list and for the post dialog.

import { el } from './dom.js';
import { formatInstant, plural } from './format.js';

const STATUS_TEXT = {
  UNIQUE: 'unique',
  PARTIAL: 'partly published before',
  REPOST: 'repost',
};

const REASON_TEXT = {
  REPEATED_IN_POST: 'Repeated in this post',
  PUBLISHED_BEFORE: 'Published before',
  NEAR_DUPLICATE: 'Near duplicate of an earlier post',
};

let headingIds = 0;

/** The in-page address of a post: opens it in the post dialog (see postDialog.js). */
export function postHref(postId) {
  return `#post/${encodeURIComponent(postId)}`;
}

/** A post detail (PostViews.Detail) as an article element. */
export function renderPost(post, { headingLevel = 'h3' } = {}) {
  const headingId = `post-heading-${++headingIds}`;
  const status = String(post.status ?? 'UNKNOWN');
  return el('article', {
    class: `post status-${status.toLowerCase()}`,
    'data-post-id': post.postId,
    'data-revision': post.revision,
    'data-event-id': post.eventId,
    'data-status': status,
    'aria-labelledby': headingId,
  },
  renderHeader(post, status, headingLevel, headingId),
  renderKept(post),
  renderRemoved(post));
}

function renderHeader(post, status, headingLevel, headingId) {
  const title = post.title?.trim() ? post.title : post.postId;
  return el('header', null,
    el(headingLevel, { id: headingId, class: 'post-title' }, title),
    el('p', { class: 'post-meta' },
      el('span', { class: 'badge', 'data-status': status, title: STATUS_TEXT[status] ?? status }, status),
      ' ',
      el('span', { class: 'source' }, post.source),
      ' · ',
      el('time', { datetime: post.publishedAt }, formatInstant(post.publishedAt)),
      ' · ',
      el('span', { class: 'revision' }, `revision ${post.revision}`),
      ' · ',
      el('a', { href: postHref(post.postId), class: 'permalink' }, post.postId),
      safeUrl(post.url) && [' · ', el('a', { href: post.url, rel: 'noopener noreferrer' }, 'original')]),
    renderFacts(post));
}

function renderFacts(post) {
  const facts = [];
  if (post.forwardedFrom) {
    facts.push(['Forwarded from', post.forwardedFrom]);
  }
  if (post.dateline) {
    facts.push(['Dateline', [post.dateline.place, post.dateline.date].filter(Boolean).join(', ')]);
  }
  if (post.duplicateOf && post.duplicateOf !== post.postId) {
    facts.push(['Repost of', el('a', { href: postHref(post.duplicateOf) }, post.duplicateOf)]);
  }
  const hashtags = post.hashtags ?? [];
  if (hashtags.length > 0) {
    facts.push(['Hashtags', el('ul', { class: 'tags' }, hashtags.map((tag) => el('li', null, `#${tag}`)))]);
  }
  if (facts.length === 0) {
    return null;
  }
  return el('dl', { class: 'facts' }, facts.map(([term, value]) => [el('dt', null, term), el('dd', null, value)]));
}

function renderKept(post) {
  const paragraphs = post.paragraphs ?? [];
  // Without a source title the title is the post's first paragraph (DESIGN §4), already shown as the heading.
  const first = paragraphs.find((p) => p.kind !== 'elision');
  const shown = paragraphs.filter((p) => !(p === first && p.text === post.title));
  return el('div', { class: 'post-body' },
    shown.map((p) => el('p', { class: `kind-${p.kind}`, 'data-position': p.position }, p.text)));
}

function renderRemoved(post) {
  const removed = post.removed ?? [];
  if (removed.length === 0) {
    return null;
  }
  return el('details', { class: 'removed' },
    el('summary', null, plural(removed.length, 'removed paragraph')),
    el('ol', null, removed.map((p) => renderRemovedParagraph(post, p))));
}

function renderRemovedParagraph(post, paragraph) {
  const self = paragraph.duplicateOf === post.postId;
  const where = paragraph.duplicateOfPosition === null || paragraph.duplicateOfPosition === undefined
    ? '' : `, paragraph ${paragraph.duplicateOfPosition + 1}`;
  return el('li', { 'data-position': paragraph.position, 'data-reason': paragraph.reason },
    el('blockquote', { class: `kind-${paragraph.kind}` }, paragraph.text),
    el('p', { class: 'why' },
      el('span', { class: 'reason' }, REASON_TEXT[paragraph.reason] ?? paragraph.reason),
      paragraph.duplicateOf && [
        self ? ' — kept as ' : ' — first published in ',
        el('a', { href: postHref(paragraph.duplicateOf), class: 'duplicate-of' },
          self ? `this post${where}` : `${paragraph.duplicateOf}${where}`),
      ],
      paragraph.similarity !== null && paragraph.similarity !== undefined
        && ` (similarity ${Number(paragraph.similarity).toFixed(2)})`));
}

// Only web links become clickable: a javascript: or data: URL in a post would run in this page.
function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}
