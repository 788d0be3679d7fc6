"""Generated reports: stored bytes, their SHA-256 and the frozen snapshot they were rendered from."""
