CREATE INDEX `outbox_created_idx` ON `outbox` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_state_created_idx` ON `outbox` (`state`,`created_at`,`id`);