"""The anonymous page cache: whole HTML pages in the shared cache, purged precisely."""
