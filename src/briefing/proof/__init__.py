"""The proof: built files read back and compared with the source."""
