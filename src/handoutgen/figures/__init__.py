"""Vector figures drawn from data: body maps (assets/bodymap) and exercise poses (exercise entries)."""
