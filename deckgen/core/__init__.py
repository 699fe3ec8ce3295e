"""What every stage uses: diagnostics and errors, YAML with positions, text normalisation,
did-you-mean suggestions, colour contrast, and the files deckgen ships. Depends on no stage."""
