"""The article-quota tracker: targets, counting periods, month and range tallies, their exports.

Pure logic shared by the portal's "Thống kê" pages (through hooks/portal.py) and
scripts/quota.py, so the site and the command line count the same articles the same way.
"""
