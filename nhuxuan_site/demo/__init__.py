"""Demo content for the Như Xuân reference deployment (data only, used by load_demo)."""
