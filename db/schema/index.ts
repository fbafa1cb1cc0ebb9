export * from "./ids";
export * from "./users";
export * from "./posts";
export * from "./scenarios";
export * from "./replies";
export * from "./forecasts";
export * from "./moderation";
export * from "./events";
