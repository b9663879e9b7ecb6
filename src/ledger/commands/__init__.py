"""The CLI's commands, one module per group; ``cli`` imports them to register them."""
