import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Field } from "./field";
import { Input } from "./input";

describe("Field", () => {
  it("labels its control", () => {
    render(<Field label="Email">{(control) => <Input {...control} type="email" />}</Field>);
    expect(screen.getByLabelText("Email").tagName).toBe("INPUT");
  });

  it("describes the control with its error and marks it invalid", () => {
    render(
      <Field label="Password" error="Use at least 10 characters.">
        {(control) => <Input {...control} type="password" />}
      </Field>,
    );
    const input = screen.getByLabelText("Password");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const describedBy = input.getAttribute("aria-describedby");
    expect(describedBy).toBeTruthy();
    const description = document.getElementById(describedBy ?? "");
    expect(description?.textContent).toBe("Use at least 10 characters.");
  });

  it("lists both hint and error in aria-describedby", () => {
    render(
      <Field label="Phone" hint="With country code." error="Not a phone number.">
        {(control) => <Input {...control} />}
      </Field>,
    );
    const ids = screen.getByLabelText("Phone").getAttribute("aria-describedby")?.split(" ") ?? [];
    const texts = ids.map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(["With country code.", "Not a phone number."]);
  });

  it("is neither invalid nor described when it has no hint or error", () => {
    render(<Field label="Name">{(control) => <Input {...control} />}</Field>);
    const input = screen.getByLabelText("Name");
    expect(input.hasAttribute("aria-invalid")).toBe(false);
    expect(input.hasAttribute("aria-describedby")).toBe(false);
  });

  it("marks optional fields in the label", () => {
    render(
      <Field label="Phone" optional>
        {(control) => <Input {...control} />}
      </Field>,
    );
    expect(screen.getByLabelText("Phone (optional)")).toBeTruthy();
  });
});
