"""Who may do what: roles, the pages and actions each may use, and the local accounts file."""
