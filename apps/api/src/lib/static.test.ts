import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { createSpaHandler } from "./static";

const root = mkdtempSync(join(tmpdir(), "waybill-spa-"));
mkdirSync(join(root, "assets"));
writeFileSync(join(root, "index.html"), "<!doctype html><title>shell</title>");
writeFileSync(join(root, "assets", "index-abc123.js"), "console.log(1)");
writeFileSync(join(root, "favicon.svg"), "<svg/>");
writeFileSync(join(tmpdir(), "waybill-outside.txt"), "secret");
afterAll(() => rmSync(root, { recursive: true, force: true }));

const app = new Hono();
app.get("/admin/*", createSpaHandler({ root, basePath: "/admin" }));
app.get("*", createSpaHandler({ root, basePath: "" }));

describe("createSpaHandler", () => {
  it("serves hashed assets with a year-long immutable cache", async () => {
    const response = await app.request("/assets/index-abc123.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/javascript");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("answers client-side routes with the never-cached app shell", async () => {
    for (const path of ["/", "/orders/123", "/admin/", "/admin/orders"]) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<title>shell</title>");
      expect(response.headers.get("cache-control")).toBe("no-cache");
    }
  });

  it("serves other files without the immutable cache", async () => {
    const response = await app.request("/favicon.svg");
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(response.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers a missing asset with 404, not the shell", async () => {
    expect((await app.request("/assets/index-old.js")).status).toBe(404);
  });

  it("never serves a file outside its root", async () => {
    const response = await app.request("/..%2fwaybill-outside.txt");
    expect(await response.text()).not.toContain("secret");
  });
});
