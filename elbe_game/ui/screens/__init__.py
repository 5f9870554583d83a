"""One screen per module. Each is imported when first shown, not at start-up."""
