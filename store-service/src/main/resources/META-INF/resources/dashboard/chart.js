// Records/s per topic over time as an inline SVG line chart. Series colours and dash patterns come from the CSS
// classes series-0…series-3, shared with the swatches in the rate table, so that the lines stay distinguishable
// without colour too.

import { svgEl, replaceChildren } from './dom.js';

const WIDTH = 360;
const HEIGHT = 180;
const MARGIN = { top: 10, right: 10, bottom: 22, left: 42 };

/**
 * Draws `samples` ([{at: epoch ms, rates: {topic: records/s}}], oldest first) for the `topics` over the `windowMs`
 * before the newest sample. A pause longer than `gapMs` between samples (the service was unreachable) breaks the
 * lines rather than drawing a slope across it.
 */
export function drawRateChart(svg, samples, topics, { windowMs, gapMs }) {
  const plot = {
    x: MARGIN.left,
    y: MARGIN.top,
    width: WIDTH - MARGIN.left - MARGIN.right,
    height: HEIGHT - MARGIN.top - MARGIN.bottom,
  };
  const end = samples.length > 0 ? samples[samples.length - 1].at : Date.now();
  const start = end - windowMs;
  const visible = samples.filter((sample) => sample.at >= start);
  const top = niceCeiling(Math.max(0, ...visible.flatMap((sample) => topics.map((t) => sample.rates[t] ?? 0))));
  const x = (at) => plot.x + ((at - start) / windowMs) * plot.width;
  const y = (rate) => plot.y + plot.height - (rate / top) * plot.height;

  replaceChildren(svg,
    grid(plot, top, y),
    timeLabels(plot, windowMs),
    topics.map((topic, index) => svgEl('path', {
      class: `series series-${index}`,
      'data-topic': topic,
      d: linePath(visible, topic, x, y, gapMs),
    })));
}

function grid(plot, top, y) {
  return [0, top / 2, top].map((value) => svgEl('g', { class: 'grid' },
    svgEl('line', { x1: plot.x, x2: plot.x + plot.width, y1: y(value), y2: y(value) }),
    svgEl('text', { x: plot.x - 4, y: y(value) + 3, 'text-anchor': 'end' }, formatTick(value))));
}

function timeLabels(plot, windowMs) {
  const baseline = plot.y + plot.height + 15;
  const oldest = `−${Math.round(windowMs / 60000)} min`;
  return [
    svgEl('text', { class: 'axis', x: plot.x, y: baseline, 'text-anchor': 'start' }, oldest),
    svgEl('text', { class: 'axis', x: plot.x + plot.width, y: baseline, 'text-anchor': 'end' }, 'now'),
  ];
}

function linePath(samples, topic, x, y, gapMs) {
  let d = '';
  let previousAt = null;
  for (const sample of samples) {
    const rate = sample.rates[topic];
    if (rate === undefined) {
      previousAt = null;
      continue;
    }
    const move = previousAt === null || sample.at - previousAt > gapMs;
    d += `${move ? 'M' : 'L'}${x(sample.at).toFixed(1)},${y(rate).toFixed(1)} `;
    previousAt = sample.at;
  }
  return d.trim();
}

/** The smallest of 1, 2, 5 × 10^n at or above `value` (at least 1), so that grid labels are round numbers. */
function niceCeiling(value) {
  if (value <= 1) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= value);
}

function formatTick(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
