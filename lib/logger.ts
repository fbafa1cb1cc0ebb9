import pino from "pino";
import { env } from "./env";

/** Structured JSON logs on stdout. */
export const logger = pino({ level: env().LOG_LEVEL, base: { app: "mizan" } });
