DROP INDEX `shipments_due_idx`;--> statement-breakpoint
CREATE INDEX `shipments_due_idx` ON `shipments` (`account_id`,`next_check_at`,`id`) WHERE "shipments"."next_check_at" is not null;