// Polls GET /api/pipeline and shows records/s per topic (chart and table) and lag per consumer group.

import { getPipeline } from './api.js';
import { el, replaceChildren } from './dom.js';
import { drawRateChart } from './chart.js';
import { formatClock, formatRate } from './format.js';

const POLL_MS = 2500;
const WINDOW_MS = 5 * 60 * 1000;
/** Samples further apart than this are not joined by a line: the service did not answer in between. */
const GAP_MS = 3 * POLL_MS;

export function watchPipeline({ chart, ratesBody, lagsBody, status }) {
  const samples = [];
  const topics = [];

  async function poll() {
    let report;
    try {
      report = await getPipeline();
    } catch (error) {
      status.set('retrying', `Connection lost, retrying… (${error.message})`);
      setTimeout(poll, POLL_MS);
      return;
    }
    // Scheduled before drawing, so that a drawing bug (which still surfaces in the console) does not stop polling.
    setTimeout(poll, POLL_MS);
    remember(report);
    showRates(ratesBody, report.topics, topics);
    showLags(lagsBody, report.consumerGroups);
    drawRateChart(chart, samples, topics, { windowMs: WINDOW_MS, gapMs: GAP_MS });
    status.set('open', `Updated ${formatClock(report.sampledAt)}`);
  }

  function remember(report) {
    for (const { topic } of report.topics) {
      if (!topics.includes(topic)) {
        topics.push(topic);
      }
    }
    const at = Date.parse(report.sampledAt);
    samples.push({ at, rates: Object.fromEntries(report.topics.map((t) => [t.topic, t.recordsPerSecond10s])) });
    while (samples.length > 0 && samples[0].at < at - WINDOW_MS) {
      samples.shift();
    }
  }

  poll();
}

function showRates(tbody, topicRates, topicOrder) {
  replaceChildren(tbody, topicRates.map((t) => el('tr', {
    'data-topic': t.topic,
    'data-rate': round(t.recordsPerSecond10s),
    'data-rate-1m': round(t.recordsPerSecond1m),
  },
  el('th', { scope: 'row' },
    el('span', { class: `swatch series-${topicOrder.indexOf(t.topic)}`, 'aria-hidden': 'true' }), t.topic),
  el('td', null, formatRate(t.recordsPerSecond10s)),
  el('td', null, formatRate(t.recordsPerSecond1m)),
  el('td', null, t.endOffset.toLocaleString('en')))));
}

function showLags(tbody, groups) {
  replaceChildren(tbody, groups.map((group) => {
    const topics = [...new Set(group.partitions.map((p) => p.topic))];
    return el('tr', { 'data-group': group.group, 'data-lag': group.lag, class: group.lag > 0 ? 'lagging' : null },
      el('th', { scope: 'row' }, group.group,
        topics.length > 0 && el('span', { class: 'reads' }, ` reads ${topics.join(', ')}`)),
      el('td', null, group.lag.toLocaleString('en')));
  }));
}

// Two decimals keep a trickle (0.04 records/s) distinguishable from nothing in the data attributes.
function round(rate) {
  return String(Math.round((Number(rate) || 0) * 100) / 100);
}
