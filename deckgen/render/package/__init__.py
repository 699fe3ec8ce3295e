"""The package: part names and relationships at scale, core properties, reproducible zip bytes."""
