// The trend HTML report: self-contained, secrets redacted, input text escaped, and it renders in headless Chromium.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { detectTrends, hasFindings } from '../../src/detect/trend.js';
import { renderTrendHtml } from '../../src/report/trend-html.js';
import { trendJson } from '../../src/report/trend-json.js';
import { redact } from '../../src/redact.js';
import { tempDir } from '../helpers/child.js';
import { requireChromium, runChromium } from '../helpers/chromium.js';
import { MIB, syntheticHeap } from '../detect/synthetic.js';

const temp = tempDir('pooldoc-html-');
afterAll(() => temp.cleanup());

function report(): string {
  const leaking = syntheticHeap({ samples: 1440, intervalMs: 15_000, leakBytesPerHour: 60 * MIB, sawtoothBytes: 15 * MIB, noiseBytes: 0.5 * MIB, heapLimit: 512 * MIB, seed: 21 });
  leaking.source = 'http://admin:s3cret-pass@127.0.0.1:9090';
  leaking.instance = '<script>alert(1)</script>';
  const flat = syntheticHeap({ samples: 1440, intervalMs: 15_000, sawtoothBytes: 60 * MIB, noiseBytes: 0.5 * MIB, heapLimit: 512 * MIB, seed: 22 });
  const verdicts = detectTrends([leaking, flat], []);
  const result = redact(trendJson(verdicts, { sockets: [], files: [], problems: [{ file: 'x.ndjson', line: 3, message: 'bad line password=hunter2' }], unparsedLines: 1 }, hasFindings(verdicts)));
  return renderTrendHtml(result, verdicts, [leaking, flat], [], new Date(Date.UTC(2026, 10, 21)));
}

describe('trend HTML report', () => {
  const html = report();

  it('is self-contained: inline SVG charts, no scripts, no external resources', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toMatch(/<polyline /);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=["']?https?:/i);
  });

  it('draws a pool chart with in use, max and waiting', () => {
    const time = Float64Array.from({ length: 30 }, (_, index) => Date.UTC(2026, 10, 21) + index * 5000);
    const pool = { source: 'p', name: 'pg main', time, inUse: time.map((_, index) => (index > 10 && index < 20 ? 10 : 3)), idle: new Float64Array(30), waiting: time.map((_, index) => (index > 10 && index < 20 ? 4 : 0)), max: new Float64Array(30).fill(10) };
    const verdicts = detectTrends([], [pool]);
    const result = trendJson(verdicts, { sockets: [], files: [], problems: [], unparsedLines: 0 }, hasFindings(verdicts));
    const page = renderTrendHtml(result, verdicts, [], [pool]);
    expect(page).toMatch(/class="badge bad">saturated</);
    expect(page.match(/<polyline /g)).toHaveLength(3);
    expect(page).toContain('<title>in use</title>');
  });

  it('redacts credentials and escapes input text', () => {
    expect(html).not.toContain('s3cret-pass');
    expect(html).not.toContain('hunter2');
    expect(html).toContain('admin:***@127.0.0.1:9090');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders in headless Chromium: the DOM has both charts and a screenshot is written', async () => {
    const chromium = requireChromium();
    if (!chromium) return;
    const file = path.join(temp.dir, 'trend.html');
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const dom = await runChromium(chromium, ['--dump-dom'], url);
    expect(dom.match(/<svg /g)).toHaveLength(2);
    expect(dom).toMatch(/class="badge bad">leak</);
    const png = path.join(temp.dir, 'trend.png');
    await runChromium(chromium, ['--window-size=1000,1400', `--screenshot=${png}`], url);
    const bytes = readFileSync(png);
    // PNG signature, then the IHDR chunk's width and height (big-endian at bytes 16 and 20).
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(1000);
    expect(bytes.readUInt32BE(20)).toBe(1400);
    expect(bytes.length).toBeGreaterThan(20_000);
  });
});
