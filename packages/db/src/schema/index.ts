export * from "./carriers";
export * from "./events";
export * from "./orders";
export * from "./shipments";
export * from "./status-mapping";
export * from "./sync";
export * from "./users";
