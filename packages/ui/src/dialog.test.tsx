import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Dialog } from "./dialog";

describe("Dialog", () => {
  it("renders nothing inside while closed", () => {
    render(
      <Dialog open={false} onClose={() => {}} title="Ship order">
        Body
      </Dialog>,
    );
    expect(screen.queryByText("Body")).toBeNull();
  });

  it("is named by its title and described by its description when open", () => {
    render(
      <Dialog open onClose={() => {}} title="Ship order" description="Choose a carrier.">
        Body
      </Dialog>,
    );
    const dialog = screen.getByRole("dialog", { name: "Ship order" });
    const describedBy = dialog.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(describedBy)?.textContent).toBe("Choose a carrier.");
    expect(screen.getByText("Body")).toBeTruthy();
  });

  it("asks the parent to close from the close button and from Escape", () => {
    const onClose = vi.fn();
    render(<Dialog open onClose={onClose} title="Ship order" />);
    fireEvent.click(screen.getByRole("button", { name: "Close dialog" }));
    // Escape on a modal dialog fires `cancel` on the element.
    fireEvent(screen.getByRole("dialog"), new Event("cancel", { cancelable: true }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it("closes the element when the parent sets open to false", () => {
    const { rerender } = render(<Dialog open onClose={() => {}} title="Ship order" />);
    expect(screen.getByRole("dialog").hasAttribute("open")).toBe(true);
    rerender(<Dialog open={false} onClose={() => {}} title="Ship order" />);
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
