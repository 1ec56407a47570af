"""Stage 1, config: the inputs (from the environment or a lists file) validated into a frozen ``Settings``."""
