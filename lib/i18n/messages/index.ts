import arAuth from "./ar/auth.json";
import arAuthoring from "./ar/authoring.json";
import arCommon from "./ar/common.json";
import arDebate from "./ar/debate.json";
import arFeeds from "./ar/feeds.json";
import arForecast from "./ar/forecast.json";
import arHome from "./ar/home.json";
import arLive from "./ar/live.json";
import arNotify from "./ar/notify.json";
import arModActions from "./ar/mod-actions.json";
import arModeration from "./ar/moderation.json";
import arPost from "./ar/post.json";
import arSearch from "./ar/search.json";
import arPostControls from "./ar/post-controls.json";
import enAuth from "./en/auth.json";
import enAuthoring from "./en/authoring.json";
import enCommon from "./en/common.json";
import enDebate from "./en/debate.json";
import enFeeds from "./en/feeds.json";
import enForecast from "./en/forecast.json";
import enHome from "./en/home.json";
import enLive from "./en/live.json";
import enNotify from "./en/notify.json";
import enModActions from "./en/mod-actions.json";
import enModeration from "./en/moderation.json";
import enPost from "./en/post.json";
import enSearch from "./en/search.json";
import enPostControls from "./en/post-controls.json";

/**
 * UI strings, one file per area and language; each file holds its own top-level namespaces. A new area adds
 * its pair of files here.
 */
export const messages = {
  ar: { ...arCommon, ...arHome, ...arPost, ...arAuth, ...arDebate, ...arLive, ...arForecast, ...arAuthoring, ...arModActions, ...arModeration, ...arSearch, ...arNotify, ...arPostControls, ...arFeeds },
  en: { ...enCommon, ...enHome, ...enPost, ...enAuth, ...enDebate, ...enLive, ...enForecast, ...enAuthoring, ...enModActions, ...enModeration, ...enSearch, ...enNotify, ...enPostControls, ...enFeeds },
};
