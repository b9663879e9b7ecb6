"""Commands: reports (registered by importing this module from ``cli``)."""
