CREATE TABLE `status_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`carrier` text NOT NULL,
	`raw_code` text NOT NULL,
	`status` text NOT NULL,
	`substatus` text,
	`set_by` text,
	`set_by_name` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `status_overrides_carrier_code_uq` ON `status_overrides` (`carrier`,`raw_code`);--> statement-breakpoint
CREATE TABLE `unmapped_statuses` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`carrier` text NOT NULL,
	`raw_code` text NOT NULL,
	`raw_label` text,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`occurrences` integer DEFAULT 0 NOT NULL,
	`example_shipment_id` text,
	FOREIGN KEY (`account_id`) REFERENCES `carrier_accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`example_shipment_id`) REFERENCES `shipments`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unmapped_statuses_account_code_uq` ON `unmapped_statuses` (`account_id`,`raw_code`);--> statement-breakpoint
CREATE INDEX `unmapped_statuses_first_seen_idx` ON `unmapped_statuses` (`first_seen_at`);--> statement-breakpoint
CREATE INDEX `tracking_events_raw_code_idx` ON `tracking_events` (`raw_code`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_received_idx` ON `webhook_deliveries` (`received_at`,`id`);