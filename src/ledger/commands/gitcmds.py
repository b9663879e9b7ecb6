"""Commands: gitcmds (registered by importing this module from ``cli``)."""
