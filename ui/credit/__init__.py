"""信用 tab: credit overview, held-order approvals, aging analysis and the statement of account."""
