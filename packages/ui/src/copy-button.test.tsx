import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CopyButton } from "./copy-button";

describe("CopyButton", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("copies the value and announces it", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    render(<CopyButton value="19041234567890" label="Copy tracking number" />);
    fireEvent.click(screen.getByRole("button", { name: "Copy tracking number" }));
    await screen.findByText("Copied to the clipboard");
    expect(writeText).toHaveBeenCalledWith("19041234567890");
    expect(screen.getByRole("button").textContent).toBe("Copied");
  });

  it("says when copying was not possible", async () => {
    vi.stubGlobal("navigator", {
      ...navigator,
      clipboard: { writeText: () => Promise.reject(new Error("denied")) },
    });
    // jsdom has no execCommand: the fallback fails too.
    render(<CopyButton value="x" label="Copy" />);
    fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    await waitFor(() => expect(screen.getByText("Could not copy")).toBeTruthy());
  });
});
