"""分析 tab: activity, margin, grades, potential customers, dormant customers, RFM, preferences and the company trend."""
