// The day's liquidity chart: cumulative gross settled and liquidity used, as plain SVG. Values
// are scaled with BigInt (exact minor units); only the pixel positions are numbers.
import { clear, el } from './dom.js';
import { clockTime, compactMajor, toMinor } from './money.js';

const svgNs = 'http://www.w3.org/2000/svg';
const heightPx = 220;
const margin = { left: 56, right: 12, top: 12, bottom: 24 };

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Draws `points` ({at, gross, used}) into `container`; an empty day says so. */
export function renderChart(container, points, exponent) {
  // Redrawn at the container's width when it changes (a phone turned, a window resized).
  container.chartData = { points, exponent };
  if (container.chartObserver === undefined) {
    let width = container.clientWidth;
    container.chartObserver = new ResizeObserver(() => {
      if (container.clientWidth === width) return;
      width = container.clientWidth;
      renderChart(container, container.chartData.points, container.chartData.exponent);
    });
    container.chartObserver.observe(container);
  }
  const settled = points.length > 0 && toMinor(points.at(-1).gross.value, exponent) > 0n;
  if (!settled) {
    clear(container);
    container.append(el('p', { class: 'muted empty' }, 'Nothing settled yet today.'));
    return;
  }
  const widthPx = Math.max(container.clientWidth, 280);
  const plotW = widthPx - margin.left - margin.right;
  const plotH = heightPx - margin.top - margin.bottom;
  const gross = points.map((p) => toMinor(p.gross.value, exponent));
  const used = points.map((p) => toMinor(p.used.value, exponent));
  const max = gross.reduce((m, v) => (v > m ? v : m), 1n);
  const x = (i) => margin.left + (points.length === 1 ? plotW : (plotW * i) / (points.length - 1));
  // Thousandths of the plot height, exactly, then to pixels.
  const y = (v) => margin.top + plotH - (plotH * Number((v * 1000n) / max)) / 1000;
  const line = (values) => values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');

  const root = svg('svg', { viewBox: `0 0 ${widthPx} ${heightPx}`, role: 'img', 'aria-label': 'Cumulative gross settled and liquidity used today' });
  for (const fraction of [0, 0.5, 1]) {
    const level = (max * BigInt(Math.round(fraction * 1000))) / 1000n;
    const yy = y(level);
    root.append(svg('line', { class: 'axis', x1: margin.left, x2: widthPx - margin.right, y1: yy, y2: yy }));
    root.append(svg('text', { class: 'label', x: margin.left - 6, y: yy + 4, 'text-anchor': 'end' }, compactMajor(level, exponent)));
  }
  root.append(svg('text', { class: 'label', x: margin.left, y: heightPx - 6 }, clockTime(points[0].at)));
  root.append(svg('text', { class: 'label', x: widthPx - margin.right, y: heightPx - 6, 'text-anchor': 'end' }, clockTime(points.at(-1).at)));
  root.append(svg('path', { class: 'gross-area', d: `${line(gross)} L${x(points.length - 1).toFixed(1)},${margin.top + plotH} L${x(0).toFixed(1)},${margin.top + plotH} Z` }));
  root.append(svg('path', { class: 'gross', d: line(gross) }));
  root.append(svg('path', { class: 'used', d: line(used) }));
  clear(container);
  container.append(root);
}
