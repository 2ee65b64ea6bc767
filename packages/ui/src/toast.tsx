import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { cx } from "./class-names";

export type ToastTone = "neutral" | "info" | "success" | "warning" | "danger";

export type ToastOptions = {
  title: ReactNode;
  description?: ReactNode;
  tone?: ToastTone;
  /** Milliseconds before it hides itself; `null` keeps it until dismissed. Default 6000. */
  duration?: number | null;
};

export type ToastApi = {
  /** Shows a toast and returns its id. */
  show: (toast: ToastOptions) => string;
  dismiss: (id: string) => void;
};

type ActiveToast = ToastOptions & { id: string };

const DEFAULT_DURATION_MS = 6000;
// Older toasts drop off first so a burst of updates cannot cover the page.
const MAX_VISIBLE = 4;

const ToastContext = createContext<ToastApi | null>(null);

/** Access the toast host from any component under `ToastProvider`. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast() must be called under <ToastProvider>.");
  return api;
}

export type ToastProviderProps = { children?: ReactNode };

/**
 * Holds the toasts and renders their host: a polite live region in the bottom corner.
 * The region is always in the DOM so screen readers announce toasts added to it.
 */
export function ToastProvider({ children }: ToastProviderProps) {
  const [toasts, setToasts] = useState<ActiveToast[]>([]);
  const nextId = useRef(0);

  const dismiss = useCallback((id: string) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const show = useCallback((toast: ToastOptions) => {
    nextId.current += 1;
    const id = `toast-${nextId.current}`;
    setToasts((current) => [...current, { ...toast, id }].slice(-MAX_VISIBLE));
    return id;
  }, []);

  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className="wb-toast-region" aria-label="Notifications">
        <ol className="wb-toast-list" aria-live="polite">
          {toasts.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </ol>
      </section>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: ActiveToast; onDismiss: (id: string) => void }) {
  const [paused, setPaused] = useState(false);
  const duration = toast.duration === undefined ? DEFAULT_DURATION_MS : toast.duration;

  // Hovering or focusing a toast pauses it, so nobody loses a message while reading it.
  useEffect(() => {
    if (duration === null || paused) return;
    const timer = setTimeout(() => onDismiss(toast.id), duration);
    return () => clearTimeout(timer);
  }, [duration, paused, onDismiss, toast.id]);

  return (
    <li
      className={cx("wb-toast", `wb-toast--${toast.tone ?? "neutral"}`)}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className="wb-toast__content">
        <p className="wb-toast__title">{toast.title}</p>
        {toast.description && <p className="wb-toast__description">{toast.description}</p>}
      </div>
      <button
        type="button"
        className="wb-icon-button"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(toast.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}
