import type { ConnectionState } from "../connection-indicator";

/** The wsClient's own states: `pending` means the socket is open and serving requests. */
export type SocketState = "idle" | "connecting" | "pending";

/**
 * What the person should be told about live updates. A browser that knows it is offline wins
 * over the socket, which would otherwise say "reconnecting" forever.
 */
export function toConnectionState(socket: SocketState, browserOnline: boolean): ConnectionState {
  if (!browserOnline) return "offline";
  switch (socket) {
    case "pending":
      return "live";
    case "connecting":
      return "reconnecting";
    case "idle":
      return "offline";
  }
}
