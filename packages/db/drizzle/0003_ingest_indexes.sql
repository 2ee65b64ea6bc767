DROP INDEX `events_user_idx`;--> statement-breakpoint
CREATE INDEX `events_notification_user_idx` ON `events` (`user_id`,`id`) WHERE "events"."topic" = 'notification';--> statement-breakpoint
DROP INDEX `tracking_events_dedupe_key_unique`;--> statement-breakpoint
DROP INDEX `tracking_events_shipment_time_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `tracking_events_shipment_scan_uq` ON `tracking_events` (`shipment_id`,`occurred_at`,`dedupe_key`);