"""收款: the receipt list and the receipt entry / allocation dialog."""
