import { type ReactNode, useEffect, useId, useRef } from "react";
import { cx } from "./class-names";

export type DialogProps = {
  open: boolean;
  /** Called when the person asks to close it (Escape, the close button, a click on the backdrop). */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** Buttons at the bottom; put the primary action last. */
  footer?: ReactNode;
  className?: string;
  children?: ReactNode;
};

/**
 * A modal dialog on the native `<dialog>` element, which gives focus trapping, Escape,
 * the top layer and focus return for free. The parent owns `open`.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  footer,
  className,
  children,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const isOpen = dialog.hasAttribute("open");
    if (open && !isOpen) {
      // Environments without showModal (older engines, jsdom) still get a visible, non-modal dialog.
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    } else if (!open && isOpen) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
    }
  }, [open]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click is a pointer shortcut; keyboards have Escape and the close button.
    <dialog
      ref={ref}
      className={cx("wb-dialog", className)}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Keep the element in step with `open`: the parent decides whether it really closes.
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      {open && (
        <>
          <div className="wb-dialog__header">
            <div>
              <h2 className="wb-dialog__title" id={titleId}>
                {title}
              </h2>
              {description && (
                <p className="wb-dialog__description" id={descriptionId}>
                  {description}
                </p>
              )}
            </div>
            <button
              type="button"
              className="wb-icon-button"
              aria-label="Close dialog"
              onClick={onClose}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {children !== undefined && <div className="wb-dialog__body">{children}</div>}
          {footer && <div className="wb-dialog__footer">{footer}</div>}
        </>
      )}
    </dialog>
  );
}
