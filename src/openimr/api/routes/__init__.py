"""One router per resource: auth, cases, records, items, letters, jobs, published, panel,
audit, users."""
