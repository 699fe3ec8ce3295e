"""Filling slides: applying each slide's plan to its layout, drawing the footer, colours that read."""
