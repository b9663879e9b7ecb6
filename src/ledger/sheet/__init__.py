"""The 台账 spreadsheet: its columns, reading a sheet, export and import."""
