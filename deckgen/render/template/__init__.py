"""Reading templates: layouts for each role, placeholders, profiles, inherited fonts and boxes."""
