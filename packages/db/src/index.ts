export * from "./checkpointer";
export * from "./client";
export * from "./ids";
export * from "./queries/sessions";
export * from "./queries/users";
export * as schema from "./schema/index";
