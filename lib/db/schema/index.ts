export * from "./enums";
export * from "./users";
export * from "./courses";
export * from "./exercises";
export * from "./assignments";
export * from "./submissions";
export * from "./rate-limits";
