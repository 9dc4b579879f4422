/**
 * Exporting a rendered chart: the <svg> serialized with the computed styles
 * it needs inlined (so the file looks the same outside the app), and a PNG
 * drawn from that SVG through an <img> and a canvas. Downloads go through
 * Blob links.
 */

/** Presentation properties copied from computed style onto each element of the copy. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** A safe file name from a chart title. Pure. */
export function chartFileName(title: string, ext: 'svg' | 'png'): string {
  const base = Array.from(title, (ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${base || 'chart'}.${ext}`;
}

/** A standalone SVG document from serialized markup. Pure. */
export function svgDocument(markup: string): string {
  const withNs = /^<svg[^>]*\sxmlns=/.test(markup) ? markup : markup.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${withNs}\n`;
}

/** The chart as an SVG document with its styles inlined and a white background. */
export function serializeSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || Math.ceil(box.width);
  const height = Number(svg.getAttribute('height')) || Math.ceil(box.height);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))];
  originals.forEach((el, i) => {
    const target = copies[i] as SVGElement | undefined;
    if (!target) return;
    const cs = getComputedStyle(el);
    const inline = STYLE_PROPS.map((p) => [p, cs.getPropertyValue(p)] as const).filter(([, v]) => v !== '');
    // Keep the element's own inline style (visx's nested <svg> for text needs its overflow: visible).
    const own = el.getAttribute('style')?.trim().replace(/;$/, '');
    const computed = inline.map(([p, v]) => `${p}: ${v}`).join('; ');
    if (own || computed) target.setAttribute('style', [own, computed].filter(Boolean).join('; '));
    target.removeAttribute('class');
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  copy.insertBefore(bg, copy.firstChild);
  return { text: svgDocument(new XMLSerializer().serializeToString(copy)), width, height };
}

/** Draws the SVG into a canvas (at `scale` for crisp text) and returns the PNG. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw the chart into an image.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The chart could not be turned into a PNG.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export { downloadBlob } from '../../../api/fileTransfer.js';
