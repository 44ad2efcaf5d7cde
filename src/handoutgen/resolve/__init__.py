"""Stage 2: turn a validated spec into a resolved handout (library, citations, assets)."""
