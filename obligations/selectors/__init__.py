"""Every non-trivial obligations read (split by sub-domain)."""
