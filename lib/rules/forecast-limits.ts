/** A forecast spreads its 100 points over at most this many scenarios (plus Other); the map shows as many. */
export const maxForecastScenarios = 500;
