"""客户 tab: the customer list, the customer card and the batch-change dialogs."""
