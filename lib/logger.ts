import pino from "pino";
import { Env } from "./env";

// Read LOG_LEVEL on its own so that importing the logger never throws; env() reports a bad value at start.
const level = Env.shape.LOG_LEVEL.catch("info").parse(process.env.LOG_LEVEL || undefined);

/** Structured JSON logs on stdout. */
export const logger = pino({ level, base: { app: "mizan" } });
