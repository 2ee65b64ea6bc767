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
export { CopyButton, type CopyButtonProps } from "./copy-button";
export { Countdown, type CountdownProps, useCountdown } from "./countdown";
export { Dialog, type DialogProps } from "./dialog";
export { EmptyState, type EmptyStateProps } from "./empty-state";
export { Field, type FieldControlProps, type FieldProps } from "./field";
export {
  type DateInput,
  type DateStyle,
  dayKey,
  formatClock,
  formatDate,
  formatMoney,
  formatRelative,
  toDate,
} from "./format";
export { Input, type InputProps } from "./input";
export {
  type MilestoneState,
  type MilestoneStep,
  MilestoneTrack,
  type MilestoneTrackProps,
} from "./milestone-track";
export { NotificationBell, type NotificationBellProps } from "./notification-bell";
export {
  type NotificationCategoryOption,
  NotificationPanel,
  type NotificationPanelItem,
  type NotificationPanelProps,
} from "./notification-panel";
export { RelativeTime, type RelativeTimeProps } from "./relative-time";
export {
  DEFAULT_SHOP_LOCALE,
  type ShopLocale,
  ShopLocaleProvider,
  type ShopLocaleProviderProps,
  useShopLocale,
} from "./shop-locale";
export { Spinner, type SpinnerProps } from "./spinner";
export {
  ORDER_STATUS_LOOK,
  SHIPMENT_STATUS_LOOK,
  StatusBadge,
  type StatusBadgeProps,
} from "./status-badge";
export { Table, type TableColumn, type TableProps } from "./table";
export {
  Timeline,
  type TimelineEntry,
  type TimelineGroup,
  type TimelineProps,
} from "./timeline";
export {
  type ToastApi,
  type ToastOptions,
  ToastProvider,
  type ToastProviderProps,
  type ToastTone,
  useToast,
} from "./toast";
export { useNow } from "./use-now";
