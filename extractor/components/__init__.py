"""spaCy components of the extractor pipelines, registered by entry points (see pyproject.toml)."""
