"""Stage 3: lay a resolved handout out as PDF pages with reportlab (imported lazily)."""
