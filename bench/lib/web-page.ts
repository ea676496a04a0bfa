// One cold page load, measured the way Lighthouse defines its metrics: paint
// and layout-shift entries from the page, long tasks for Total Blocking Time,
// bytes and requests from the DevTools protocol.
import type { Browser, BrowserContext } from '@playwright/test';
import { blockingTime, collect, type Marks } from './web-marks';

export interface Profile {
  name: string;
  viewport: { width: number; height: number };
  mobile: boolean;
  /** Lighthouse's "applied" (DevTools) throttling; none when absent. */
  throttle?: { latencyMs: number; downKbps: number; upKbps: number; cpuSlowdown: number };
}

export interface LoadResult {
  ttfbMs: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  readyMs: number;
  /** The chat list's API request, as Resource Timing sees it. */
  listRequestMs: number;
  listResponseMs: number;
  loadMs: number;
  jsKB: number;
  jsDecodedKB: number;
  totalKB: number;
  requests: number;
  longTasks: number;
  scripts: Array<{ url: string; transferKB: number }>;
  /** Every resource, for reading the waterfall afterwards. */
  resources: Array<{ path: string; startMs: number; endMs: number }>;
  longTaskList: Array<{ start: number; end: number }>;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LoadOptions {
  url: string;
  /** Signs the new context in (cookies only: nothing is cached by it). */
  signIn: (context: BrowserContext) => Promise<void>;
  ready: { selector: string; text: string };
  /** Path prefix of the request that fills the list. */
  listPath: string;
  /** The load ends once the network and the main thread were idle this long. */
  quietMs: number;
  timeoutMs: number;
}

export async function measureLoad(browser: Browser, profile: Profile, o: LoadOptions): Promise<LoadResult> {
  // A new context has an empty cache; blocking the service worker keeps its
  // precache from competing with the load and from serving the next one.
  const context = await browser.newContext({
    viewport: profile.viewport,
    deviceScaleFactor: profile.mobile ? 3 : 1,
    isMobile: profile.mobile,
    hasTouch: profile.mobile,
    serviceWorkers: 'block',
  });
  try {
    await o.signIn(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(collect, o.ready);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const t = profile.throttle;
    if (t) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: t.latencyMs,
        downloadThroughput: (t.downKbps * 1024) / 8,
        uploadThroughput: (t.upKbps * 1024) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: t.cpuSlowdown });
    }

    const inflight = new Map<string, string>();
    const types = new Map<string, string>();
    let requests = 0;
    let totalBytes = 0;
    let jsBytes = 0;
    let lastNetwork = Date.now();
    let documentHeadersMs: number | undefined;
    const scripts: LoadResult['scripts'] = [];
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith('data:')) return;
      requests += 1;
      // Socket.IO's long poll (if the websocket fails) never goes quiet.
      if (!e.request.url.includes('/socket.io/')) inflight.set(e.requestId, e.request.url);
      lastNetwork = Date.now();
    });
    cdp.on('Network.responseReceived', (e) => {
      types.set(e.requestId, e.type);
      // Navigation Timing's responseStart is taken before DevTools throttling adds its latency.
      if (e.type === 'Document' && documentHeadersMs === undefined)
        documentHeadersMs = e.response.timing?.receiveHeadersEnd;
    });
    cdp.on('Network.loadingFinished', (e) => {
      totalBytes += e.encodedDataLength;
      if (types.get(e.requestId) === 'Script') {
        jsBytes += e.encodedDataLength;
        scripts.push({ url: inflight.get(e.requestId) ?? '?', transferKB: kb(e.encodedDataLength) });
      }
      inflight.delete(e.requestId);
      lastNetwork = Date.now();
    });
    cdp.on('Network.loadingFailed', (e) => {
      inflight.delete(e.requestId);
      lastNetwork = Date.now();
    });

    await page.goto(o.url, { waitUntil: 'load', timeout: o.timeoutMs });
    const marks = () => page.evaluate(() => (window as unknown as { __webLoad: Marks }).__webLoad);
    const deadline = Date.now() + o.timeoutMs;
    let m: Marks;
    let end = 0;
    for (;;) {
      const [now, current] = await Promise.all([page.evaluate(() => performance.now()), marks()]);
      m = current;
      const lastTask = m.longTasks.reduce((x, task) => Math.max(x, task.end), 0);
      const quiet =
        m.ready !== null &&
        inflight.size === 0 &&
        Date.now() - lastNetwork >= o.quietMs &&
        now - lastTask >= o.quietMs;
      if (quiet) {
        end = now;
        break;
      }
      if (Date.now() > deadline)
        throw new Error(
          (m.ready === null
            ? `"${o.ready.text}" never appeared in ${o.ready.selector} within ${o.timeoutMs} ms`
            : `the page did not go quiet within ${o.timeoutMs} ms (${inflight.size} requests open)`) +
            (errors.length ? `; page errors: ${errors.join('; ')}` : ''),
        );
      await sleep(250);
    }

    const nav = await page.evaluate((listPath) => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
        (r) => ({
          path: new URL(r.name).pathname + new URL(r.name).search,
          startMs: Math.round(r.startTime),
          endMs: Math.round(r.responseEnd),
          decoded: r.decodedBodySize,
        }),
      );
      const list = resources.find((r) => r.path.startsWith(listPath));
      return {
        ttfb: n.responseStart,
        load: n.loadEventEnd,
        list,
        resources,
        decoded: resources
          .filter((r) => r.path.split('?')[0]?.endsWith('.js'))
          .reduce((sum, r) => sum + r.decoded, 0),
      };
    }, o.listPath);
    if (m.fcp === null) throw new Error('no first-contentful-paint entry');
    return {
      ttfbMs: documentHeadersMs ?? nav.ttfb,
      fcpMs: m.fcp,
      lcpMs: m.lcp ?? m.fcp,
      tbtMs: blockingTime(m.longTasks, m.fcp, end),
      cls: m.cls,
      readyMs: m.ready ?? NaN,
      listRequestMs: nav.list?.startMs ?? NaN,
      listResponseMs: nav.list?.endMs ?? NaN,
      loadMs: nav.load,
      jsKB: kb(jsBytes),
      jsDecodedKB: kb(nav.decoded),
      totalKB: kb(totalBytes),
      requests,
      longTasks: m.longTasks.length,
      scripts: scripts.sort((a, b) => b.transferKB - a.transferKB),
      resources: nav.resources.map(({ path, startMs, endMs }) => ({ path, startMs, endMs })),
      longTaskList: m.longTasks.map((x) => ({ start: Math.round(x.start), end: Math.round(x.end) })),
    };
  } finally {
    await context.close();
  }
}
