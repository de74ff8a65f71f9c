"""Text utilities every extract stage shares: sentences (and, as they land, numbers and dates)."""
