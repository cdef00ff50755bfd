"""The store of compiled rule sets (the one on-disk cache); imports the model only."""
