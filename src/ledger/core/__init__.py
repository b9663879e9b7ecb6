"""The pure core: records, queries, state changes, cross-record checks and dates — no files, no clock."""
