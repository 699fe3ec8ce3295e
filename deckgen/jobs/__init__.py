"""Scheduled regeneration: batch builds, manifests that skip unchanged decks, atomic output, locks.

Kept free of the pipeline's imports so a no-op rebuild stays fast."""
