"""Every write of the review goes through a function in this package (one transaction each)."""
