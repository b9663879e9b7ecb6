"""Reports as plain data (view-models): list rows, the report by unit, the monthly bulletin."""
