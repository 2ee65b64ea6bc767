import "@waybill/ui/styles.css";
import "./admin.css";
import { createApiClients } from "@waybill/ui/client";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element.");

// Created outside React so StrictMode's double mount cannot open a second WebSocket.
const clients = createApiClients(window.location);

createRoot(container).render(
  <StrictMode>
    <App clients={clients} />
  </StrictMode>,
);
