"""Input files to typed records: the contract, reading, checking and name resolution."""
