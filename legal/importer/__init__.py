"""Import of Word, PDF and text files as draft document pages (R-SUB-1)."""
