"""Storage: finding and reading the data folder, YAML, validation, the cache, locked block-only writes, evidence files."""
