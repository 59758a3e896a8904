"""Pure metrics over pandas DataFrames: gap to target, progress, projection, status and roll-ups."""
