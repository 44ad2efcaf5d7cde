"""Plain-language and quality checks (`handoutgen check`)."""
