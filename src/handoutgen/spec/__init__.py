"""Stage 1: read a spec file (YAML with positions) and validate it into models."""
