"""The pages of the 设置 tab: code tables, salespeople, products, company settings, accounts and language."""
