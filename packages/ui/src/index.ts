export { Alert, type AlertProps } from "./alert";
export { Badge, type BadgeProps, type BadgeTone } from "./badge";
export {
  Button,
  type ButtonProps,
  type ButtonSize,
  type ButtonStyleOptions,
  type ButtonVariant,
  buttonClass,
} from "./button";
export { Card, type CardProps } from "./card";
export {
  ConnectionIndicator,
  type ConnectionIndicatorProps,
  type ConnectionState,
} from "./connection-indicator";
export { Dialog, type DialogProps } from "./dialog";
export { EmptyState, type EmptyStateProps } from "./empty-state";
export { Field, type FieldControlProps, type FieldProps } from "./field";
export { Input, type InputProps } from "./input";
export { Spinner, type SpinnerProps } from "./spinner";
export {
  ORDER_STATUS_LOOK,
  SHIPMENT_STATUS_LOOK,
  StatusBadge,
  type StatusBadgeProps,
} from "./status-badge";
export { Table, type TableColumn, type TableProps } from "./table";
export {
  type ToastApi,
  type ToastOptions,
  ToastProvider,
  type ToastProviderProps,
  type ToastTone,
  useToast,
} from "./toast";
