// A self-contained HTML report (inline CSS and SVG, no scripts or external resources), secrets redacted.
import { redactString } from '../redact.js';

export interface HtmlTable {
  head: string[];
  rows: string[][];
}

export interface HtmlSection {
  heading: string;
  /** Shown as a coloured badge next to the heading (leak, ok, saturated, …). */
  verdict?: string;
  paragraphs?: string[];
  table?: HtmlTable;
  /** Inline SVG markup from svg-chart.ts (trusted: built by pooldoc, every text inside already escaped). */
  svg?: string;
  list?: string[];
}

export interface HtmlDocument {
  title: string;
  subtitle?: string;
  sections: HtmlSection[];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/** Every text that comes from input (paths, URLs, metric labels) goes through here: redacted, then escaped. */
export function safe(text: string): string {
  return escapeHtml(redactString(text));
}

/** Verdicts that are findings are red, the honest "can't tell" is grey, the rest green. */
function badgeClass(verdict: string): string {
  if (verdict === 'ok') return 'ok';
  if (verdict === 'insufficient-data') return 'unknown';
  if (verdict === 'growing') return 'warn';
  return 'bad';
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:960px;color:#1f2933;background:#f5f7fa}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0 0 8px;display:flex;gap:8px;align-items:center}
.subtitle{color:#616e7c;margin:0 0 20px}section{background:#fff;border:1px solid #e4e7eb;border-radius:6px;padding:16px;margin:0 0 16px}
.badge{font-size:12px;padding:2px 8px;border-radius:10px;color:#fff}.ok{background:#2f9e44}.warn{background:#e67700}.bad{background:#c92a2a}.unknown{background:#7b8794}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #e4e7eb;padding:4px 8px;text-align:left}th{background:#f0f4f8}
svg{max-width:100%;height:auto}ul{margin:6px 0;padding-left:20px}p{margin:6px 0}`;

export function renderHtmlDocument(document: HtmlDocument): string {
  const body: string[] = [`<h1>${safe(document.title)}</h1>`];
  if (document.subtitle) body.push(`<p class="subtitle">${safe(document.subtitle)}</p>`);
  for (const section of document.sections) {
    const badge = section.verdict ? ` <span class="badge ${badgeClass(section.verdict)}">${safe(section.verdict)}</span>` : '';
    body.push(`<section><h2>${safe(section.heading)}${badge}</h2>`);
    for (const paragraph of section.paragraphs ?? []) body.push(`<p>${safe(paragraph)}</p>`);
    if (section.list?.length) body.push(`<ul>${section.list.map((item) => `<li>${safe(item)}</li>`).join('')}</ul>`);
    if (section.table) {
      const head = section.table.head.map((cell) => `<th>${safe(cell)}</th>`).join('');
      const rows = section.table.rows.map((row) => `<tr>${row.map((cell) => `<td>${safe(cell)}</td>`).join('')}</tr>`).join('');
      body.push(`<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`);
    }
    if (section.svg) body.push(section.svg);
    body.push('</section>');
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${safe(document.title)}</title><style>${STYLE}</style></head>
<body>${body.join('\n')}</body></html>
`;
}
