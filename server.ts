import { createServer } from "node:http";
import next from "next";
import { installDatabase, uninstallDatabase } from "./db/client";
import { seedArticle } from "./db/seed/seed-article";
import { env, EnvError } from "./lib/env";
import { createApiRouter } from "./lib/api/router";
import { flushCommunity, recomputeStaleCommunities } from "./lib/forecasts/community";
import { clientIpHeader } from "./lib/auth/client-ip";
import { requestClientKey } from "./lib/http/client-address";
import { ensureAuthSecret } from "./lib/auth/secret";
import { logger } from "./lib/logger";
import { createLoadShedder } from "./lib/http/load-shedder";
import { createPageCache, registerPageCache } from "./lib/http/page-cache";
import { loopbackHost, requestAnonymously } from "./lib/http/loopback";
import { trackUpgradedSockets } from "./lib/http/upgraded-sockets";
import { actorFromSessionCookie } from "./lib/auth/session-cookie";
import { sharesAnonymousView } from "./lib/auth/permissions";
import { createLiveServer } from "./lib/live/attach";
import { contentSecurityPolicy, newNonce } from "./lib/security/csp";
import { flushVoteTotals } from "./lib/live/vote-totals";
import { notificationsDelivered } from "./lib/notify/deliver";
import { serveMetrics } from "./lib/ops/metrics-route";
import { observeRequest } from "./lib/ops/metrics";
import { drainUntilQuiet } from "./lib/ops/drain";
import { setPhase } from "./lib/ops/readiness";
import { startEmailSender } from "./lib/notify/email";
import { warmRenderPool } from "./lib/text/render";

/** One process, one port: Next.js pages and API, socket.io, and a clean shutdown. */
async function main(): Promise<void> {
  const config = env();
  ensureAuthSecret(config);
  const database = await installDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.MIZAN_DATA_DIR },
  );
  await warmRenderPool();
  await seedArticle(database.db);
  await recomputeStaleCommunities();
  logger.info({ db: database.kind }, "database ready");

  const app = next({ dev: config.NODE_ENV === "development", hostname: config.HOSTNAME, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const handleApi = createApiRouter();
  let loopback = { host: "127.0.0.1", port: config.PORT };
  const pageCache =
    config.MIZAN_PAGE_CACHE_MS > 0
      ? createPageCache({
          ttlMs: config.MIZAN_PAGE_CACHE_MS,
          isSharedReader: async (cookieHeader) => {
            const actor = await actorFromSessionCookie(cookieHeader);
            return actor !== null && sharesAnonymousView(actor);
          },
          renderAnonymously: (url, locale) => requestAnonymously(loopback, url, locale),
        })
      : undefined;
  registerPageCache(pageCache);
  const shedder = createLoadShedder({ maxInFlight: config.MIZAN_MAX_IN_FLIGHT, maxLagMs: config.MIZAN_MAX_LAG_MS });
  let stopping = false;
  const httpServer = createServer((req, res) => {
    // Draining: each answer closes its connection, so no balancer sends another request on it as it closes.
    if (stopping) res.setHeader("Connection", "close");
    if (config.MIZAN_METRICS_TOKEN && req.url === "/metrics") return void serveMetrics(req, res, config.MIZAN_METRICS_TOKEN);
    if (config.MIZAN_METRICS_TOKEN) observeRequest(req, res);
    if (!shedder.admit(req, res)) return;
    if (handleApi(req, res)) return;
    // The client address (after trusted proxies), for rate limits in pages and actions; overwrites any client copy.
    req.headers[clientIpHeader] = requestClientKey(req);
    // A fresh nonce per response: Next.js finds it in the request's CSP header and stamps its scripts with it.
    const nonce = newNonce();
    const policy = contentSecurityPolicy(nonce, config.NODE_ENV === "development");
    const render = () => {
      req.headers["content-security-policy"] = policy;
      res.setHeader("Content-Security-Policy", policy);
      void handle(req, res);
    };
    if (pageCache) pageCache.handle(req, res, nonce, render);
    else render();
  });
  const live = createLiveServer(httpServer);
  const webSockets = trackUpgradedSockets(httpServer);
  const stopEmail = startEmailSender();

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOSTNAME, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  loopback = { host: loopbackHost(address), port };
  setPhase("serving");
  logger.info({ port, hostname: config.HOSTNAME }, `Mizan is listening on http://localhost:${port}`);

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setPhase("draining");
    logger.info({ signal, drainMs: config.MIZAN_DRAIN_MS }, "shutting down");
    const longestDrainMs = config.MIZAN_DRAIN_MS + 10_000;
    const force = setTimeout(() => {
      logger.error("shutdown took longer than 10 s after draining; exiting");
      process.exit(1);
    }, longestDrainMs + 10_000);
    force.unref();
    // Still serving while /api/ready answers 503, until the balancer has marked the node down and sends nothing more.
    const drainedMs = await drainUntilQuiet({ sinceLastRequest: shedder.sinceLastRequest, quietMs: config.MIZAN_DRAIN_MS, longestMs: longestDrainMs });
    logger.info({ drainedMs }, "drained: closing the listener");
    // Stop accepting and drop sockets; the HTTP server closes once in-flight requests have finished.
    stopEmail();
    const closed = live.close();
    httpServer.closeIdleConnections();
    // Once every accepted request is answered, the connections left (idle ones a balancer keeps) carry nothing
    // more: cut them rather than wait for their timeouts. Readers were sent a close frame; a second to answer it.
    while (shedder.inFlight() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    httpServer.closeAllConnections();
    const since = performance.now();
    const took = () => Math.round(performance.now() - since);
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
    webSockets.destroyAll();
    await closed;
    const connectionsClosedMs = took();
    await flushVoteTotals();
    await flushCommunity();
    await notificationsDelivered();
    await live.closeRedis();
    const announcedMs = took() - connectionsClosedMs;
    await app.close();
    await uninstallDatabase();
    logger.info({ connectionsClosedMs, announcedMs, closedMs: took() - connectionsClosedMs - announcedMs }, "stopped cleanly");
    process.exit(0);
  };
  process.on("SIGTERM", (s) => void stop(s));
  process.on("SIGINT", (s) => void stop(s));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    console.error(error.message);
  } else {
    logger.fatal({ err: error }, `Mizan could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
