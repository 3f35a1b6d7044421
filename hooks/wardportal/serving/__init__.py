"""Going live: the nginx configuration (nginxconf) and atomic releases (releases)."""
