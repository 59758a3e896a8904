"""Read models that join the store's frames with the metrics: what the CLI, pages and deck show."""
