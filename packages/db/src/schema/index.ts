export * from "./carriers";
export * from "./events";
export * from "./orders";
export * from "./shipments";
export * from "./sync";
export * from "./users";
export * from "./status-mapping";
