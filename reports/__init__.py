"""Staff reports: needs without support, coverage statistics, source health."""
