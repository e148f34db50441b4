"""Ingestion: files → text → Documents with a clause tree → Chunks."""
