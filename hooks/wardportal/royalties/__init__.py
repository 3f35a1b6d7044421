"""The royalty statement (bảng kê nhuận bút): internal, for accounting, never on the portal.

Counts the same articles per period as the quota tracker (wardportal.quota.counting);
rules and rates live in content/_portal/royalties.yml (excluded from the site).
"""
