"""销售 tab: the order list and the order form."""
