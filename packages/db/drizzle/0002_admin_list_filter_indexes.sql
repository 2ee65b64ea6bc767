CREATE INDEX `shipments_carrier_order_idx` ON `shipments` (`carrier`,`order_id`);--> statement-breakpoint
CREATE INDEX `shipments_account_order_idx` ON `shipments` (`account_id`,`order_id`);