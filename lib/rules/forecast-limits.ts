/** A forecast spreads its 100 points over at most this many scenarios (plus Other); the map shows as many. */
export const maxForecastScenarios = 500;

/**
 * The page carries the titles of only this many scenarios, the likeliest (the map's bubbles, the forecast's first
 * rows); the map's specks and the rows past them are places and ids, their titles fetched when asked for
 * (app/_components/forecast/scenario-titles.ts), so the page does not grow with the discussion.
 */
export const titledScenarios = 40;
