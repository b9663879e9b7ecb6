"""Output: rich tables for people, JSON, CSV and Markdown for other programs and documents."""
